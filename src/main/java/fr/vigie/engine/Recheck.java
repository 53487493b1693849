package fr.vigie.engine;

import fr.vigie.check.Checks;
import fr.vigie.check.tls.TlsGrading;
import fr.vigie.check.tls.TrustAnchors;
import fr.vigie.check.web.HttpGrading;
import fr.vigie.coverage.Coverage;
import fr.vigie.fingerprint.Banners;
import fr.vigie.fingerprint.Detection;
import fr.vigie.fingerprint.Fingerprinter;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.CommuneResult;
import fr.vigie.model.Finding;
import fr.vigie.model.HttpGrade;
import fr.vigie.model.TlsGrade;
import fr.vigie.observation.Asset;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import fr.vigie.store.CommuneWriter;
import fr.vigie.store.ScanCommune;
import fr.vigie.store.ScanLog;
import fr.vigie.store.ScanReader;
import fr.vigie.store.ScanRecord;
import fr.vigie.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code vigie recheck}: today's checks, fingerprint rules and version data run again over the
 * observations a stored scan kept, without any network, stored as a new scan. Its diff against
 * the old one is what the rules changed. The clock is the old scan's, so that a date that passed
 * since (an end of life, a certificate's expiry) is not taken for a rule change; the coverage and
 * the unknowns are the old scan's: what it did not ask stays not asked.
 */
public final class Recheck {

  /** What a recheck wrote: the new scan and how many communes and findings it has. */
  public record Outcome(long scanId, int communes, int findings) {}

  private final Store store;
  private final TrustAnchors trust;
  private final Fingerprinter fingerprinter;
  private final fr.vigie.fingerprint.VersionIntel intel;

  public Recheck(
      Store store,
      TrustAnchors trust,
      Fingerprinter fingerprinter,
      fr.vigie.fingerprint.VersionIntel intel) {
    this.store = store;
    this.trust = trust;
    this.fingerprinter = fingerprinter;
    this.intel = intel;
  }

  public Outcome run(long scanId, Instant now) {
    ScanLog log = new ScanLog(store);
    ScanReader reader = new ScanReader(store);
    ScanRecord old = log.scan(scanId)
        .orElseThrow(
            () -> new fr.vigie.UserInputException("no scan " + scanId + " in the database"));
    Checks checks = Checks.all(Clock.fixed(old.started(), ZoneOffset.UTC), trust, intel);
    List<ScanCommune> communes = log.communes(scanId);
    List<Commune> inventory = new ArrayList<>();
    for (ScanCommune c : communes) {
      inventory.add(new Commune(c.insee(), c.name(), c.seeds()));
    }
    long id = log.createScan(
        now,
        "recheck of " + scanId,
        old.narrowed() == null ? List.of() : old.narrowed(),
        inventory);
    CommuneWriter writer = new CommuneWriter(store);
    int findings = 0;
    for (int i = 0; i < communes.size(); i++) {
      ScanCommune c = communes.get(i);
      Commune commune = inventory.get(i);
      ScanReader.CommuneCoverage coverage = reader.communeCoverage(scanId, c.id());
      List<CarriedFinding> carried = reader.carried(scanId, c.id()).stream()
          .map(ScanReader.StoredCarried::carried)
          .toList();
      Instant observed = reader.started(scanId).orElse(old.started());
      if (!c.status().equals("done")) {
        writer.markCommuneFailed(
            id, commune, now, coverage.coverage(), carried, coverage.carriedAssets());
        continue;
      }
      CommuneResult result = commune(
          checks,
          commune,
          reader.domains(scanId, c.id()),
          List.copyOf(reader.hosts(scanId, c.id()).values()),
          reader.web(scanId, c.id()),
          reader.tls(scanId, c.id()),
          reader.services(scanId, c.id()),
          reader.technologies(scanId, c.id()),
          coverage.coverage(),
          carried,
          coverage.carriedAssets());
      findings += result.findings().size();
      writer.saveCommune(id, result, observed);
    }
    log.finishScan(id, "completed", Instant.now());
    return new Outcome(id, communes.size(), findings);
  }

  /**
   * One commune, in the engine's order: domains, hosts, web (its grade and technologies), the
   * technologies of web servers on other ports as stored, TLS (its grade), banners, services.
   */
  CommuneResult commune(
      Checks checks,
      Commune commune,
      List<DomainObservation> domains,
      List<HostObservation> hosts,
      List<WebObservation> web,
      List<TlsObservation> tls,
      List<ServiceObservation> services,
      Map<String, List<Detection>> storedTechnologies,
      Coverage coverage,
      List<CarriedFinding> carried,
      Set<String> carriedAssets) {
    FindingSink sink = new FindingSink(checks);
    CommuneDiscovery found = new CommuneDiscovery(commune, Scope.of(commune), domains, hosts);
    domains.forEach(sink::run);
    hosts.forEach(sink::run);
    // A scan that did not fingerprint (--no-tech) is not given technologies by its recheck.
    boolean fingerprint = coverage == null
        || coverage.narrowedBy() == null
        || !coverage.narrowedBy().contains("--no-tech");
    Map<String, HttpGrade> grades = new TreeMap<>();
    List<TechObservation> technologies = new ArrayList<>();
    Set<String> identified = new HashSet<>();
    for (WebObservation w : web) {
      List<Finding> raised = sink.run(w);
      HttpGrading.of(w, raised).ifPresent(g -> grades.put(w.host(), g));
      if (fingerprint) {
        TechObservation t = fingerprinter.identify(w);
        identified.add(w.host());
        if (!t.technologies().isEmpty()) {
          technologies.add(t);
          sink.run(t);
        }
      }
    }
    // Web servers on other ports (a VPN portal on 10443): their pages were not kept, their
    // detections were; the version data judges them again.
    Set<String> banners = new HashSet<>();
    for (TechObservation b : Banners.technologies(services)) {
      banners.add(b.host());
    }
    for (Map.Entry<String, List<Detection>> e : storedTechnologies.entrySet()) {
      if (fingerprint
          && !identified.contains(e.getKey())
          && !banners.contains(e.getKey())
          && e.getKey().contains(":")) {
        TechObservation t = new TechObservation(e.getKey(), e.getValue());
        technologies.add(t);
        sink.run(t);
      }
    }
    Map<String, TlsGrade> tlsGrades = new TreeMap<>();
    for (TlsObservation t : tls) {
      List<Finding> raised = sink.run(t);
      TlsGrading.of(t, raised).ifPresent(g -> tlsGrades.put(Asset.endpoint(t.host(), t.port()), g));
    }
    for (TechObservation b : Banners.technologies(services)) {
      technologies.add(b);
      sink.run(b);
    }
    services.forEach(sink::run);
    return new CommuneResult(
        found,
        List.copyOf(sink.values()),
        web,
        grades,
        tls,
        tlsGrades,
        technologies,
        services,
        coverage,
        carried,
        carriedAssets);
  }
}
