package fr.vigie.diff;

import fr.vigie.coverage.Coverage;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.Finding;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One commune as one scan left it: what the scan asked ({@link Coverage}), the findings it saw,
 * and the findings and assets of earlier scans it could not look at again (carried, unknown).
 * The commune's state after the scan is both: what it saw, and what it last knew of the rest.
 *
 * @param coverage what the scan asked and what each question got ({@link Coverage#LEGACY} for
 *     a scan stored before coverage was recorded)
 * @param findings the findings the scan raised
 * @param carried findings of earlier scans this scan could not confirm nor clear, with why
 * @param assets in-scope hosts, {@code host address} pairs and services the scan saw
 * @param carriedAssets assets of earlier scans this scan did not look up again
 * @param firstSeen finding key to when it was first seen for this commune
 */
public record Snapshot(
    long scanId,
    Instant started,
    Coverage coverage,
    List<Finding> findings,
    List<CarriedFinding> carried,
    Set<String> assets,
    Set<String> carriedAssets,
    Map<String, Instant> firstSeen) {

  /** A finding not looked at again, and the reason ({@link CommuneDiff} reason codes). */
  public Snapshot {
    coverage = coverage == null ? Coverage.LEGACY : coverage;
    findings = List.copyOf(findings);
    carried = carried == null ? List.of() : List.copyOf(carried);
    assets = Set.copyOf(assets);
    carriedAssets = carriedAssets == null ? Set.of() : Set.copyOf(carriedAssets);
    firstSeen = Map.copyOf(firstSeen);
  }

  /** What the commune is believed to have after this scan: seen now, or last known. */
  public Map<String, Finding> state() {
    Map<String, Finding> out = new LinkedHashMap<>();
    for (CarriedFinding c : carried) {
      out.put(c.finding().key(), c.finding());
    }
    for (Finding f : findings) {
      out.put(f.key(), f);
    }
    return out;
  }

  public Set<String> stateAssets() {
    Set<String> out = new TreeSet<>(assets);
    out.addAll(carriedAssets);
    return out;
  }
}
