package fr.vigie.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The JSON inventory: {@code {"communes": [{"insee": "71076", "name": "Chalon-sur-Saône",
 * "domains": ["chalonsursaone.fr"]}]}} (or the bare array). A bad entry is reported as {@code
 * FILE: entry N: reason} and skipped.
 */
public final class JsonInventoryReader {

  private JsonInventoryReader() {}

  public static Inventory read(Path file) throws IOException {
    JsonNode root = Inventories.readJson(file);
    JsonNode list =
        root != null && root.isArray() ? root : root == null ? null : root.get("communes");
    if (list == null || !list.isArray()) {
      throw new IOException(file + ": expected an array of communes, or {\"communes\": [...]}");
    }
    List<Commune> communes = new ArrayList<>();
    List<Inventory.Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int index = 0;
    for (JsonNode entry : list) {
      index++;
      try {
        List<String> domains = new ArrayList<>();
        JsonNode d = entry.get("domains");
        if (d != null && d.isArray()) {
          d.forEach(x -> domains.add(x.asText()));
        } else if (d != null && d.isTextual()) {
          domains.add(d.asText());
        }
        List<String> contacts = new ArrayList<>();
        JsonNode k = entry.get("contact");
        if (k != null && k.isArray()) {
          k.forEach(x -> contacts.add(x.asText()));
        } else if (k != null && k.isTextual()) {
          contacts.add(k.asText());
        }
        Commune c = CsvInventoryReader.toCommune(List.of(
            entry.path("insee").asText(""),
            entry.path("name").asText(""),
            String.join(" ", domains),
            String.join(" ", contacts)));
        if (!seen.add(c.key())) {
          problems.add(new Inventory.Problem(
              file.toString(), index, "duplicate INSEE code " + c.insee() + " (first one kept)"));
          continue;
        }
        communes.add(c);
      } catch (InvalidTargetException e) {
        problems.add(new Inventory.Problem(file.toString(), index, e.getMessage()));
      }
    }
    return new Inventory(communes, problems);
  }

  /** The inventory as our JSON, for {@code vigie targets import --to json}. */
  public static String write(List<Commune> communes) {
    StringBuilder sb = new StringBuilder("{\"communes\": [\n");
    ObjectMapper m = new ObjectMapper();
    for (int i = 0; i < communes.size(); i++) {
      Commune c = communes.get(i);
      var node = m.createObjectNode();
      node.put("insee", c.insee());
      node.put("name", c.name());
      var arr = node.putArray("domains");
      new LinkedHashSet<>(c.seeds()).forEach(arr::add);
      if (!c.contacts().isEmpty()) {
        var to = node.putArray("contact");
        c.contacts().forEach(to::add);
      }
      sb.append("  ").append(node).append(i + 1 < communes.size() ? ",\n" : "\n");
    }
    return sb.append("]}\n").toString();
  }
}
