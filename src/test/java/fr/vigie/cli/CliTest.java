package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Testbed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vigie as a user runs it: the real CommandLine, its exit codes, its stdout and stderr. */
class CliTest {

  record Run(int code, String out, String err) {}

  private static Testbed testbed;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    testbed = Testbed.start(Scenario.builtIn(), 0, false);
  }

  @AfterAll
  static void stop() {
    testbed.close();
  }

  static Run vigie(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private String resolver() {
    return "127.0.0.1:" + testbed.dnsAddress().getPort();
  }

  @Test
  void shouldSayExitThreeWithTheCauseWhenTheDatabaseIsLockedNotBadInput() throws Exception {
    Path db = dir.resolve("locked.db");
    fr.vigie.store.Store.open(db, true).close();
    // Another process holding the database: SQLite's exclusive locking mode, with a write.
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        Statement s = other.createStatement()) {
      s.execute("PRAGMA locking_mode = EXCLUSIVE");
      s.execute("BEGIN EXCLUSIVE");
      s.execute("CREATE TABLE held (x)");

      Run run = vigie("scan", "--db", db.toString(), "--resolver", resolver(), "montval.test");

      assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.RUNTIME);
      assertThat(run.err())
          .contains("cannot open database " + db, "locked by another vigie or program")
          .doesNotContain("internal error", "Exception");
    }
  }

  @Test
  void shouldAcceptDebugOnEveryCommand() {
    for (String[] args : new String[][] {
      {"targets", "list", "targets/example.csv", "--debug"},
      {"rules", "status", "--debug"},
      {"--debug", "targets", "list", "targets/example.csv"}
    }) {
      Run run = vigie(args);
      assertThat(run.err()).as(String.join(" ", args)).doesNotContain("Unknown option");
      assertThat(run.code()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.OK);
    }
  }

  @Test
  void shouldAcceptLangOnEveryCommandBeforeOrAfterIt() {
    for (String[] args : new String[][] {
      {"targets", "list", "targets/example.csv", "--lang", "en"},
      {"rules", "status", "--lang", "en"},
      {"--lang", "en", "targets", "list", "targets/example.csv"}
    }) {
      Run run = vigie(args);
      assertThat(run.err()).as(String.join(" ", args)).doesNotContain("Unknown option");
      assertThat(run.code()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(ExitCodes.OK);
    }
    Run bad = vigie("--lang", "de", "targets", "list", "targets/example.csv");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--lang").contains("de").doesNotContain("Exception");
  }

  @Test
  void shouldReportInTheLanguageGivenBeforeOrAfterTheCommandAndFrenchOtherwise() {
    Path db = dir.resolve("v.db");
    Run scan = vigie(
        "scan",
        "--no-web",
        "--no-ports",
        "--resolver",
        resolver(),
        "--allow-loopback",
        "--db",
        db.toString(),
        "-q",
        "montval.test");
    assertThat(scan.code()).as(scan.err()).isEqualTo(ExitCodes.OK);

    Run after = vigie("report", "--db", db.toString(), "--format", "md", "--lang", "en");
    Run before = vigie("--lang", "en", "report", "--db", db.toString(), "--format", "md");
    Run french = vigie("report", "--db", db.toString(), "--format", "md");

    assertThat(after.out()).contains("CNAME to a name that no longer exists");
    assertThat(before.out()).isEqualTo(after.out());
    assertThat(french.out())
        .contains("Alias DNS (CNAME) vers un nom qui n'existe plus")
        .doesNotContain("CNAME to a name that no longer exists");
  }

  @Test
  void shouldPrintTheVersion() {
    Run run = vigie("--version");

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).startsWith("vigie ");
  }

  @Test
  void shouldShowHelpForEveryCommand() {
    for (String command : new String[] {"scan", "scans", "demo", "testbed"}) {
      Run run = vigie(command, "--help");
      assertThat(run.code()).as(command).isEqualTo(ExitCodes.OK);
      assertThat(run.out()).as(command).contains("Usage: vigie " + command);
    }
  }

  @Test
  void shouldFailWithUsageOnUnknownOptionInFrenchByDefault() {
    Run run = vigie("scan", "--frobnicate");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains("vigie: option inconnue : --frobnicate")
        .contains("Voir « vigie scan --help » pour l'aide.")
        .doesNotContain("Unknown", "Try");
  }

  @Test
  void shouldSuggestTheOptionOrCommandAMistypedOneWasMeantToBe() {
    Run option = vigie("scan", "--resolvr", "127.0.0.1:53", "mairie-exemple.fr");
    Run command = vigie("--lang", "en", "reprot");

    assertThat(option.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(option.err())
        .contains("option inconnue : --resolvr")
        .contains("Vouliez-vous dire : --resolver");
    assertThat(command.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(command.err())
        .contains("unknown command or argument reprot", "Did you mean: report");
  }

  @Test
  void shouldPrintACompletionScriptForBashAndZsh() {
    Run bash = vigie("completion", "bash");
    Run zsh = vigie("completion", "zsh");

    assertThat(bash.code()).isEqualTo(ExitCodes.OK);
    assertThat(bash.out()).contains("complete -F", "--resolver", "--port-map", "report", "diff");
    assertThat(zsh.code()).isEqualTo(ExitCodes.OK);
    assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
    assertThat(vigie("completion", "fish").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void shouldShowInHelpTheOptionsTheReadmeShows() {
    assertThat(vigie("scan", "--help").out()).contains("--port-map", "--trust-ca", "--per-ip");
  }

  @Test
  void shouldRefuseABadPortListNamingTheBadPort() {
    Run run = vigie(
        "scan", "--ports", "22,99999", "--db", dir.resolve("p.db").toString(), "montval.test");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip()).isEqualTo("vigie: --ports: 99999 is not between 1 and 65535");
    assertThat(vigie("scan", "--ports", "ssh", "montval.test").err())
        .contains("--ports: 'ssh' is not a port number");
  }

  @Test
  void shouldFailWithUsageWhenThereIsNothingToScan() {
    Run run = vigie("scan", "--db", dir.resolve("v.db").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("vigie: nothing to scan");
  }

  @Test
  void shouldFailWithUsageOnAMissingInventory() {
    Run run = vigie(
        "scan",
        "--targets",
        dir.resolve("absent.csv").toString(),
        "--db",
        dir.resolve("v.db").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo("vigie: inventory " + dir.resolve("absent.csv") + " does not exist");
    assertThat(dir.resolve("v.db")).doesNotExist();
  }

  @Test
  void shouldFailWithUsageOnAnInvalidDomainWithoutATrace() {
    Run run = vigie("scan", "exemple..fr", "--db", dir.resolve("v.db").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo("vigie: invalid domain: 'exemple..fr' has an empty label");
  }

  @Test
  void shouldFailWithUsageOnAnUnwritableDatabasePath() {
    Run run = vigie(
        "scan",
        "--resolver",
        resolver(),
        "--db",
        dir.resolve("no/such/dir/v.db").toString(),
        "montval.test");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .startsWith("vigie: cannot create database")
        .contains("does not exist")
        .doesNotContain("Exception");
  }

  @Test
  void shouldFailWithUsageOnADatabaseThatIsNotVigies() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "pas une base");

    Run run = vigie("scan", "--resolver", resolver(), "--db", notes.toString(), "montval.test");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not a vigie database");
    assertThat(Files.readString(notes)).isEqualTo("pas une base");
  }

  @Test
  void shouldFailWithUsageOnABadResolver() {
    Run run = vigie(
        "scan",
        "--resolver",
        "dns.exemple.fr",
        "--db",
        dir.resolve("v.db").toString(),
        "montval.test");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("give an IP address, not a name");
  }

  @Test
  void shouldReportBadInventoryLinesAndScanTheRest() throws Exception {
    Path inventory = dir.resolve("region.csv");
    Files.writeString(
        inventory, "insee,name,domains\n99002,Montval,montval.test\n9900,Faux,faux.test\n");

    Run run = vigie(
        "scan",
        "-q",
        "--no-web",
        "--no-ports",
        "--no-wordlist",
        "--resolver",
        resolver(),
        "--allow-loopback",
        "--targets",
        inventory.toString(),
        "--db",
        dir.resolve("v.db").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).contains(inventory + ":3: invalid INSEE code '9900'");
    assertThat(run.out()).contains("99002 Montval — note");
  }

  @Test
  void shouldFailWithUsageWhenNoInventoryLineIsValid() throws Exception {
    Path inventory = dir.resolve("bad.csv");
    Files.writeString(inventory, "9900,Faux,faux.test\n");

    Run run = vigie(
        "scan", "--targets", inventory.toString(), "--db", dir.resolve("v.db").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err())
        .contains(inventory + ":1: invalid INSEE code")
        .contains("has no valid commune");
  }

  @Test
  void shouldScanATestbedDomainStoreItAndListIt() throws Exception {
    Path db = dir.resolve("v.db");
    Path report = dir.resolve("report.json");

    Run scan = vigie(
        "scan",
        "--no-web",
        "--no-ports",
        "--resolver",
        resolver(),
        "--allow-loopback",
        "--db",
        db.toString(),
        "-o",
        report.toString(),
        "--lang",
        "en",
        "montval.test");

    assertThat(scan.code()).isEqualTo(ExitCodes.OK);
    assertThat(scan.out())
        .contains("ancien.montval.test")
        .contains("CNAME to a name that no longer exists")
        .contains("Fix these first")
        .contains("Scan 1 complete: 1 communes");
    JsonNode json = Json.MAPPER.readTree(report.toFile());
    assertThat(json.path("schema").asText()).isEqualTo("vigie-report/1");
    assertThat(json.path("scan").path("status").asText()).isEqualTo("completed");
    JsonNode commune = json.path("communes").get(0);
    assertThat(commune.path("name").asText()).isEqualTo("montval.test");
    assertThat(commune.path("grade").asText()).isEqualTo("D");
    assertThat(commune.path("findings").findValuesAsText("check"))
        .contains("dns.dangling-cname", "mail.spf.permissive", "mail.dmarc.missing");

    Run scans = vigie("scans", "--db", db.toString());

    assertThat(scans.code()).isEqualTo(ExitCodes.OK);
    assertThat(scans.out())
        .contains("ID")
        .containsPattern("\\n\\s+1\\s+\\S+\\s+completed\\s+1\\s+\\d+s\\s+0/1/0\\s+")
        .containsPattern("--no-web --no-ports\\n");

    // The commune by its domain, in capitals with a final dot; a near miss lists it.
    Run byDomain =
        vigie("report", "--db", db.toString(), "-f", "json", "--commune", "MONTVAL.TEST.");
    Run miss = vigie("report", "--db", db.toString(), "--commune", "montvall");

    assertThat(byDomain.code()).isEqualTo(ExitCodes.OK);
    assertThat(byDomain.out()).contains("\"name\" : \"montval.test\"");
    assertThat(miss.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(miss.err())
        .contains("le scan 1 ne couvre aucune commune « montvall »")
        .contains("les plus proches : montval.test");
  }

  @Test
  void shouldShowHostileInventoryValuesEscapedAndCut() throws Exception {
    Path inventory = dir.resolve("hostile.csv");
    String huge = "b".repeat(10_000_000);
    Files.writeString(
        inventory,
        "insee,name,domains\n"
            + "7107\u001b]0;pwn\u0007,Chalon,chalon.fr\n"
            + "71077,Montval,www.mont\u0000val.fr\n"
            + "71078,Grande," + huge + ".fr\n");

    Run run = vigie("targets", "list", inventory.toString());

    assertThat(run.err().length()).as("one bad line must not echo 10 MB").isLessThan(2_000);
    assertThat(run.err())
        .doesNotContain("\u001b", "\u0000", "\u0007")
        .contains("invalid INSEE code '7107\\x1b]0;pwn\\x07'")
        .contains("(10 MB)");
  }

  @Test
  void shouldFailWithUsageListingScansOfAMissingDatabase() {
    Run run = vigie("scans", "--db", dir.resolve("absent.db").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no vigie database at");
  }

  @Test
  void shouldRunTheDemoAndWriteTheJsonReport() throws Exception {
    Path db = dir.resolve("demo.db");
    Path out = dir.resolve("demo");

    Run run = vigie("demo", "-q", "--db", db.toString(), "--output-dir", out.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("99001  Saint-Exemple-sur-Loire", "99002  Montval", "99005  Vieux-Moulin")
        .contains(
            "La commune la plus exposée :", "99004 Lacombe — note F", "À corriger en priorité");
    JsonNode json = Json.MAPPER.readTree(out.resolve("report.json").toFile());
    assertThat(json.path("communes")).hasSize(5);
    JsonNode www = json.path("communes").get(0).path("hosts").findParents("name").stream()
        .filter(h -> h.path("name").asText().equals("www.saint-exemple-sur-loire.test"))
        .findFirst()
        .orElseThrow();
    assertThat(www.path("http").path("grade").asText()).isEqualTo("A+");
    assertThat(json.toString()).contains("\"subject\":\"/.git/HEAD\"");
    assertThat(out.resolve("testbed-ca.pem")).content().startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void shouldImportAnAnnuaireExportAndListIt() throws Exception {
    Path csv = dir.resolve("region.csv");

    Run imported = vigie(
        "targets",
        "import",
        "src/test/resources/fixtures/annuaire/extrait.json",
        "--format",
        "annuaire",
        "-o",
        csv.toString());
    Run listed = vigie("targets", "list", csv.toString());

    assertThat(imported.code()).isEqualTo(ExitCodes.OK);
    assertThat(imported.out()).contains("4 communes written to " + csv);
    assertThat(imported.err())
        .contains(
            "extrait.json:5: commune 01999 Petit-Village: no website and no own mail domain (skipped)");
    assertThat(listed.code()).isEqualTo(ExitCodes.OK);
    assertThat(listed.out())
        .contains(
            "71076  Chalon-sur-Saône  www.chalon.fr chalon.fr", "4 communes, 0 entries skipped");
    assertThat(vigie("targets", "list", dir.resolve("none.csv").toString()).code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void shouldShowHowOldEachDataFileIs() {
    Run run = vigie("rules", "status");

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("catalogue.yaml", "exposed-paths.yaml", "subdomains.txt", "shared-parents.txt")
        .containsPattern("catalogue\\.yaml\\s+2026-11-23\\s+\\d+");
  }

  @Test
  void shouldListOnlyDataFilesThatExistInTheSourceTree() throws Exception {
    // Read from src/, not the classpath: a file moved in src/ survives in a stale target/classes,
    // so a classpath check passes locally and fails on a clean clone.
    Path resources = Path.of("src/main/resources");
    for (String line : Files.readAllLines(resources.resolve("fr/vigie/data-files.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String file = line.trim().split("\\s+")[0];
      assertThat(resources.resolve(file)).as("data-files.txt names %s", file).isRegularFile();
    }
  }
}
