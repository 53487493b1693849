package fr.vigie.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Titles, remediation texts (French and English) and references of every check, read from
 * {@code checks/catalogue.yaml}. Immutable and thread-safe once loaded.
 */
public final class CheckCatalogue {

  /** Check ids: a known family, then dotted lower-case segments. */
  public static final Pattern ID_PATTERN =
      Pattern.compile("(dns|mail|http|tls|cert|tech|exposure|service)(\\.[a-z0-9]+(-[a-z0-9]+)*)+");

  public enum Lang {
    FR,
    EN;

    public static Lang parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "fr" -> FR;
        case "en" -> EN;
        default -> throw new IllegalArgumentException("unknown language '" + text + "' (fr or en)");
      };
    }
  }

  public record Entry(
      String id,
      Severity severity,
      String titleFr,
      String titleEn,
      String remediationFr,
      String remediationEn,
      String reference) {

    public String title(Lang lang) {
      return lang == Lang.FR ? titleFr : titleEn;
    }

    public String remediation(Lang lang) {
      return lang == Lang.FR ? remediationFr : remediationEn;
    }
  }

  private static final String RESOURCE = "/fr/vigie/checks/catalogue.yaml";
  private static volatile CheckCatalogue builtIn;

  /**
   * An id no check raises any more. Kept for ever: reports and suppressions that name it stay
   * readable, and it is never given to another check.
   *
   * @param since the date it was retired
   * @param reason why, and what replaces it if anything
   */
  public record Retired(String id, String since, String reason) {}

  private final Map<String, Entry> entries;
  private final Map<String, Retired> retired;

  private CheckCatalogue(Map<String, Entry> entries, Map<String, Retired> retired) {
    this.entries = Collections.unmodifiableMap(entries);
    this.retired = Collections.unmodifiableMap(retired);
  }

  public static CheckCatalogue builtIn() {
    CheckCatalogue c = builtIn;
    if (c == null) {
      synchronized (CheckCatalogue.class) {
        c = builtIn;
        if (c == null) {
          try (InputStream in = CheckCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + RESOURCE);
            }
            c = builtIn = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
          }
        }
      }
    }
    return c;
  }

  static CheckCatalogue read(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    Map<String, Entry> entries = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.path("checks").properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode n = e.getValue();
      entries.put(
          e.getKey(),
          new Entry(
              e.getKey(),
              Severity.parse(n.path("severity").asText("info")),
              n.path("title").path("fr").asText(""),
              n.path("title").path("en").asText(""),
              n.path("remediation").path("fr").asText(""),
              n.path("remediation").path("en").asText(""),
              n.path("reference").asText("")));
    }
    Map<String, Retired> retired = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> gone =
        root.path("retired").properties().iterator();
    while (gone.hasNext()) {
      Map.Entry<String, JsonNode> e = gone.next();
      retired.put(
          e.getKey(),
          new Retired(
              e.getKey(),
              e.getValue().path("since").asText(""),
              e.getValue().path("reason").asText("")));
    }
    return new CheckCatalogue(entries, retired);
  }

  public Optional<Entry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  public Map<String, Entry> entries() {
    return entries;
  }

  /** Ids retired from use, by id. */
  public Map<String, Retired> retired() {
    return retired;
  }
}
