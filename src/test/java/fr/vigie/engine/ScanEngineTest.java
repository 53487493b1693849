package fr.vigie.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.inventory.Commune;
import fr.vigie.model.Finding;
import fr.vigie.net.DnsClient;
import fr.vigie.net.FakeDns;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.store.ScanCommune;
import fr.vigie.store.ScanRecord;
import fr.vigie.store.Store;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine over a table-driven DNS: no sockets, a pinned clock. */
class ScanEngineTest {

  @TempDir
  Path dir;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);

  private static FakeDns montval() {
    return new FakeDns()
        .add("montval.fr", "SOA", "ns1.h.fr. hostmaster.montval.fr. 1 3600 600 86400 300")
        .add("montval.fr", "NS", "ns1.h.fr.")
        .add("montval.fr", "A", "192.0.2.10")
        .add("montval.fr", "MX", "10 mail.montval.fr.")
        .add("montval.fr", "TXT", "v=spf1 mx +all")
        .add("mail.montval.fr", "A", "192.0.2.11")
        .add("www.montval.fr", "A", "192.0.2.10")
        .set(
            "ancien.montval.fr",
            "A",
            new DnsAnswer.NxDomain(List.of("montval.hebergeur-disparu.fr")));
  }

  private ScanEngine.Outcome scan(DnsClient dns, List<Commune> communes, Path db) {
    ScanSettings settings =
        ScanSettings.builder(List.of("www", "mail", "ancien", "vpn")).web(false).build();
    try (Store store = Store.open(db, true)) {
      return new ScanEngine(settings, dns, CLOCK).run(communes, "test", store, ScanListener.NONE);
    }
  }

  @Test
  void shouldFindHostsAndFindingsAndStoreACompletedScan() {
    ScanEngine.Outcome outcome =
        scan(montval(), List.of(Commune.adHoc("montval.fr")), dir.resolve("a.db"));

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(outcome.failed()).isZero();
    assertThat(outcome.hosts()).isEqualTo(4); // apex, www, mail, ancien
    assertThat(outcome.findings())
        .extracting(Finding::check)
        .containsExactly(
            "dns.dangling-cname",
            "mail.spf.permissive",
            "mail.dmarc.missing",
            "dns.dnssec.missing",
            "mail.mta-sts.missing",
            "dns.caa.missing",
            "mail.tls-rpt.missing");
    try (Store store = Store.open(dir.resolve("a.db"), false)) {
      assertThat(new fr.vigie.store.ScanLog(store).listScans()).singleElement().satisfies(s -> {
        assertThat(s.status()).isEqualTo("completed");
        assertThat(s.started()).isEqualTo(CLOCK.instant());
        assertThat(s.communesDone()).isEqualTo(1);
      });
    }
  }

  @Test
  void shouldNeverResolveAFindingAgainstAScanStoredBeforeCoverage() throws Exception {
    Path db = dir.resolve("legacy.db");
    List<Commune> communes = List.of(Commune.adHoc("montval.fr"));
    scan(montval(), communes, db);
    scan(montval(), communes, db);
    // Scan 2 as a vigie before schema 4 stored it: no coverage, and one finding fewer.
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var st = c.createStatement()) {
      st.executeUpdate("UPDATE scan_communes SET coverage = NULL WHERE scan_id = 2");
      st.executeUpdate(
          "DELETE FROM findings WHERE scan_id = 2 AND check_id = 'mail.spf.permissive'");
    }
    try (Store store = Store.openReadOnly(db)) {
      var report = new fr.vigie.report.ReportBuilder(store, fr.vigie.check.CheckCatalogue.builtIn())
          .build(2, fr.vigie.check.CheckCatalogue.Lang.EN, null);
      var spf = report.communes().get(0).findings().stream()
          .filter(f -> f.check().equals("mail.spf.permissive"))
          .findFirst()
          .orElseThrow();

      assertThat(report.communes().get(0).status()).isEqualTo("unknown");
      assertThat(spf.status()).isEqualTo("unknown");
      assertThat(spf.unknownReason()).isEqualTo("coverage-unknown");
    }
  }

  @Test
  void shouldGiveTheSameFindingsForTheSameInputs() {
    List<Commune> communes = List.of(Commune.adHoc("montval.fr"));

    List<String> first = scan(montval(), communes, dir.resolve("a.db")).findings().stream()
        .map(Finding::key)
        .toList();
    List<String> second = scan(montval(), communes, dir.resolve("b.db")).findings().stream()
        .map(Finding::key)
        .toList();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldRecordACommuneThatFailedAndGoOnWithTheOthers() {
    FakeDns table = montval();
    DnsClient flaky = (name, type) -> {
      if (name.contains("casse.fr")) {
        throw new IllegalStateException("bug in a probe");
      }
      return table.query(name, type);
    };

    ScanEngine.Outcome outcome = scan(
        flaky,
        List.of(Commune.adHoc("casse.fr"), Commune.adHoc("montval.fr")),
        dir.resolve("c.db"));

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(outcome.findings()).isNotEmpty();
    try (Store store = Store.open(dir.resolve("c.db"), false)) {
      fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
      fr.vigie.store.ScanReader scanReader = new fr.vigie.store.ScanReader(store);
      fr.vigie.store.CommuneWriter communeWriter = new fr.vigie.store.CommuneWriter(store);
      fr.vigie.diff.Snapshots snapshots = new fr.vigie.diff.Snapshots(scanLog, scanReader);
      fr.vigie.store.CtCache ctCache = new fr.vigie.store.CtCache(store);
      long id = scanLog.latestScanId().orElseThrow();
      assertThat(scanLog.communes(id))
          .extracting(ScanCommune::key, ScanCommune::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("casse.fr", "failed"),
              org.assertj.core.groups.Tuple.tuple("montval.fr", "done"));
      // Not dropped, never graded: unreachable, with the error.
      var report = new fr.vigie.report.ReportBuilder(store, fr.vigie.check.CheckCatalogue.builtIn())
          .build(id, fr.vigie.check.CheckCatalogue.Lang.FR, "casse.fr");
      var casse = report.communes().get(0);
      assertThat(casse.status()).isEqualTo("unreachable");
      assertThat(casse.grade()).isEqualTo("?");
      assertThat(casse.statusReason()).isEqualTo("l'analyse a échoué : bug in a probe");
      assertThat(outcome.unreachable()).containsKey("casse.fr");
    }
  }

  @Test
  void shouldResumeAnInterruptedScanWithoutProbingFinishedCommunesAgain() {
    FakeDns table = montval()
        .add("autre.fr", "SOA", "ns1.h.fr. h.autre.fr. 1 3600 600 86400 300")
        .add("autre.fr", "MX", "10 mx.autre.fr.");
    Commune montval = Commune.adHoc("montval.fr");
    List<Commune> communes = List.of(montval, Commune.adHoc("autre.fr"));
    Set<String> asked = ConcurrentHashMap.newKeySet();
    DnsClient recording = (name, type) -> {
      asked.add(name);
      return table.query(name, type);
    };
    ScanSettings settings = ScanSettings.builder(List.of("www", "mail", "ancien"))
        .web(false)
        .tls(false)
        .build();
    try (Store store = Store.open(dir.resolve("r.db"), true)) {
      fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
      fr.vigie.store.ScanReader scanReader = new fr.vigie.store.ScanReader(store);
      fr.vigie.store.CommuneWriter communeWriter = new fr.vigie.store.CommuneWriter(store);
      fr.vigie.diff.Snapshots snapshots = new fr.vigie.diff.Snapshots(scanLog, scanReader);
      fr.vigie.store.CtCache ctCache = new fr.vigie.store.CtCache(store);
      // night 1: both communes registered, montval.fr finished, then the process was stopped
      long id = scanLog.createScan(CLOCK.instant(), "scan", communes);
      new ScanEngine(settings, table, CLOCK).resume(id, List.of(montval), store, ScanListener.NONE);
      scanLog.finishScan(id, "interrupted", CLOCK.instant());
      int montvalFindings = scanLog.scan(id).orElseThrow().findingCount();

      assertThat(scanLog.interruptedScanOf(communes)).contains(id);
      ScanEngine.Outcome resumed =
          new ScanEngine(settings, recording, CLOCK).resume(id, communes, store, ScanListener.NONE);

      assertThat(resumed.scanId()).isEqualTo(id);
      assertThat(resumed.status()).isEqualTo("completed");
      assertThat(asked)
          .anyMatch(n -> n.endsWith("autre.fr"))
          .noneMatch(n -> n.endsWith("montval.fr"));
      ScanRecord record = scanLog.scan(id).orElseThrow();
      assertThat(record.status()).isEqualTo("completed");
      assertThat(record.communesDone()).isEqualTo(2);
      assertThat(record.findingCount()).isGreaterThan(montvalFindings);
      assertThat(scanLog.listScans()).hasSize(1);
      assertThat(scanLog.interruptedScanOf(communes)).isEmpty();
    }
  }

  @Test
  void shouldNotScanThePlatformOfASiteOnASharedHost() {
    FakeDns table = new FakeDns()
        .add("ma-commune.e-monsite.com", "A", "192.0.2.50")
        .add("e-monsite.com", "SOA", "ns.e-monsite.com. h.e-monsite.com. 1 3600 600 86400 300")
        .add("e-monsite.com", "TXT", "v=spf1 +all");
    Set<String> asked = ConcurrentHashMap.newKeySet();
    DnsClient recording = (name, type) -> {
      asked.add(name);
      return table.query(name, type);
    };

    ScanEngine.Outcome outcome =
        scan(recording, List.of(Commune.adHoc("ma-commune.e-monsite.com")), dir.resolve("h.db"));

    assertThat(outcome.hosts()).isEqualTo(1);
    assertThat(outcome.findings()).isEmpty(); // the platform's SPF is not the commune's finding
    assertThat(asked).allMatch(n -> n.equals("ma-commune.e-monsite.com"));
  }
}
