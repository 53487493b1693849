package fr.vigie.target;

import java.io.IOException;
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
      default -> throw new IllegalArgumentException("unknown inventory format '" + format + "' (csv, json, annuaire)");
    };
  }

  static String guess(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") ? "json" : "csv";
  }
}
