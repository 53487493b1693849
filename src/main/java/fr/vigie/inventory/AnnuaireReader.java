package fr.vigie.inventory;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public <em>Annuaire de l'administration</em> export (service-public.fr, on data.gouv.fr):
 * one record per local service, with {@code nom}, {@code pivot} (the service type and its INSEE
 * codes), {@code code_insee_commune}, {@code site_internet} (a list of {@code {"valeur": url}}) and
 * {@code adresse_courriel}. Nested fields come JSON-encoded as strings in some exports and as
 * JSON in others: both are read. Town halls are kept, "mairies déléguées" skipped; the seeds of a
 * commune are its websites' hosts and its e-mail domain unless that is a mail provider's. A
 * problem names the record's position in the file (1 for the first).
 */
public final class AnnuaireReader {

  /** Mail providers whose domain says nothing about the commune's own. */
  static final Set<String> MAIL_PROVIDERS = Set.of(
      "orange.fr",
      "wanadoo.fr",
      "free.fr",
      "sfr.fr",
      "neuf.fr",
      "laposte.net",
      "gmail.com",
      "hotmail.fr",
      "hotmail.com",
      "outlook.fr",
      "outlook.com",
      "live.fr",
      "yahoo.fr",
      "yahoo.com",
      "aol.com",
      "bbox.fr",
      "club-internet.fr",
      "numericable.fr",
      "cegetel.net",
      "aliceadsl.fr",
      "nordnet.fr",
      "orange-business.fr");

  private static final Pattern PREFIX =
      Pattern.compile("(?i)^(mairie|hôtel de ville|hotel de ville)\\s*(-|–|de|d'|du|des)?\\s*");

  private AnnuaireReader() {}

  public static Inventory read(Path file) throws IOException {
    JsonNode root = Inventories.readJson(file);
    JsonNode records = root;
    if (root != null && root.isObject()) {
      records = null;
      for (JsonNode v : root) {
        if (v.isArray()) {
          records = v;
          break;
        }
      }
    }
    if (records == null || !records.isArray()) {
      throw new IOException(file + ": expected an array of records (the annuaire export)");
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, Integer> firstRecord = new LinkedHashMap<>();
    Map<String, Set<String>> seeds = new LinkedHashMap<>();
    List<Inventory.Problem> problems = new ArrayList<>();
    int index = 0;
    for (JsonNode record : records) {
      index++;
      if (!isTownHall(record)) {
        continue;
      }
      String insee = insee(record);
      if (insee == null) {
        problems.add(new Inventory.Problem(
            file.toString(),
            index,
            "town hall '" + record.path("nom").asText() + "' has no INSEE code"));
        continue;
      }
      Set<String> domains = seeds.computeIfAbsent(insee, k -> new LinkedHashSet<>());
      names.putIfAbsent(insee, communeName(record.path("nom").asText(insee)));
      firstRecord.putIfAbsent(insee, index);
      for (JsonNode site : list(record.get("site_internet"))) {
        String url = site.isObject() ? site.path("valeur").asText("") : site.asText("");
        addSeed(domains, url, file, index, problems);
      }
      for (JsonNode mail : list(record.get("adresse_courriel"))) {
        for (String address : mail.asText("").split("[;,\\s]+")) {
          int at = address.lastIndexOf('@');
          if (at > 0) {
            String domain = address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
            if (!MAIL_PROVIDERS.contains(domain)) {
              addSeed(domains, domain, file, index, problems);
            }
          }
        }
      }
    }
    List<Commune> communes = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : seeds.entrySet()) {
      if (e.getValue().isEmpty()) {
        problems.add(new Inventory.Problem(
            file.toString(),
            firstRecord.get(e.getKey()),
            "commune " + e.getKey() + " " + names.get(e.getKey())
                + ": no website and no own mail domain"));
        continue;
      }
      try {
        communes.add(CsvInventoryReader.toCommune(
            List.of(e.getKey(), names.get(e.getKey()), String.join(" ", e.getValue()))));
      } catch (InvalidTargetException x) {
        problems.add(new Inventory.Problem(
            file.toString(),
            firstRecord.get(e.getKey()),
            "commune " + e.getKey() + ": " + x.getMessage()));
      }
    }
    return new Inventory(communes, problems);
  }

  private static void addSeed(
      Set<String> domains, String raw, Path file, int index, List<Inventory.Problem> problems) {
    if (raw == null || raw.isBlank()) {
      return;
    }
    try {
      String host = DomainNames.normalise(raw);
      DomainNames.registrableDomain(host);
      domains.add(host);
    } catch (InvalidTargetException e) {
      problems.add(new Inventory.Problem(file.toString(), index, e.getMessage()));
    }
  }

  /** A town hall: a pivot of type "mairie", and not a "mairie déléguée". */
  static boolean isTownHall(JsonNode record) {
    String nom = record.path("nom").asText("").toLowerCase(Locale.ROOT);
    if (nom.contains("déléguée") || nom.contains("deleguee") || nom.contains("annexe")) {
      return false;
    }
    for (JsonNode p : list(record.get("pivot"))) {
      String type = p.path("type_service_local").asText("").toLowerCase(Locale.ROOT);
      if (type.equals("mairie")) {
        return true;
      }
    }
    return false;
  }

  static String insee(JsonNode record) {
    for (JsonNode p : list(record.get("pivot"))) {
      for (JsonNode code : list(p.get("code_insee_commune"))) {
        if (!code.asText("").isBlank()) {
          return code.asText().strip();
        }
      }
    }
    JsonNode direct = record.get("code_insee_commune");
    if (direct != null && !direct.asText("").isBlank()) {
      return direct.asText().strip();
    }
    return null;
  }

  static String communeName(String nom) {
    String n = PREFIX.matcher(nom.strip()).replaceFirst("");
    return n.isBlank() ? nom.strip() : n;
  }

  /** A field as a list: a JSON array, a JSON-encoded array in a string, or one value. */
  static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    JsonNode n = node;
    if (n.isTextual()) {
      String t = n.asText().strip();
      if (t.startsWith("[") || t.startsWith("{")) {
        try {
          n = new ObjectMapper().readTree(t);
        } catch (JacksonException e) {
          out.add(node);
          return out;
        }
      }
    }
    if (n.isArray()) {
      n.forEach(out::add);
    } else {
      out.add(n);
    }
    return out;
  }
}
