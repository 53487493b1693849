package fr.vigie.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Reads an inventory in any format vigie knows: csv, json, annuaire (by name or by extension). */
public final class Inventories {

  private Inventories() {}

  public static Inventory read(Path file, String format) throws IOException {
    String f = format == null ? guess(file) : format.toLowerCase(Locale.ROOT);
    return switch (f) {
      case "csv" -> CsvInventoryReader.read(file);
      case "json" -> JsonInventoryReader.read(file);
      case "annuaire" -> AnnuaireReader.read(file);
      default ->
        throw new IllegalArgumentException(
            "unknown inventory format '" + format + "' (csv, json, annuaire)");
    };
  }

  /** A JSON file's tree; invalid JSON is an error naming the file and line. */
  static com.fasterxml.jackson.databind.JsonNode readJson(Path file) throws IOException {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new IOException(file + where + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String guess(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") ? "json" : "csv";
  }
}
