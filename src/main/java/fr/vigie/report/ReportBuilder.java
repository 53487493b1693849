package fr.vigie.report;

import fr.vigie.UserInputException;
import fr.vigie.Version;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.check.CheckCatalogue.Lang;
import fr.vigie.check.Finding;
import fr.vigie.check.Severity;
import fr.vigie.check.tls.TlsGrade;
import fr.vigie.check.web.HttpGrade;
import fr.vigie.discovery.HostObservation;
import fr.vigie.store.ScanRecord;
import fr.vigie.store.ScanRepository;
import fr.vigie.store.ScanRepository.ScanCommune;
import fr.vigie.store.StoredFinding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link ScanReport} of a stored scan, with texts in the chosen language. */
public final class ReportBuilder {

  private final ScanRepository repository;
  private final CheckCatalogue catalogue;

  public ReportBuilder(ScanRepository repository, CheckCatalogue catalogue) {
    this.repository = repository;
    this.catalogue = catalogue;
  }

  /**
   * @param communeKey only this commune (INSEE code or ad-hoc domain), or null for all
   */
  public ScanReport build(long scanId, Lang lang, String communeKey) {
    ScanRecord scan =
        repository.scan(scanId).orElseThrow(() -> new UserInputException("no scan " + scanId + " in the database"));
    List<ScanReport.CommuneReport> communes = new ArrayList<>();
    for (ScanCommune c : repository.communes(scanId)) {
      if (communeKey != null && !communeKey.equals(c.key())) {
        continue;
      }
      communes.add(commune(scanId, c, lang));
    }
    if (communeKey != null && communes.isEmpty()) {
      throw new UserInputException("scan " + scanId + " does not cover commune " + communeKey);
    }
    return new ScanReport(
        ScanReport.SCHEMA,
        new ScanReport.Tool("vigie", Version.get()),
        new ScanReport.Scan(
            scan.id(),
            scan.started().toString(),
            scan.finished() == null ? null : scan.finished().toString(),
            scan.status()),
        communes);
  }

  private static ScanReport.TlsReport tlsReport(String host, Map<String, TlsGrade> grades) {
    TlsGrade main = grades.get(host + ":443");
    int port = 443;
    if (main == null) {
      for (Map.Entry<String, TlsGrade> e : grades.entrySet()) {
        if (e.getKey().startsWith(host + ":")) {
          main = e.getValue();
          port = Integer.parseInt(e.getKey().substring(host.length() + 1));
          break;
        }
      }
    }
    return main == null ? null : new ScanReport.TlsReport(port, main.grade(), main.protocols(), main.caps());
  }

  private ScanReport.CommuneReport commune(long scanId, ScanCommune c, Lang lang) {
    List<StoredFinding> stored = repository.findings(scanId, c.id());
    List<Finding> findings = stored.stream().map(StoredFinding::finding).toList();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      counts.put(s.id(), Grading.count(findings, s));
    }
    List<ScanReport.HostReport> hosts = new ArrayList<>();
    Map<String, HttpGrade> grades = repository.httpGrades(scanId, c.id());
    Map<String, TlsGrade> tlsGrades = repository.tlsGrades(scanId, c.id());
    for (HostObservation h : repository.hosts(scanId, c.id()).values()) {
      HttpGrade g = grades.get(h.name());
      hosts.add(
          new ScanReport.HostReport(
              h.name(),
              h.inScope(),
              h.sources().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList(),
              h.addresses().stream().map(HostObservation.Address::address).toList(),
              h.addresses().stream()
                  .map(a -> new ScanReport.AddressReport(a.address(), a.category(), a.probe()))
                  .toList(),
              h.cname().targets(),
              h.cname().isEmpty() ? null : h.cname().end().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              List.of(),
              tlsReport(h.name(), tlsGrades),
              g == null ? null : new ScanReport.HttpReport(g.grade(), g.score(), g.penalties())));
    }
    List<ScanReport.FindingReport> out = new ArrayList<>();
    for (StoredFinding sf : stored) {
      Finding f = sf.finding();
      var entry = catalogue.find(f.check());
      out.add(
          new ScanReport.FindingReport(
              f.key(),
              f.check(),
              f.severity().id(),
              f.asset(),
              f.subject(),
              entry.map(e -> e.title(lang)).orElse(f.check()),
              f.evidence(),
              entry.map(e -> e.remediation(lang)).orElse(""),
              entry.map(CheckCatalogue.Entry::reference).orElse(""),
              sf.firstSeen() == null ? null : sf.firstSeen().toString(),
              sf.firstSeenScan() == scanId ? "new" : "open"));
    }
    return new ScanReport.CommuneReport(
        c.insee(),
        c.name(),
        c.key(),
        c.seeds(),
        c.status().equals("done") ? Grading.grade(findings) : null,
        c.status(),
        counts,
        hosts,
        out);
  }
}
