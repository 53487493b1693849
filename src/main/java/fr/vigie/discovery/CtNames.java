package fr.vigie.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.inventory.DomainNames;
import fr.vigie.inventory.Scope;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host names a Certificate Transparency search answered (the JSON of crt.sh and compatible
 * APIs: an array of entries with {@code name_value} — several names, one a line —, {@code
 * common_name} and {@code not_after}): names in the commune's scope, a wildcard as its parent,
 * certificates expired for more than a year left out (hosts long gone). Pure.
 */
public final class CtNames {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CtNames() {}

  /** The names, or empty when the answer is not such a JSON array (an error page, a cut body). */
  public static Optional<Set<String>> parse(String body, Scope scope, Instant now) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (Exception e) {
      return Optional.empty();
    }
    if (root == null || !root.isArray()) {
      return Optional.empty();
    }
    Instant oldest = now.minus(Duration.ofDays(365));
    Set<String> out = new TreeSet<>();
    for (JsonNode entry : root) {
      Instant notAfter = instant(entry.path("not_after").asText(""));
      if (notAfter != null && notAfter.isBefore(oldest)) {
        continue;
      }
      String all =
          entry.path("name_value").asText("") + "\n" + entry.path("common_name").asText("");
      for (String raw : all.split("\\n")) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
          name = name.substring(0, name.length() - 1);
        }
        if (name.startsWith("*.")) {
          name = name.substring(2);
        }
        if (!name.isEmpty()
            && !name.contains("*")
            && !name.contains("@")
            && DomainNames.isValidHostName(name)
            && scope.contains(name)) {
          out.add(name);
        }
      }
    }
    return Optional.of(out);
  }

  private static Instant instant(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
