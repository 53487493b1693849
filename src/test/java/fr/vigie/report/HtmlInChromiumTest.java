package fr.vigie.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.vigie.check.CheckCatalogue;
import fr.vigie.model.Severity;
import fr.vigie.store.CommuneHistory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML site opened in a real browser (Debian's headless Chromium, installed by .ci/run):
 * it renders the findings and charts with nothing said on the console, evidence written to run
 * script does not run, and the index's one script (allowed by its hash) sorts and filters. Skipped where no
 * Chromium is installed, except in CI where its absence is a failure.
 */
class HtmlInChromiumTest {

  static final String HOSTILE =
      "<img src=x onerror=\"document.title='PWNED'\"><script>document.body.setAttribute('data-pwned','1')</script>";

  @TempDir
  Path dir;

  private static Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  private static Path browser() {
    Path browser = chromium();
    if (System.getenv("CI") == null) {
      assumeTrue(browser != null, "Chromium is not installed (.ci/run installs it)");
    }
    assertThat(browser).as("Chromium, installed by .ci/run").isNotNull();
    return browser;
  }

  /** What Chromium made of a page once its scripts ran, and what its console said. */
  record Opened(String dom, List<String> console) {}

  private Opened open(Path page) throws Exception {
    Path log = dir.resolve("chromium-" + page.getFileName() + ".log");
    Process p = new ProcessBuilder(
            browser().toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--user-data-dir=" + dir.resolve("profile"),
            // The page's console (errors, CSP violations) goes to stderr, one CONSOLE line each.
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.toUri().toString())
        .redirectError(log.toFile())
        .start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> console =
        Files.readAllLines(log).stream().filter(l -> l.contains(":CONSOLE")).toList();
    return new Opened(dom, console);
  }

  private static List<CommuneHistory> history() {
    Instant day = Instant.parse("2026-11-20T01:00:00Z");
    return List.of(
        new CommuneHistory(1, day, "complete", Map.of(Severity.HIGH, 3, Severity.LOW, 5), 0),
        new CommuneHistory(2, day.plus(Duration.ofDays(1)), "unreachable", Map.of(), 0),
        new CommuneHistory(
            3, day.plus(Duration.ofDays(2)), "partial", Map.of(Severity.CRITICAL, 1), 4),
        new CommuneHistory(
            4,
            day.plus(Duration.ofDays(3)),
            "complete",
            Map.of(Severity.CRITICAL, 1, Severity.MEDIUM, 2),
            0));
  }

  @Test
  void shouldRenderTheCommunePageWithoutRunningHostileEvidence() throws Exception {
    browser();
    ScanReport base = FormatsTest.report();
    ScanReport.CommuneReport c = base.communes().get(0);
    List<ScanReport.FindingReport> findings = new ArrayList<>(c.findings());
    ScanReport.FindingReport first = findings.get(0);
    findings.set(
        0,
        new ScanReport.FindingReport(
            first.key(),
            first.check(),
            first.severity(),
            first.asset(),
            first.subject(),
            first.title(),
            HOSTILE,
            first.remediation(),
            first.reference(),
            first.firstSeen(),
            first.status(),
            null,
            null));
    ScanReport.CommuneReport hostile = new ScanReport.CommuneReport(
        c.insee(),
        c.name(),
        c.key(),
        c.domains(),
        c.grade(),
        c.gradeReasons(),
        c.status(),
        c.counts(),
        c.changes(),
        c.hosts(),
        findings);
    ScanReport report =
        new ScanReport(base.schema(), base.tool(), base.scan(), List.of(hostile), base.warnings());
    HtmlSite.write(
        report, dir.resolve("site"), Words.of(CheckCatalogue.Lang.FR), Map.of(c.key(), history()));

    Opened page = open(dir.resolve("site/communes/99001.html"));

    assertThat(page.dom())
        .contains("Dépôt de code source", "class=\"badge gF\"", "Risques acceptés")
        .doesNotContain("Note F");
    assertThat(page.dom()).contains("&lt;img src=x onerror=").contains("&lt;script&gt;");
    assertThat(page.dom()).doesNotContain("PWNED</title>").doesNotContain("data-pwned=\"1\"");
    Document dom = Jsoup.parse(page.dom());
    Element chart = dom.selectFirst("svg.chart.history");
    assertThat(chart).as("the history chart").isNotNull();
    assertThat(chart.select("g.scan")).hasSize(4);
    assertThat(chart.select("g.scan").get(1).text())
        .as("the scan that did not reach the commune is a question mark, not a clean bar")
        .contains("?", "commune non analysée");
    assertThat(chart.select("g.scan").get(2).selectFirst("title").text())
        .contains("1 critique", "4 non vérifiés", "analyse partielle");
    assertThat(page.console()).as("the page's console").isEmpty();
  }

  @Test
  void shouldDrawTheIndexAndLetItsTableBeFilteredAndSorted() throws Exception {
    browser();
    ScanReport one = FormatsTest.report();
    ScanReport.CommuneReport c = one.communes().get(0);
    List<ScanReport.CommuneReport> communes = new ArrayList<>(List.of(c));
    String[] grades = {"B", null, "A", "D"};
    for (int i = 0; i < grades.length; i++) {
      communes.add(new ScanReport.CommuneReport(
          "9900" + (i + 2),
          "Commune " + (char) ('A' + i),
          "9900" + (i + 2),
          List.of("commune-" + i + ".fr"),
          grades[i],
          List.of(),
          "complete",
          null,
          c.coverage(),
          c.counts(),
          c.changes(),
          List.of(),
          List.of()));
    }
    ScanReport report =
        new ScanReport(one.schema(), one.tool(), one.scan(), communes, one.warnings());
    HtmlSite.write(report, dir.resolve("site"), Words.of(CheckCatalogue.Lang.FR), Map.of());

    Opened index = open(dir.resolve("site/index.html"));

    Document dom = Jsoup.parse(index.dom());
    assertThat(dom.select("svg.chart.grades rect")).hasSize(7);
    assertThat(dom.selectFirst("#filter").hasAttr("hidden"))
        .as("the script ran under the page's CSP and showed the filter")
        .isFalse();
    assertThat(dom.selectFirst("#communes").hasClass("sortable")).isTrue();
    assertThat(index.console()).as("the index's console").isEmpty();

    // The same script, driven: a copy of the page without its CSP, plus a few lines that click
    // the grade header twice and filter, and write down what the table then shows.
    String html = Files.readString(dir.resolve("site/index.html"))
        .replaceAll("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "")
        .replace("</body>", "<script>" + DRIVER + "</script></body>");
    Path driven = dir.resolve("site/driven.html");
    Files.writeString(driven, html);
    Document after = Jsoup.parse(open(driven).dom());
    List<String> ascending = List.of(after.selectFirst("#up").text().split(","));
    List<String> descending = List.of(after.selectFirst("#down").text().split(","));
    assertThat(ascending)
        .as("A first, the unknown grade last")
        .containsExactly("A", "B", "D", "F", "Z");
    assertThat(descending).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    assertThat(after.selectFirst("#shown").text()).isEqualTo("1");
  }

  /** Clicks the grade column twice, then filters on one commune's name; notes each result. */
  private static final String DRIVER = "var t=document.getElementById('communes'),"
      + "th=t.tHead.rows[0].cells[2],g=function(){return Array.prototype.map.call("
      + "t.tBodies[0].rows,function(r){return r.cells[2].dataset.v;}).join(',');};"
      + "function note(id,v){var p=document.createElement('p');p.id=id;p.textContent=v;"
      + "document.body.appendChild(p);}th.click();note('up',g());th.click();note('down',g());"
      + "var f=document.getElementById('filter');f.value=t.tBodies[0].rows[0].cells[1].textContent;"
      + "f.dispatchEvent(new Event('input'));note('shown',Array.prototype.filter.call("
      + "t.tBodies[0].rows,function(r){return !r.hidden;}).length);";
}
