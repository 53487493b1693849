package fr.vigie.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.model.CommuneResult;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.HostObservation;
import fr.vigie.store.Json;
import fr.vigie.store.Store;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON contract and the terminal summary of a stored scan, with hostile evidence. */
class ReportTest {

  static final String HOSTILE_TXT =
      "v=spf1 +all \u001b]0;pwned\u0007\u001b[2J<script>alert(1)</script>\"><img src=x onerror=alert(1)>=HYPERLINK(\"http://evil\")";

  @TempDir
  Path dir;

  private ScanReport report(CheckCatalogue.Lang lang) {
    Commune commune = new Commune("99002", "Montval", List.of("montval.test"));
    HostObservation host = new HostObservation(
        "www.montval.test",
        Set.of(HostObservation.Source.WORDLIST),
        true,
        CnameChain.none(),
        DnsAnswer.resolved(List.of("192.0.2.7")),
        DnsAnswer.noData(),
        null,
        List.of(new HostObservation.Address("192.0.2.7", "documentation", false)));
    HostObservation old = new HostObservation(
        "ancien.montval.test",
        Set.of(HostObservation.Source.WORDLIST),
        true,
        new CnameChain(List.of("x.hebergeur-disparu.test"), CnameChain.End.DANGLING),
        new DnsAnswer.NxDomain(List.of("x.hebergeur-disparu.test")),
        null,
        null,
        List.of());
    List<Finding> findings = List.of(
        new Finding("mail.spf.permissive", Severity.HIGH, "montval.test", "+all", HOSTILE_TXT),
        new Finding(
            "dns.caa.missing", Severity.INFO, "montval.test", "", "no CAA record at montval.test"),
        new Finding(
            "dns.dangling-cname",
            Severity.HIGH,
            "ancien.montval.test",
            "x.hebergeur-disparu.test",
            "ancien → x (NXDOMAIN)"));
    try (Store store = Store.open(dir.resolve("r.db"), true)) {
      fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
      fr.vigie.store.ScanReader scanReader = new fr.vigie.store.ScanReader(store);
      fr.vigie.store.CommuneWriter communeWriter = new fr.vigie.store.CommuneWriter(store);
      fr.vigie.diff.Snapshots snapshots = new fr.vigie.diff.Snapshots(scanLog, scanReader);
      fr.vigie.store.CtCache ctCache = new fr.vigie.store.CtCache(store);
      Instant t = Instant.parse("2026-11-23T01:00:00Z");
      long scan = scanLog.createScan(t, "scan", List.of(commune));
      List<fr.vigie.fingerprint.TechObservation> tech = List.of(
          new fr.vigie.fingerprint.TechObservation(
              "www.montval.test",
              List.of(
                  new fr.vigie.fingerprint.Detection(
                      "WordPress",
                      "wordpress",
                      "cms",
                      "6.1.9",
                      fr.vigie.fingerprint.Detection.Precision.EXACT,
                      100,
                      false,
                      List.of("meta generator \"WordPress 6.1.9\"")),
                  new fr.vigie.fingerprint.Detection(
                      "jQuery",
                      "jquery",
                      "javascript",
                      "3.6.1",
                      fr.vigie.fingerprint.Detection.Precision.HINT,
                      100,
                      false,
                      List.of("script " + HOSTILE_TXT)))),
          new fr.vigie.fingerprint.TechObservation(
              "www.montval.test:10443",
              List.of(new fr.vigie.fingerprint.Detection(
                  "FortiGate SSL-VPN",
                  null,
                  "remote-access",
                  null,
                  fr.vigie.fingerprint.Detection.Precision.UNKNOWN,
                  100,
                  false,
                  List.of("URL /remote/login?lang=en")))));
      communeWriter.saveCommune(
          scan,
          new CommuneResult(
              new CommuneDiscovery(commune, Scope.of(commune), List.of(), List.of(host, old)),
              findings,
              List.of(),
              Map.of(),
              List.of(),
              Map.of(),
              tech,
              List.of()),
          t);
      scanLog.finishScan(scan, "completed", t.plusSeconds(3));
      return new ReportBuilder(store, CheckCatalogue.builtIn()).build(scan, lang, null);
    }
  }

  @Test
  void shouldFollowTheJsonContractAndItsSchema() throws Exception {
    String json = JsonReport.render(report(CheckCatalogue.Lang.FR));

    Schema schema;
    try (InputStream in =
        getClass().getResourceAsStream("/fr/vigie/report/vigie-report-1.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
    assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();

    JsonNode root = Json.MAPPER.readTree(json);
    assertThat(root.path("schema").asText()).isEqualTo("vigie-report/1");
    assertThat(root.path("tool").path("name").asText()).isEqualTo("vigie");
    assertThat(root.path("scan").path("finished").asText()).isEqualTo("2026-11-23T01:00:03Z");
    JsonNode commune = root.path("communes").get(0);
    assertThat(commune.path("insee").asText()).isEqualTo("99002");
    assertThat(commune.path("grade").asText()).isEqualTo("D");
    assertThat(commune.path("counts").path("high").asInt()).isEqualTo(2);
    JsonNode first = commune.path("findings").get(0);
    assertThat(first.path("severity").asText()).isEqualTo("high");
    assertThat(first.path("title").asText()).isNotBlank();
    assertThat(first.path("remediation").asText()).isNotBlank();
    assertThat(first.path("firstSeen").asText()).isEqualTo("2026-11-23T01:00:00Z");
    assertThat(first.path("status").asText()).isEqualTo("new");
    assertThat(first.path("key").asText()).hasSize(32);
    // JSON carries the evidence exactly; escaping is each consumer's job, and JSON's own is exact.
    assertThat(commune.path("findings").findValuesAsText("evidence")).contains(HOSTILE_TXT);
    JsonNode www = commune.path("hosts").findParents("name").stream()
        .filter(h -> h.path("name").asText().equals("www.montval.test"))
        .findFirst()
        .orElseThrow();
    assertThat(www.path("addresses").get(0).asText()).isEqualTo("192.0.2.7");
    assertThat(www.path("tls").isNull()).isTrue();
    JsonNode wordpress = www.path("technologies").get(0);
    assertThat(wordpress.path("name").asText()).isEqualTo("WordPress");
    assertThat(wordpress.path("version").asText()).isEqualTo("6.1.9");
    assertThat(wordpress.path("precision").asText()).isEqualTo("exact");
    assertThat(wordpress.path("confidence").asInt()).isEqualTo(100);
    // A hint is never given as the version.
    JsonNode jquery = www.path("technologies").get(1);
    assertThat(jquery.path("version").isNull()).isTrue();
    assertThat(jquery.path("versionHint").asText()).isEqualTo("3.6.1");
    assertThat(jquery.has("port")).isFalse();
    // A portal the port probe found on 10443 is listed with the host, with its port.
    JsonNode portal = www.path("technologies").get(2);
    assertThat(portal.path("name").asText()).isEqualTo("FortiGate SSL-VPN");
    assertThat(portal.path("port").asInt()).isEqualTo(10443);
  }

  @Test
  void shouldStripTerminalEscapesFromTheTextSummary() {
    StringWriter text = new StringWriter();

    new TextReport(false, Words.of(CheckCatalogue.Lang.EN), 300, true)
        .render(report(CheckCatalogue.Lang.EN), new PrintWriter(text));

    assertThat(text.toString())
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .contains("v=spf1 +all <script>")
        .contains("ancien.montval.test → x.hebergeur-disparu.test (dangling)")
        .contains("192.0.2.7 (documentation, not probed)")
        .contains("SPF authorises the whole Internet");
  }

  @Test
  void shouldRemoveEscapeSequencesAndControlCharacters() {
    assertThat(Escape.terminal("a\u001b[31mred\u001b[0m b")).isEqualTo("ared b");
    assertThat(Escape.terminal("x\u001b]0;title\u0007y")).isEqualTo("xy");
    assertThat(Escape.terminal("x\u001b]8;;http://evil\u001b\\link\u001b]8;;\u001b\\y"))
        .isEqualTo("xlinky");
    assertThat(Escape.terminal("tab\there\nnew\rline\u0000")).isEqualTo("tab here newline");
    assertThat(Escape.terminal("abc\u202eevil")).isEqualTo("abcevil");
    assertThat(Escape.terminal("Bréval-les-Bains")).isEqualTo("Bréval-les-Bains");
    assertThat(Escape.terminal("trailing\u001b")).isEqualTo("trailing");
  }

  @Test
  void shouldGradeFromTheWorstFindings() {
    Finding c = new Finding("exposure.git", Severity.CRITICAL, "a", "", "");
    Finding h = new Finding("mail.spf.permissive", Severity.HIGH, "a", "", "");
    Finding m = new Finding("mail.dmarc.missing", Severity.MEDIUM, "a", "", "");
    Finding l = new Finding("dns.dnssec.missing", Severity.LOW, "a", "", "");

    assertThat(Grading.grade(List.of())).isEqualTo("A");
    assertThat(Grading.grade(List.of(l, l, l))).isEqualTo("A");
    assertThat(Grading.grade(List.of(m, l))).isEqualTo("B");
    assertThat(Grading.grade(List.of(m, m, m, m))).isEqualTo("C");
    assertThat(Grading.grade(List.of(h, m))).isEqualTo("D");
    assertThat(Grading.grade(List.of(h, h, h))).isEqualTo("E");
    assertThat(Grading.grade(List.of(c))).isEqualTo("F");
  }
}
