package fr.vigie.inventory;

import java.util.List;
import java.util.Objects;

/**
 * A scan target: a commune and its seed domains (normalised ASCII names).
 *
 * @param insee the INSEE code, or null for an ad-hoc domain given on the command line
 * @param name the display name (UTF-8, may have accents)
 * @param seeds at least one normalised name
 */
public record Commune(String insee, String name, List<String> seeds) {

  public Commune {
    Objects.requireNonNull(name, "name");
    seeds = List.copyOf(seeds);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a commune needs at least one domain");
    }
  }

  /** For ad-hoc domains given on the command line: the domain is its own commune. */
  public static Commune adHoc(String domain) {
    return new Commune(null, domain, List.of(domain));
  }

  /** Identity in the store: the INSEE code, or the first seed for an ad-hoc target. */
  public String key() {
    return insee != null ? insee : seeds.get(0);
  }
}
