package fr.vigie.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import fr.vigie.check.CheckCatalogue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every format on one fixed report whose evidence is hostile: golden files, schemas, and no
 * markup, formula or terminal sequence that comes through alive.
 */
class FormatsTest {

  static final String SCRIPT = "<script>alert('vigie')</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";
  static final String FORMULA = "=HYPERLINK(\"http://evil.example/\",\"clic\")";
  static final String OSC = "\u001b]0;pwned\u0007\u001b[31mrouge";

  static ScanReport report() {
    CheckCatalogue cat = CheckCatalogue.builtIn();
    List<ScanReport.FindingReport> findings = List.of(
        finding(
            cat,
            "exposure.git",
            "critical",
            "www.mairie-exemple.fr",
            "/.git/HEAD",
            "ref: refs/heads/main " + SCRIPT,
            "new",
            null),
        finding(
            cat, "mail.spf.permissive", "high", "mairie-exemple.fr", "+all", FORMULA, "open", null),
        finding(
            cat,
            "http.server.version-disclosed",
            "low",
            "www.mairie-exemple.fr",
            "server",
            "Server: Apache/2.4.29 " + IMG + OSC,
            "open",
            null),
        finding(
            cat,
            "http.hsts.missing",
            "medium",
            "www.mairie-exemple.fr",
            "",
            "no Strict-Transport-Security header",
            "suppressed",
            "HSTS après la migration (until 2026-12-31)"),
        finding(
            cat,
            "tls.protocol.tls10",
            "medium",
            "vpn.mairie-exemple.fr:443",
            "TLSv1",
            "TLSv1 accepted",
            "unknown",
            null),
        finding(
            cat,
            "dns.dangling-cname",
            "high",
            "ancien.mairie-exemple.fr",
            "x.hebergeur.fr",
            "ancien → x (NXDOMAIN)",
            "resolved",
            null));
    ScanReport.HostReport host = new ScanReport.HostReport(
        "www.mairie-exemple.fr",
        true,
        List.of("wordlist"),
        List.of("192.0.2.7"),
        List.of(new ScanReport.AddressReport("192.0.2.7", "documentation", false)),
        List.of(),
        null,
        List.of(),
        List.of(),
        new ScanReport.TlsReport(443, "B", List.of("TLSv1", "TLSv1.2"), List.of("TLS 1.0 → B")),
        new ScanReport.HttpReport("C", 55, List.of("http.csp.missing -25")));
    ScanReport.CommuneReport commune = new ScanReport.CommuneReport(
        "99001",
        "Saint-Exemple " + SCRIPT,
        "99001",
        List.of("mairie-exemple.fr"),
        "F",
        List.of("findings → F"),
        "partial",
        null,
        new fr.vigie.coverage.Coverage.Builder(List.of("--no-ports"), List.of("system"))
            .asked(fr.vigie.coverage.Probe.DNS)
            .asked(fr.vigie.coverage.Probe.WEB)
            .asked(fr.vigie.coverage.Probe.TLS)
            .put("www.mairie-exemple.fr", "web", fr.vigie.coverage.Outcome.ANSWERED)
            .put("vpn.mairie-exemple.fr:443", "tls", fr.vigie.coverage.Outcome.NO_ANSWER)
            .build("partial", null, null),
        Map.of("critical", 1, "high", 1, "medium", 0, "low", 1, "info", 0),
        new ScanReport.Changes(
            1L,
            false,
            1,
            1,
            1,
            1,
            List.of("test.mairie-exemple.fr"),
            List.of(),
            List.of("old.mairie-exemple.fr")),
        List.of(host),
        findings);
    return new ScanReport(
        ScanReport.SCHEMA,
        new ScanReport.Tool("vigie", "0.1.0"),
        new ScanReport.Scan(2, "2026-11-23T01:00:00Z", "2026-11-23T01:09:41Z", "completed"),
        List.of(commune),
        List.of("suppression 2 expired on 2026-11-01: exposure.git: dépôt public"));
  }

  private static ScanReport.FindingReport finding(
      CheckCatalogue cat,
      String id,
      String severity,
      String asset,
      String subject,
      String evidence,
      String status,
      String suppression) {
    CheckCatalogue.Entry e = cat.find(id).orElseThrow();
    String reason = status.equals("unknown") ? "no-answer:tls" : null;
    return new ScanReport.FindingReport(
        fr.vigie.model.Finding.key(id, asset, subject),
        id,
        severity,
        asset,
        subject,
        e.titleFr(),
        evidence,
        e.remediationFr(),
        e.reference(),
        "2026-11-20T01:00:00Z",
        status,
        null,
        suppression,
        reason,
        reason == null ? null : CoverageText.unknown(reason, CheckCatalogue.Lang.FR));
  }

  private static String render(String format) {
    return Formats.render(
        format,
        report(),
        CheckCatalogue.builtIn(),
        CheckCatalogue.Lang.FR,
        List.of(fr.vigie.diff.Gate.parse("any:high")),
        false,
        null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "md", "json", "csv", "sarif", "junit"})
  void shouldMatchItsGoldenFile(String format) throws Exception {
    String actual = render(format);
    Path golden = Path.of("src/test/resources/golden/report." + format);
    if (Boolean.getBoolean("vigie.updateGolden") || !Files.exists(golden)) {
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }

    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

  /**
   * What a server can put in a title, a header, a certificate's subject or a TXT record: a
   * terminal's escape sequences, BEL, NUL, a DEL and C1 control, a bidirectional override (which
   * shows {@code exe.txt} as {@code txt.exe}), a line separator. (No lone surrogate: what a
   * server sent is decoded from bytes, and decoders give U+FFFD for what is not UTF-16.)
   */
  static final String CONTROLS = "\u001b[2J\u0007\u0000\u007f\u0085\u202eexe.txt\u202c\u2028fin";

  /** The characters no person-facing format may let through. */
  private static final java.util.regex.Pattern RAW_CONTROL = java.util.regex.Pattern.compile(
      "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]");

  @ParameterizedTest
  @ValueSource(strings = {"text", "md", "csv", "sarif", "junit", "json", "html"})
  void shouldLetNoControlCharacterAServerSentThroughInAnyFormat(String format, @TempDir Path dir)
      throws Exception {
    ScanReport clean = report();
    ScanReport.CommuneReport c = clean.communes().get(0);
    List<ScanReport.FindingReport> findings = new java.util.ArrayList<>(c.findings());
    ScanReport.FindingReport f = findings.get(2);
    // In the evidence (a Server header, a certificate subject), the subject and the asset (a
    // DNS label as dnsjava gives it) alike.
    findings.set(
        2,
        new ScanReport.FindingReport(
            f.key(),
            f.check(),
            f.severity(),
            f.asset() + CONTROLS,
            f.subject() + CONTROLS,
            f.title(),
            "CN=" + CONTROLS + " Server: " + CONTROLS,
            f.remediation(),
            f.reference(),
            f.firstSeen(),
            f.status(),
            f.previousSeverity(),
            f.suppression(),
            f.unknownReason(),
            f.unknownReasonText()));
    ScanReport.CommuneReport hostile = new ScanReport.CommuneReport(
        c.insee(),
        c.name() + CONTROLS,
        c.key(),
        c.domains(),
        c.grade(),
        c.gradeReasons(),
        c.status(),
        c.statusReason(),
        c.coverage(),
        c.counts(),
        c.changes(),
        c.hosts(),
        findings);
    ScanReport report = new ScanReport(
        clean.schema(), clean.tool(), clean.scan(), List.of(hostile), clean.warnings());

    String out = Formats.render(
        format,
        report,
        CheckCatalogue.builtIn(),
        CheckCatalogue.Lang.FR,
        List.of(fr.vigie.diff.Gate.parse("any:high")),
        false,
        format.equals("html") ? dir : null);
    if (format.equals("html")) {
      out = Files.readString(dir.resolve("index.html"))
          + Files.readString(dir.resolve("communes/99001.html"));
    }

    assertThat(out).contains("exe.txt");
    if (format.equals("json")) {
      // For machines: the server's text as it was, every control escaped as JSON says (\\u001b).
      assertThat(out).doesNotContainPattern("[\\x00-\\x1f&&[^\\n]]").contains("\\u001B");
    } else {
      assertThat(RAW_CONTROL.matcher(out).find())
          .as("a raw control character in the %s output", format)
          .isFalse();
    }
  }

  @Test
  void shouldStripTerminalSequencesFromText() {
    String text = render("text");

    assertThat(text).doesNotContain("\u001b", "\u0007").contains("<script>alert('vigie')</script>");
  }

  @Test
  void shouldEscapeMarkupInMarkdown() {
    String md = render("md");

    assertThat(md).doesNotContain("<script>", "<img", "\u001b").contains("&lt;script&gt;");
  }

  @Test
  void shouldNeutraliseFormulasInCsv() {
    String csv = render("csv");

    assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"clic\"\")\"");
    assertThat(csv.lines()).allSatisfy(line -> assertThat(line).doesNotStartWith("="));
  }

  @Test
  void shouldEscapeEverythingInJunitXml() {
    Document xml = Jsoup.parse(render("junit"), "", Parser.xmlParser());

    assertThat(xml.select("script, img")).isEmpty();
    assertThat(xml.select("testcase")).hasSize(4); // new, open ×2, suppressed; not resolved/unknown
    assertThat(xml.select("testcase failure")).hasSize(2); // critical and high, gate at high
    assertThat(xml.select("testcase skipped")).hasSize(1);
    assertThat(xml.select("failure").text()).contains(SCRIPT);
  }

  @Test
  void shouldWriteAValidSarifLog() throws Exception {
    Path schemaFile = Path.of("..", "shared", "data", "sarif-schema-2.1.0.json");
    assumeTrue(Files.isReadable(schemaFile), "the SARIF schema is in shared/data");
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
        .getSchema(Files.readString(schemaFile), InputFormat.JSON);

    String sarif = render("sarif");
    ScanReport empty =
        new ScanReport(ScanReport.SCHEMA, report().tool(), report().scan(), List.of(), List.of());
    String none = SarifReport.render(empty, CheckCatalogue.builtIn(), CheckCatalogue.Lang.EN);

    assertThat(schema.validate(sarif, InputFormat.JSON)).isEmpty();
    assertThat(schema.validate(none, InputFormat.JSON)).isEmpty();
    assertThat(none).contains("\"results\" : [ ]");
    assertThat(sarif)
        .contains(
            "\"uri\" : \"www.mairie-exemple.fr/.git/HEAD\"",
            "\"uriBaseId\" : \"SITE\"",
            "\"security-severity\" : \"9.5\"",
            // one commune: its own category, then the scan
            "\"id\" : \"vigie/99001/2\"")
        .doesNotContain("\"uri\" : \"http");
  }

  @Test
  void shouldGiveEachSetOfCommunesItsOwnSarifCategory() {
    ScanReport one = report();
    ScanReport.CommuneReport c = one.communes().get(0);
    ScanReport.CommuneReport other = new ScanReport.CommuneReport(
        "99002",
        "Autre",
        "99002",
        List.of("autre.fr"),
        "A",
        List.of(),
        "complete",
        null,
        c.coverage(),
        c.counts(),
        c.changes(),
        List.of(),
        List.of());
    ScanReport two =
        new ScanReport(one.schema(), one.tool(), one.scan(), List.of(c, other), one.warnings());
    ScanReport twoReversed =
        new ScanReport(one.schema(), one.tool(), one.scan(), List.of(other, c), one.warnings());

    assertThat(SarifReport.automationId(one)).isEqualTo("vigie/99001/2");
    assertThat(SarifReport.automationId(two))
        .matches("vigie/2-communes-[0-9a-f]{8}/2")
        .isEqualTo(SarifReport.automationId(twoReversed));
  }

  @Test
  void shouldLocateAServiceFindingOnItsPort() {
    ScanReport.FindingReport rdp = new ScanReport.FindingReport(
        "k",
        "service.rdp.exposed",
        "critical",
        "203.0.113.7:3389",
        "rdp",
        "RDP",
        "",
        "",
        "",
        "2026-11-20T01:00:00Z",
        "new",
        null,
        null,
        null,
        null);

    assertThat(SarifReport.uri(rdp)).isEqualTo("203.0.113.7%3A3389/");
  }

  @Test
  void shouldFollowTheJsonSchema() throws Exception {
    Schema schema;
    try (InputStream in =
        getClass().getResourceAsStream("/fr/vigie/report/vigie-report-1.schema.json")) {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }

    assertThat(schema.validate(render("json"), InputFormat.JSON)).isEmpty();
  }

  @Test
  void shouldBuildAnHtmlSiteWhereHostileEvidenceIsOnlyText(@TempDir Path dir) throws Exception {
    Formats.render(
        "html",
        report(),
        CheckCatalogue.builtIn(),
        CheckCatalogue.Lang.FR,
        List.of(fr.vigie.diff.Gate.parse("any:high")),
        false,
        dir);

    Document index = Jsoup.parse(dir.resolve("index.html").toFile());
    Document page = Jsoup.parse(dir.resolve("communes/99001.html").toFile());

    // The index's one script is vigie's own table sorter, allowed by its hash and nothing else.
    assertThat(index.select("script")).hasSize(1);
    assertThat(index.selectFirst("script").data()).isEqualTo(HtmlSite.TABLE_SCRIPT);
    assertThat(index.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .isEqualTo("default-src 'none'; style-src 'unsafe-inline'; script-src "
            + HtmlSite.TABLE_SCRIPT_HASH);
    index.select("script").remove();
    for (Document d : List.of(index, page)) {
      assertThat(d.select("script, img, iframe, object")).isEmpty();
      assertThat(d.select("[onerror], [onload]")).isEmpty();
      assertThat(d.select("link[href], [src]"))
          .isEmpty(); // no external resource: works from file://
    }
    assertThat(index.select("a[href=communes/99001.html]").text()).contains(SCRIPT);
    assertThat(page.text())
        .contains(
            SCRIPT,
            IMG.substring(0, 10),
            "Pourquoi cette note",
            "1 nouveau, 1 corrigé, 1 non vérifié");
    assertThat(page.select(".badge").text()).isEqualTo("F");
    assertThat(page.select("li.suppressed").text()).contains("HSTS après la migration");
    assertThat(page.select("li.resolved")).hasSize(1);
  }
}
