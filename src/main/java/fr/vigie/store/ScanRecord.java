package fr.vigie.store;

import fr.vigie.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    Map<Severity, Integer> findings,
    List<String> narrowed,
    int complete,
    int partial,
    int unreachable) {

  /**
   * @param narrowed the options that narrowed the scan; null for a scan stored before vigie
   *     recorded them
   * @param complete communes scanned completely ({@code partial}, {@code unreachable} likewise)
   */
  public ScanRecord {
    narrowed = narrowed == null ? null : List.copyOf(narrowed);
  }

  /** How long it ran, or null while it runs (or when its end was never written). */
  public Duration duration() {
    return finished == null ? null : Duration.between(started, finished);
  }

  public int findingCount() {
    return findings.values().stream().mapToInt(Integer::intValue).sum();
  }
}
