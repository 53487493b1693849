package fr.vigie.inventory;

import java.util.List;
import java.util.Objects;

/**
 * A scan target: a commune and its seed domains (normalised ASCII names).
 *
 * @param insee the INSEE code, or null for an ad-hoc domain given on the command line
 * @param name the display name (UTF-8, may have accents)
 * @param seeds at least one normalised name
 * @param contacts the e-mail addresses the nightly alerts of this commune go to (the inventory's
 *     optional {@code contact} column); empty when none
 */
public record Commune(String insee, String name, List<String> seeds, List<String> contacts) {

  public Commune {
    Objects.requireNonNull(name, "name");
    seeds = List.copyOf(seeds);
    contacts = contacts == null ? List.of() : List.copyOf(contacts);
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a commune needs at least one domain");
    }
  }

  public Commune(String insee, String name, List<String> seeds) {
    this(insee, name, seeds, List.of());
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
