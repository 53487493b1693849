package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nights of the demo testbed, the second with a change (nuit-2): the change shows in
 * vigie diff, in the reports and in the exit code of the CI gates.
 */
class GateCliTest {

  @TempDir
  static Path dir;

  static Path db;
  static CliTest.Run second;

  @BeforeAll
  static void twoNights() throws Exception {
    db = dir.resolve("nuits.db");
    CliTest.Run first = CliTest.vigie(
        "demo",
        "-q",
        "--db",
        db.toString(),
        "--output-dir",
        dir.resolve("n1").toString(),
        "--fail-on",
        "new:high");
    assertThat(first.code())
        .as("a first scan has nothing to compare with: everything is new")
        .isEqualTo(ExitCodes.GATE_FAILED);
    second = CliTest.vigie(
        "demo",
        "-q",
        "--variant",
        "nuit-2",
        "--db",
        db.toString(),
        "--output-dir",
        dir.resolve("n2").toString(),
        "--fail-on",
        "new:high");
  }

  @Test
  void shouldFailTheGateOnTheNewCriticalOfTheSecondNight() {
    assertThat(second.code()).as(second.err()).isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(second.err())
        .contains("vigie: gate: new critical exposure.env on test.saint-exemple-sur-loire.test")
        .contains("vigie: gate: new critical service.rdp.exposed on 127.1.9.1:3389")
        .contains("2 finding(s) trip --fail-on new:high");
  }

  @Test
  void shouldShowOnlyTheChangesInTheDiffAsJsonAndMarkdown() throws Exception {
    CliTest.Run json = CliTest.vigie("diff", "--db", db.toString(), "-f", "json");
    CliTest.Run md = CliTest.vigie("diff", "--db", db.toString(), "-f", "md");
    CliTest.Run report = CliTest.vigie("report", "--db", db.toString(), "-f", "json");

    assertThat(json.code()).isEqualTo(ExitCodes.OK);
    var findings = fr.vigie.store.Json.MAPPER.readTree(json.out()).findValues("findings");
    var statuses = findings.stream()
        .flatMap(list -> java.util.stream.StreamSupport.stream(list.spliterator(), false))
        .map(f -> f.path("status").asText() + (f.has("previousSeverity") ? "*" : ""))
        .toList();
    assertThat(statuses).isNotEmpty().contains("new", "resolved").doesNotContain("open");
    // The whole report has the findings open both nights; the diff has none of them.
    assertThat(report.out()).contains("\"status\" : \"open\"");
    assertThat(md.code()).isEqualTo(ExitCodes.OK);
    assertThat(md.out()).contains("exposure.env").doesNotContain("mail.dmarc.missing");
  }

  @Test
  void shouldShowNewResolvedAndUnknownInTheDiff() {
    CliTest.Run diff = CliTest.vigie("diff", "--db", db.toString());

    assertThat(diff.code()).isEqualTo(ExitCodes.OK);
    assertThat(diff.out())
        .contains("99001 Saint-Exemple-sur-Loire : depuis le scan 1, 2 nouveaux, 0 corrigé,"
            + " 0 non vérifié")
        .contains("+ critique exposure.env  test.saint-exemple-sur-loire.test [/.env]")
        // A service opened overnight: a new finding and a new asset.
        .contains("+ critique service.rdp.exposed  127.1.9.1:3389 [rdp]")
        .contains("+ nom 127.1.9.1:3389/rdp")
        .contains("- critique exposure.git  www.montval.test [/.git/HEAD]")
        .contains("? élevé tls.protocol.tls12-missing  vpn.lacombe.test:443")
        // An upgrade shows as the old version's findings resolved and the new version inventoried.
        .contains("99003 Bréval-les-Bains : depuis le scan 1, 1 nouveau, 4 corrigés, 0 non vérifié")
        .contains("- critique tech.vulnerable  www.bréval-les-bains.test [SPIP]")
        .contains("- élevé tech.end-of-life  www.bréval-les-bains.test [SPIP]")
        .contains("+ info tech.detected  www.bréval-les-bains.test [SPIP 4.4.25]")
        .contains("- info tech.detected  www.bréval-les-bains.test [SPIP 4.1.5]")
        .contains("99005 Vieux-Moulin : depuis le scan 1, 0 nouveau, 0 corrigé, 0 non vérifié"
            + " — aucun changement");
    assertThat(CliTest.vigie("diff", "--db", db.toString(), "--lang", "en").out())
        .contains("99001 Saint-Exemple-sur-Loire: since scan 1, 2 new, 0 fixed, 0 not verified")
        .contains("+ critical exposure.env  test.saint-exemple-sur-loire.test [/.env]");
  }

  @Test
  void shouldPassTheGatesWhenNothingNewIsSerious() {
    CliTest.Run report = CliTest.vigie(
        "report",
        "--db",
        db.toString(),
        "--commune",
        "99002",
        "--fail-on",
        "new:high",
        "-f",
        "json");

    assertThat(report.code()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void shouldFailAnyCriticalGateOnAnOpenCritical() {
    CliTest.Run report = CliTest.vigie(
        "report",
        "--db",
        db.toString(),
        "--commune",
        "99004",
        "--fail-on",
        "any:critical",
        "-f",
        "csv");

    assertThat(report.code()).isEqualTo(ExitCodes.GATE_FAILED); // Lacombe's .env is still there
    assertThat(report.err()).contains("open critical exposure.env on www.lacombe.test");
  }

  @Test
  void shouldSuppressWithAReasonAndStopAtExpiry() throws Exception {
    Path active = dir.resolve("active.yaml");
    Files.writeString(active, """
        suppressions:
          - check: exposure.env
            asset: "test.*"
            reason: "copie de test fermée par le prestataire lundi"
            expires: 2099-01-01
          - check: service.rdp.exposed
            asset: "127.1.9.1:3389"
            reason: "accès du prestataire, filtré par adresse source depuis lundi"
            expires: 2099-01-01
        """);
    Path expired = dir.resolve("expired.yaml");
    Files.writeString(expired, """
        suppressions:
          - check: exposure.env
            asset: "test.*"
            reason: "copie de test fermée par le prestataire lundi"
            expires: 2020-01-01
        """);

    CliTest.Run ok = CliTest.vigie(
        "report",
        "--db",
        db.toString(),
        "--suppressions",
        active.toString(),
        "--fail-on",
        "new:high",
        "--commune",
        "99001");
    CliTest.Run late = CliTest.vigie(
        "report",
        "--db",
        db.toString(),
        "--suppressions",
        expired.toString(),
        "--fail-on",
        "new:high",
        "--commune",
        "99001");

    assertThat(ok.code()).isEqualTo(ExitCodes.OK);
    assertThat(ok.out())
        .contains(
            "Risques acceptés",
            "(exposure.env) : copie de test fermée par le prestataire lundi (jusqu'au 1 janvier 2099)");
    assertThat(late.code()).isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(late.out()).contains("attention : la suppression 1 a expiré le 1 janvier 2020");
  }

  @Test
  void shouldRefuseASuppressionFileWithoutReason() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "suppressions:\n  - check: exposure.env\n");

    CliTest.Run run =
        CliTest.vigie("report", "--db", db.toString(), "--suppressions", bad.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo("vigie: " + bad + ": suppression 1: a reason is required");
  }

  @Test
  void shouldCompareWithABaselineReportWithoutTheDatabaseHistory() throws Exception {
    Path baseline = dir.resolve("n1").resolve("report.json");
    CliTest.Run withBaseline = CliTest.vigie(
        "report",
        "--db",
        db.toString(),
        "--scan",
        "2",
        "--baseline",
        baseline.toString(),
        "--fail-on",
        "new:critical",
        "-f",
        "json",
        "-o",
        dir.resolve("b.json").toString());

    assertThat(withBaseline.code()).isEqualTo(ExitCodes.GATE_FAILED);
    JsonNode json = Json.MAPPER.readTree(dir.resolve("b.json").toFile());
    assertThat(json.path("communes").get(0).path("changes").path("baseline").asBoolean())
        .isTrue();
    assertThat(json.path("communes").get(0).path("changes").path("new").asInt())
        .isEqualTo(2); // the .env and RDP
  }

  @Test
  void shouldWriteAnHtmlSiteThatShowsTheChange() throws Exception {
    Path site = dir.resolve("site");

    CliTest.Run run =
        CliTest.vigie("report", "--db", db.toString(), "-f", "html", "-o", site.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    var index = Jsoup.parse(site.resolve("index.html").toFile());
    assertThat(index.select("tr").text()).contains("Montval", "0 nouveau, 2 corrigés");
    var montval = Jsoup.parse(site.resolve("communes/99002.html").toFile());
    assertThat(montval.select("li.resolved").text()).contains("corrigé : ", "Dépôt de code source");
  }

  @Test
  void shouldRefuseAnUnknownFormatOrScan() {
    assertThat(CliTest.vigie("report", "--db", db.toString(), "-f", "pdf").err())
        .contains("unknown format 'pdf'");
    assertThat(CliTest.vigie("report", "--db", db.toString(), "--scan", "99").code())
        .isEqualTo(ExitCodes.USAGE);
    assertThat(CliTest.vigie("diff", "--db", db.toString(), "--from", "2", "--to", "1")
            .err())
        .contains("--from must be an older scan");
  }

  @Test
  void shouldFindTheDemoHostThatOnlyCertificateTransparencyKnows() throws Exception {
    JsonNode report =
        Json.MAPPER.readTree(dir.resolve("n1").resolve("report.json").toFile());
    JsonNode montval = HonestOutcomesCliTest.commune(report, "99002");
    JsonNode found = HonestOutcomesCliTest.host(montval, "ancien-site-2015.montval.test");
    assertThat(found).as("listed only by the testbed's CT search").isNotNull();
    assertThat(found.path("sources")).extracting(JsonNode::asText).containsExactly("ct");
    assertThat(HonestOutcomesCliTest.finding(
                montval, "exposure.phpinfo", "ancien-site-2015.montval.test")
            .path("status")
            .asText())
        .isEqualTo("new");
  }
}
