package fr.vigie.report;

import fr.vigie.UserInputException;
import fr.vigie.Version;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.check.CheckCatalogue.Lang;
import fr.vigie.check.EvidenceText;
import fr.vigie.diff.Change;
import fr.vigie.diff.CommuneDiff;
import fr.vigie.diff.Snapshot;
import fr.vigie.diff.Snapshots;
import fr.vigie.diff.Suppressions;
import fr.vigie.fingerprint.Detection;
import fr.vigie.model.Finding;
import fr.vigie.model.HttpGrade;
import fr.vigie.model.Severity;
import fr.vigie.model.TlsGrade;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.store.ScanCommune;
import fr.vigie.store.ScanLog;
import fr.vigie.store.ScanReader;
import fr.vigie.store.ScanRecord;
import fr.vigie.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the {@link ScanReport} of a stored scan: each commune's findings with their status
 * against the previous scan of that commune (or a given one, or a baseline report), suppressions
 * applied, texts in the chosen language, host and commune grades.
 */
public final class ReportBuilder {

  /**
   * @param from compare with this scan instead of each commune's previous one (null: previous)
   * @param baseline commune key to the commune as a previous JSON report left it (CI without a
   *     database); when set, it replaces the database's previous scans
   * @param now the time suppression expiry is judged at
   */
  public record Options(
      Lang lang,
      String commune,
      Long from,
      Map<String, Snapshot> baseline,
      Suppressions suppressions,
      Instant now,
      java.time.ZoneId zone) {
    public Options {
      // "No suppression file" is the common case; a null here once crashed a night.
      suppressions = suppressions == null ? Suppressions.NONE : suppressions;
    }

    public Options(
        Lang lang,
        String commune,
        Long from,
        Map<String, Snapshot> baseline,
        Suppressions suppressions,
        Instant now) {
      this(lang, commune, from, baseline, suppressions, now, EvidenceText.PARIS);
    }

    public static Options of(Lang lang) {
      return new Options(lang, null, null, null, Suppressions.NONE, Instant.now());
    }

    public Options commune(String key) {
      return new Options(lang, key, from, baseline, suppressions, now, zone);
    }

    public Options zone(java.time.ZoneId other) {
      return new Options(lang, commune, from, baseline, suppressions, now, other);
    }

    Words words() {
      return new Words(lang, zone);
    }
  }

  private final ScanLog log;
  private final ScanReader reader;
  private final Snapshots snapshots;
  private final CheckCatalogue catalogue;

  public ReportBuilder(Store store, CheckCatalogue catalogue) {
    this.log = new ScanLog(store);
    this.reader = new ScanReader(store);
    this.snapshots = new Snapshots(log, reader);
    this.catalogue = catalogue;
  }

  public ScanReport build(long scanId, Lang lang, String communeKey) {
    return build(scanId, Options.of(lang).commune(communeKey));
  }

  public ScanReport build(long scanId, Options options) {
    // One read of the scan list: the scan itself and the previous scans the diff needs.
    Map<Long, ScanRecord> scans = new HashMap<>();
    for (ScanRecord r : log.listScans()) {
      scans.put(r.id(), r);
    }
    ScanRecord scan = scans.get(scanId);
    if (scan == null) {
      throw new UserInputException("no scan " + scanId + " in the database");
    }
    List<ScanReport.CommuneReport> communes = new ArrayList<>();
    Set<String> warnings = new LinkedHashSet<>();
    List<ScanCommune> covered = log.communes(scanId);
    for (ScanCommune c : covered) {
      if (options.commune() != null && !CommuneQuery.matches(options.commune(), c)) {
        continue;
      }
      communes.add(commune(scan, c, options, warnings, scans));
    }
    if (options.commune() != null && communes.isEmpty()) {
      throw new UserInputException(noSuchCommune(scanId, options, covered));
    }
    return new ScanReport(
        ScanReport.SCHEMA,
        new ScanReport.Tool("vigie", Version.get()),
        new ScanReport.Scan(
            scan.id(), seconds(scan.started()), seconds(scan.finished()), scan.status()),
        communes,
        List.copyOf(warnings));
  }

  /** How many stored scans a commune page's history chart shows, at most. */
  public static final int HISTORY = 30;

  /** Each commune of the scan in its stored scans up to this one, for the history charts. */
  public Map<String, List<fr.vigie.store.CommuneHistory>> history(long scanId) {
    return log.history(scanId, HISTORY);
  }

  /** No commune of the scan answers to {@code --commune}: say so, with the nearest ones. */
  private static String noSuchCommune(long scanId, Options options, List<ScanCommune> covered) {
    boolean fr = options.lang() == Lang.FR;
    StringBuilder m = new StringBuilder(
        fr
            ? "le scan " + scanId + " ne couvre aucune commune « " + options.commune()
                + " » (code INSEE, nom ou domaine)"
            : "scan " + scanId + " covers no commune \"" + options.commune()
                + "\" (INSEE code, name or domain)");
    List<ScanCommune> near = CommuneQuery.nearest(options.commune(), covered, 5);
    if (!near.isEmpty()) {
      m.append(fr ? " ; les plus proches : " : "; the nearest: ");
      m.append(String.join(
          ", ",
          near.stream()
              .map(c -> (c.insee() == null ? c.key() : c.insee()) + " " + c.name()
                  + (c.seeds().isEmpty() ? "" : " (" + String.join(" ", c.seeds()) + ")"))
              .toList()));
    }
    return m.toString();
  }

  private ScanReport.CommuneReport commune(
      ScanRecord scan,
      ScanCommune c,
      Options options,
      Set<String> warnings,
      Map<Long, ScanRecord> scans) {
    long scanId = scan.id();
    Snapshot newer = snapshots.of(scan, c);
    Snapshot older = null;
    boolean fromBaseline = options.baseline() != null;
    if (fromBaseline) {
      older = options.baseline().get(c.key());
      if (older == null && c.insee() != null) {
        older = options.baseline().get(c.insee());
      }
    } else {
      Optional<Long> previous =
          options.from() != null ? Optional.of(options.from()) : log.previousScan(scanId, c.key());
      if (previous.isPresent() && previous.get() != scanId && scans.containsKey(previous.get())) {
        ScanCommune then = log.commune(previous.get(), c.key()).orElse(null);
        older = then == null ? null : snapshots.of(scans.get(previous.get()), then);
      }
    }
    CommuneDiff diff = CommuneDiff.between(older, newer, fr.vigie.check.Checks.bases());

    List<ScanReport.FindingReport> findings = new ArrayList<>();
    List<Finding> current = new ArrayList<>();
    // Unknown findings still count against the commune: not looking is not fixing, and a partial
    // scan must never raise a grade.
    List<Finding> believed = new ArrayList<>();
    int suppressed = 0;
    for (Change ch : diff.changes()) {
      Finding f = ch.finding();
      String status = ch.status().id();
      String suppression = null;
      if (ch.status() == Change.Status.NEW || ch.status() == Change.Status.OPEN) {
        Optional<Suppressions.Rule> rule = options.suppressions().active(c.key(), f, options.now());
        if (rule.isPresent()) {
          status = Change.Status.SUPPRESSED.id();
          suppression = rule.get().reason()
              + (rule.get().expires() == null
                  ? ""
                  : options.words().t(" (jusqu'au ", " (until ")
                      + options.words().dateOnly(rule.get().expires().toString()) + ")");
          suppressed++;
        } else {
          options
              .suppressions()
              .expiredMatch(c.key(), f, options.now())
              .ifPresent(r -> warnings.add(options
                      .words()
                      .t(
                          "la suppression " + r.index() + " a expiré le "
                              + options.words().dateOnly(r.expires().toString()) + " : ",
                          "suppression " + r.index() + " expired on " + r.expires() + ": ")
                  + r.describe()));
          current.add(f);
          believed.add(f);
        }
      } else if (ch.status() == Change.Status.UNKNOWN
          && options.suppressions().active(c.key(), f, options.now()).isEmpty()) {
        believed.add(f);
      }
      var entry = catalogue.find(f.check());
      findings.add(new ScanReport.FindingReport(
          f.key(),
          f.check(),
          f.severity().id(),
          f.asset(),
          f.subject(),
          entry.map(e -> e.title(options.lang())).orElse(f.check()),
          f.data() == null
              ? f.evidence()
              : EvidenceText.builtIn().render(f.data(), options.words().style()),
          entry.map(e -> e.remediation(options.lang())).orElse(""),
          entry.map(CheckCatalogue.Entry::reference).orElse(""),
          seconds(ch.firstSeen()),
          status,
          ch.previousSeverity() == null ? null : ch.previousSeverity().id(),
          suppression,
          ch.status() == Change.Status.UNKNOWN ? ch.reason() : null,
          ch.status() == Change.Status.UNKNOWN
              ? CoverageText.unknown(ch.reason(), options.lang())
              : null,
          f.data()));
    }

    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      counts.put(s.id(), Grading.count(current, s));
    }
    Map<String, HttpGrade> httpGrades = reader.httpGrades(scanId, c.id());
    Map<String, TlsGrade> tlsGrades = reader.tlsGrades(scanId, c.id());
    Map<String, List<Detection>> technologies = reader.technologies(scanId, c.id());
    Map<String, List<ScanReport.ServiceReport>> services = new HashMap<>();
    for (ServiceObservation o : reader.services(scanId, c.id())) {
      for (ServiceObservation.Port p : o.ports()) {
        if (p.open() && !p.protocol().equals("unknown")) {
          services
              .computeIfAbsent(o.address(), k -> new ArrayList<>())
              .add(new ScanReport.ServiceReport(
                  o.address(),
                  p.port(),
                  p.protocol(),
                  p.product(),
                  p.version(),
                  new TreeMap<>(p.facts())));
        }
      }
    }
    List<ScanReport.HostReport> hosts = new ArrayList<>();
    Map<String, HostObservation> hostObservations = reader.hosts(scanId, c.id());
    for (HostObservation h : hostObservations.values()) {
      HttpGrade g = httpGrades.get(h.name());
      hosts.add(new ScanReport.HostReport(
          h.name(),
          h.inScope(),
          h.sources().stream()
              .map(s -> s.name().toLowerCase(Locale.ROOT))
              .sorted()
              .toList(),
          h.addresses().stream().map(HostObservation.Address::address).toList(),
          h.addresses().stream()
              .map(a -> new ScanReport.AddressReport(a.address(), a.category(), a.probe()))
              .toList(),
          h.cname().targets(),
          h.cname().isEmpty()
              ? null
              : h.cname().end().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          technologies(technologies, h.name()),
          h.inScope()
              ? h.addresses().stream()
                  .flatMap(a -> services.getOrDefault(a.address(), List.of()).stream())
                  .toList()
              : List.of(),
          tlsReport(h.name(), tlsGrades),
          g == null ? null : new ScanReport.HttpReport(g.grade(), g.score(), g.penalties())));
    }
    Grading.Result grade = Grading.commune(
        onePerServer(believed, hostObservations),
        tlsGrades.values().stream().map(TlsGrade::grade).toList(),
        httpGrades.values().stream().map(HttpGrade::grade).toList(),
        options.words());
    int notRechecked = believed.size() - current.size();
    if (notRechecked > 0) {
      grade = new Grading.Result(
          grade.grade(),
          append(
              grade.reasons(),
              options
                  .words()
                  .count(
                      notRechecked,
                      "constat non revérifié à ce scan, qui compte encore",
                      "constats non revérifiés à ce scan, qui comptent encore",
                      "finding not checked again by this scan, which still counts",
                      "findings not checked again by this scan, which still count")));
    }
    ScanReport.Changes changes = new ScanReport.Changes(
        fromBaseline ? null : diff.from(),
        fromBaseline,
        (int) findings.stream().filter(f -> f.status().equals("new")).count(),
        (int) diff.count(Change.Status.RESOLVED),
        (int) diff.count(Change.Status.UNKNOWN),
        suppressed,
        List.copyOf(diff.newAssets()),
        List.copyOf(diff.vanishedAssets()),
        List.copyOf(diff.unknownAssets()));
    fr.vigie.coverage.Coverage coverage = newer.coverage();
    String status = c.status().equals("pending") ? "pending" : coverage.status();
    boolean unreachable = status.equals("pending") || coverage.isUnreachable();
    String why = unreachable || coverage.reason() != null
        ? CoverageText.unreachable(coverage.reason(), coverage.detail(), options.lang())
        : null;
    return new ScanReport.CommuneReport(
        c.insee(),
        c.name(),
        c.key(),
        c.seeds(),
        unreachable ? "?" : grade.grade(),
        unreachable ? List.of(why) : why == null ? grade.reasons() : append(grade.reasons(), why),
        status,
        why,
        coverage.withLists(Map.of()),
        counts,
        changes,
        hosts,
        findings);
  }

  /**
   * For the grade, one finding per problem and server: the same check and subject on two names of
   * one address ({@code mail.} and {@code webmail.}, or a shared host's names) is one problem
   * to fix, not two. The list of findings keeps them all.
   */
  private static final Pattern HOST_PORT = Pattern.compile("^(.*):(\\d+)$");

  static List<Finding> onePerServer(List<Finding> findings, Map<String, HostObservation> hosts) {
    Map<String, Finding> out = new LinkedHashMap<>();
    for (Finding f : findings) {
      String asset = f.asset();
      String port = "";
      Matcher m = HOST_PORT.matcher(asset);
      String host = asset;
      if (m.matches() && !fr.vigie.coverage.Question.isAddressPort(asset)) {
        host = m.group(1);
        port = ":" + m.group(2);
      }
      HostObservation h = hosts.get(host);
      String where = h == null || h.addresses().isEmpty()
          ? asset
          : String.join(
                  ",",
                  h.addresses().stream()
                      .map(HostObservation.Address::address)
                      .sorted()
                      .toList())
              + port;
      out.putIfAbsent(f.check() + '\u001f' + f.subject() + '\u001f' + where, f);
    }
    return new ArrayList<>(out.values());
  }

  private static List<String> append(List<String> list, String item) {
    List<String> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  /** The host's technologies: on 80/443 first, then those of its other web ports (host:port). */
  private static List<ScanReport.TechReport> technologies(
      Map<String, List<Detection>> all, String host) {
    List<ScanReport.TechReport> out = new ArrayList<>(
        all.getOrDefault(host, List.of()).stream().map(d -> techReport(d, null)).toList());
    all.forEach((key, list) -> {
      if (key.startsWith(host + ":") && key.substring(host.length() + 1).matches("\\d+")) {
        int port = Integer.parseInt(key.substring(host.length() + 1));
        list.forEach(d -> out.add(techReport(d, port)));
      }
    });
    return out;
  }

  /** JSON keeps instants in UTC to the second: what a person or a diff can use. */
  static String seconds(Instant t) {
    return t == null
        ? null
        : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  static ScanReport.TechReport techReport(Detection d, Integer port) {
    boolean judged =
        d.precision() == Detection.Precision.EXACT || d.precision() == Detection.Precision.BRANCH;
    return new ScanReport.TechReport(
        d.name(),
        judged ? d.version() : null,
        d.precision().name().toLowerCase(Locale.ROOT),
        d.precision() == Detection.Precision.HINT ? d.version() : null,
        d.category(),
        d.confidence(),
        d.evidence(),
        port);
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
    return main == null
        ? null
        : new ScanReport.TlsReport(port, main.grade(), main.protocols(), main.caps());
  }
}
