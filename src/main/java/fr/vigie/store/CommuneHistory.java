package fr.vigie.store;

import fr.vigie.model.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * One commune in one stored scan, as a history chart draws it: the findings the scan saw, by
 * severity, and how many earlier findings it could not look at again (unknown, not fixed).
 *
 * @param coverage {@code complete}, {@code partial}, {@code unreachable}, or null for a scan
 *     stored before vigie recorded what it asked
 */
public record CommuneHistory(
    long scan, Instant started, String coverage, Map<Severity, Integer> found, int unknown) {

  public CommuneHistory {
    found = Map.copyOf(found);
  }

  public int found(Severity s) {
    return found.getOrDefault(s, 0);
  }

  /** The scan could not reach the commune: nothing was seen, which says nothing. */
  public boolean unreachable() {
    return "unreachable".equals(coverage);
  }
}
