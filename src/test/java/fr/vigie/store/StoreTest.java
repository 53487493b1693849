package fr.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.UserInputException;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.model.CommuneResult;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {

  @TempDir
  Path dir;

  private static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");

  @Test
  void shouldCreateTheSchemaWithAVersionRowAndReopenWithoutChange() throws Exception {
    Path db = dir.resolve("v.db");
    try (Store store = Store.open(db, true)) {
      assertThat(store.schemaVersion()).isEqualTo(Store.latestMigration());
    }
    try (Store store = Store.open(db, true)) {
      assertThat(store.schemaVersion()).isEqualTo(Store.latestMigration());
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM schema_version")) {
        assertThat(rs.getInt(1)).isEqualTo(Store.latestMigration());
      }
      try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
      try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
        assertThat(rs.getInt(1)).isEqualTo(Store.APPLICATION_ID);
      }
    }
  }

  @Test
  void shouldRefuseAFileThatIsNotSqliteAndLeaveItUntouched() throws Exception {
    Path db = dir.resolve("notes.db");
    Files.writeString(db, "mes notes de réunion\n");
    byte[] before = Files.readAllBytes(db);

    assertThatThrownBy(() -> Store.open(db, true))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("is not a vigie database (not an SQLite file)");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
    assertThat(dir.resolve("notes.db-wal")).doesNotExist();
  }

  @Test
  void shouldRefuseAnotherApplicationsSqliteDatabaseAndLeaveItUntouched() throws Exception {
    Path db = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE contacts (name TEXT)");
      s.executeUpdate("INSERT INTO contacts VALUES ('Mme la Maire')");
    }
    byte[] before = Files.readAllBytes(db);

    assertThatThrownBy(() -> Store.open(db, true))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("another application");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }

  @Test
  void shouldRefuseADatabaseFromANewerVigieAndLeaveItUntouched() throws Exception {
    Path db = dir.resolve("newer.db");
    try (Store store = Store.open(db, true)) {
      // created at the current version
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO schema_version VALUES (99, '2030-01-01T00:00:00Z', '9.0.0')");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    byte[] before = Files.readAllBytes(db);

    assertThatThrownBy(() -> Store.open(db, true))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("newer vigie (schema 99");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }

  @Test
  void shouldLeaveATruncatedDatabaseExactlyAsItWasWithoutSideFiles() throws Exception {
    Path full = dir.resolve("full.db");
    try (Store store = Store.open(full, true)) {
      store.schemaVersion();
    }
    Path truncated = dir.resolve("truncated.db");
    byte[] head = Arrays.copyOf(Files.readAllBytes(full), 3000);
    Files.write(truncated, head);

    assertThatThrownBy(() -> Store.open(truncated, true))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("not a usable vigie database");
    assertThatThrownBy(() -> Store.openReadOnly(truncated)).isInstanceOf(UserInputException.class);

    assertThat(Files.readAllBytes(truncated)).isEqualTo(head);
    assertThat(dir.resolve("truncated.db-wal")).doesNotExist();
    assertThat(dir.resolve("truncated.db-shm")).doesNotExist();
  }

  @Test
  void shouldNotCreateADatabaseWhenAskedToOpenAnExistingOne() {
    assertThatThrownBy(() -> Store.open(dir.resolve("absent.db"), false))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("no vigie database at");
    assertThat(dir.resolve("absent.db")).doesNotExist();
  }

  @Test
  void shouldRefuseADatabaseInAMissingDirectory() {
    assertThatThrownBy(() -> Store.open(dir.resolve("nope/x.db"), true))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void shouldStoreACommuneAndReadItBack() {
    Commune commune = new Commune("99002", "Montval", List.of("montval.test"));
    DomainObservation domain = new DomainObservation(
        "montval.test",
        Map.of("MX", DnsAnswer.resolved(List.of("10 mail.montval.test."))),
        DnsAnswer.nxDomain(),
        Map.of(),
        "vigie-1.montval.test",
        DnsAnswer.nxDomain());
    HostObservation host = new HostObservation(
        "www.montval.test",
        Set.of(HostObservation.Source.WORDLIST),
        true,
        CnameChain.none(),
        DnsAnswer.resolved(List.of("192.0.2.7")),
        DnsAnswer.noData(),
        null,
        List.of(new HostObservation.Address("192.0.2.7", "documentation", false)));
    Finding finding =
        new Finding("mail.dmarc.missing", Severity.MEDIUM, "montval.test", "", "no DMARC");

    try (Store store = Store.open(dir.resolve("s.db"), true)) {
      fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
      fr.vigie.store.ScanReader scanReader = new fr.vigie.store.ScanReader(store);
      fr.vigie.store.CommuneWriter communeWriter = new fr.vigie.store.CommuneWriter(store);
      fr.vigie.diff.Snapshots snapshots = new fr.vigie.diff.Snapshots(scanLog, scanReader);
      fr.vigie.store.CtCache ctCache = new fr.vigie.store.CtCache(store);
      long scan = scanLog.createScan(T0, "scan montval.test", List.of(commune));
      communeWriter.saveCommune(
          scan,
          new CommuneResult(
              new CommuneDiscovery(commune, Scope.of(commune), List.of(domain), List.of(host)),
              List.of(finding)),
          T0);
      scanLog.finishScan(scan, "completed", T0.plusSeconds(5));

      ScanRecord record = scanLog.listScans().get(0);
      assertThat(record.status()).isEqualTo("completed");
      assertThat(record.communes()).isEqualTo(1);
      assertThat(record.communesDone()).isEqualTo(1);
      assertThat(record.hosts()).isEqualTo(1);
      assertThat(record.findings()).containsEntry(Severity.MEDIUM, 1);
      long communeId = scanLog.communes(scan).get(0).id();
      assertThat(scanReader.hosts(scan, communeId)).containsEntry("www.montval.test", host);
      assertThat(scanReader.domains(scan, communeId)).containsExactly(domain);
      assertThat(scanReader.findings(scan, communeId)).singleElement().satisfies(sf -> {
        assertThat(sf.finding()).isEqualTo(finding);
        assertThat(sf.firstSeen()).isEqualTo(T0);
      });
    }
  }

  @Test
  void shouldKeepTheFirstSeenDateOfAFindingAcrossScans() {
    Commune commune = new Commune("99002", "Montval", List.of("montval.test"));
    Finding finding =
        new Finding("mail.dmarc.missing", Severity.MEDIUM, "montval.test", "", "no DMARC");
    CommuneDiscovery empty = new CommuneDiscovery(commune, Scope.of(commune), List.of(), List.of());
    try (Store store = Store.open(dir.resolve("s.db"), true)) {
      fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
      fr.vigie.store.ScanReader scanReader = new fr.vigie.store.ScanReader(store);
      fr.vigie.store.CommuneWriter communeWriter = new fr.vigie.store.CommuneWriter(store);
      fr.vigie.diff.Snapshots snapshots = new fr.vigie.diff.Snapshots(scanLog, scanReader);
      fr.vigie.store.CtCache ctCache = new fr.vigie.store.CtCache(store);
      long first = scanLog.createScan(T0, "a", List.of(commune));
      communeWriter.saveCommune(first, new CommuneResult(empty, List.of(finding)), T0);
      scanLog.finishScan(first, "completed", T0);
      long second = scanLog.createScan(T0.plusSeconds(86_400), "b", List.of(commune));
      communeWriter.saveCommune(
          second, new CommuneResult(empty, List.of(finding)), T0.plusSeconds(86_400));
      scanLog.finishScan(second, "completed", T0.plusSeconds(86_400));

      long communeId = scanLog.communes(second).get(0).id();
      assertThat(scanReader.findings(second, communeId))
          .singleElement()
          .satisfies(sf -> assertThat(sf.firstSeenScan()).isEqualTo(first));
    }
  }

  @Test
  void shouldGiveEachCommuneOfAScanItsHistoryWithTheScansThatDidNotReachIt() {
    Commune montval = new Commune("99002", "Montval", List.of("montval.test"));
    Commune lacombe = new Commune("99004", "Lacombe", List.of("lacombe.test"));
    Finding dmarc =
        new Finding("mail.dmarc.missing", Severity.MEDIUM, "montval.test", "", "no DMARC");
    Finding rdp =
        new Finding("service.rdp.exposed", Severity.CRITICAL, "192.0.2.9:3389", "rdp", "rdp open");
    CommuneDiscovery m = new CommuneDiscovery(montval, Scope.of(montval), List.of(), List.of());
    CommuneDiscovery l = new CommuneDiscovery(lacombe, Scope.of(lacombe), List.of(), List.of());
    try (Store store = Store.open(dir.resolve("s.db"), true)) {
      fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
      fr.vigie.store.CommuneWriter writer = new fr.vigie.store.CommuneWriter(store);
      long first = scanLog.createScan(T0, "a", List.of(montval, lacombe));
      writer.saveCommune(first, new CommuneResult(m, List.of(dmarc, rdp)), T0);
      writer.saveCommune(first, new CommuneResult(l, List.of(rdp)), T0);
      scanLog.finishScan(first, "completed", T0);
      // Only Lacombe the second night: Montval's history does not get a point for it.
      long second = scanLog.createScan(T0.plusSeconds(86_400), "b", List.of(lacombe));
      writer.saveCommune(second, new CommuneResult(l, List.of()), T0.plusSeconds(86_400));
      scanLog.finishScan(second, "completed", T0.plusSeconds(86_400));
      long third = scanLog.createScan(T0.plusSeconds(172_800), "c", List.of(montval, lacombe));
      writer.saveCommune(third, new CommuneResult(m, List.of(dmarc)), T0.plusSeconds(172_800));
      writer.markCommuneFailed(
          third,
          lacombe,
          T0.plusSeconds(172_800),
          fr.vigie.coverage.Coverage.unreachable(
              "resolver", "no answer", List.of(), List.of(), List.of("127.0.0.1:9")),
          List.of(),
          java.util.Set.of());
      scanLog.finishScan(third, "completed", T0.plusSeconds(172_800));

      var history = scanLog.history(third, 30);

      assertThat(history.get("99002"))
          .extracting(CommuneHistory::scan)
          .containsExactly(first, third);
      assertThat(history.get("99002").get(0).found())
          .containsEntry(Severity.MEDIUM, 1)
          .containsEntry(Severity.CRITICAL, 1);
      assertThat(history.get("99004"))
          .extracting(CommuneHistory::scan)
          .containsExactly(first, second, third);
      assertThat(history.get("99004").get(1).found()).isEmpty();
      assertThat(history.get("99004").get(1).unreachable()).isFalse();
      assertThat(history.get("99004").get(2).unreachable())
          .as("a night that could not reach it is not a clean night")
          .isTrue();
      assertThat(scanLog.history(third, 2).get("99004"))
          .extracting(CommuneHistory::scan)
          .containsExactly(second, third);
      assertThat(scanLog.history(first, 30).get("99004"))
          .as("nothing after the scan asked for")
          .extracting(CommuneHistory::scan)
          .containsExactly(first);
    }
  }

  @Test
  void shouldMarkAScanLeftRunningByADeadProcessAsInterrupted() throws Exception {
    Path db = dir.resolve("k.db");
    try (Store store = Store.open(db, true)) {
      new fr.vigie.store.ScanLog(store)
          .createScan(T0, "scan", List.of(new Commune(null, "x.test", List.of("x.test"))));
    }
    // As if the process had been killed: a pid that cannot be alive.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE scans SET pid = 2147483646");
    }

    try (Store store = Store.open(db, true)) {
      assertThat(new fr.vigie.store.ScanLog(store).listScans())
          .singleElement()
          .satisfies(s -> assertThat(s.status()).isEqualTo("interrupted"));
    }
  }

  @Test
  void shouldSplitMigrationStatements() {
    assertThat(Store.splitStatements("-- c\nCREATE TABLE a (x);\n\nCREATE INDEX i\n  ON a (x);\n"))
        .containsExactly("CREATE TABLE a (x);", "CREATE INDEX i\n  ON a (x);");
  }
}
