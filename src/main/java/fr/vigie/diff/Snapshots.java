package fr.vigie.diff;

import fr.vigie.coverage.Assets;
import fr.vigie.coverage.Coverage;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.Finding;
import fr.vigie.store.ScanCommune;
import fr.vigie.store.ScanLog;
import fr.vigie.store.ScanReader;
import fr.vigie.store.ScanRecord;
import fr.vigie.store.StoredFinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A commune as a stored scan left it, for the diff: what the scan asked, its findings with
 * first-seen dates, what it carried from earlier scans, and its assets. The store keeps the
 * facts; what a scan that failed or never reached the commune means (unreachable, nothing
 * known) is decided here.
 */
public final class Snapshots {

  private final ScanLog log;
  private final ScanReader reader;

  public Snapshots(ScanLog log, ScanReader reader) {
    this.log = log;
    this.reader = reader;
  }

  public Snapshot of(ScanRecord scan, ScanCommune commune) {
    return of(scan.id(), scan.started(), commune);
  }

  /** The commune as the newest completed scan before {@code scanId} left it, if any. */
  public Optional<Snapshot> previous(long scanId, String communeKey) {
    Optional<Long> previous = log.previousScan(scanId, communeKey);
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    Instant started = reader.started(previous.get()).orElse(Instant.EPOCH);
    return log.commune(previous.get(), communeKey).map(c -> of(previous.get(), started, c));
  }

  private Snapshot of(long scanId, Instant scanStarted, ScanCommune commune) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Instant> firstSeen = new LinkedHashMap<>();
    for (StoredFinding sf : reader.findings(scanId, commune.id())) {
      findings.add(sf.finding());
      if (sf.firstSeen() != null) {
        firstSeen.put(sf.finding().key(), sf.firstSeen());
      }
    }
    List<CarriedFinding> carried = new ArrayList<>();
    for (ScanReader.StoredCarried sc : reader.carried(scanId, commune.id())) {
      carried.add(sc.carried());
      if (sc.firstSeen() != null) {
        firstSeen.put(sc.carried().finding().key(), sc.firstSeen());
      }
    }
    ScanReader.CommuneCoverage stored = reader.communeCoverage(scanId, commune.id());
    Coverage coverage = stored.coverage();
    // A commune whose scan threw before coverage was kept, or that the scan never reached, was
    // not looked at: nothing it had can be taken as fixed.
    if ("failed".equals(commune.status()) && Coverage.LEGACY.equals(coverage)) {
      coverage = Coverage.unreachable("error", null, List.of(), List.of(), List.of());
    }
    if ("pending".equals(commune.status())) {
      coverage = Coverage.unreachable("not-scanned", null, List.of(), List.of(), List.of());
    }
    Set<String> assets = Assets.of(
        reader.hosts(scanId, commune.id()).values(), reader.services(scanId, commune.id()));
    return new Snapshot(
        scanId,
        scanStarted,
        coverage,
        findings,
        carried,
        assets,
        stored.carriedAssets(),
        firstSeen);
  }
}
