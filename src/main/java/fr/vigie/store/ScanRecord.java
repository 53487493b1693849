package fr.vigie.store;

import fr.vigie.check.Severity;
import java.time.Instant;
import java.util.Map;

/** A stored scan as {@code vigie scans} lists it. */
public record ScanRecord(
    long id,
    Instant started,
    Instant finished,
    String status,
    String toolVersion,
    String arguments,
    int communes,
    int communesDone,
    int hosts,
    Map<Severity, Integer> findings) {

  public int findingCount() {
    return findings.values().stream().mapToInt(Integer::intValue).sum();
  }
}
