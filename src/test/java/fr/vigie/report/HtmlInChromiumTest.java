package fr.vigie.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.vigie.check.CheckCatalogue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML site opened in a real browser (Debian's headless Chromium, installed by .ci/run):
 * it renders the findings, and evidence written to run script does not run. Skipped where no
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

  @Test
  void shouldRenderTheCommunePageWithoutRunningHostileEvidence() throws Exception {
    Path browser = chromium();
    if (System.getenv("CI") == null) {
      assumeTrue(browser != null, "Chromium is not installed (.ci/run installs it)");
    }
    assertThat(browser).as("Chromium, installed by .ci/run").isNotNull();
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
    Formats.render(
        "html",
        report,
        CheckCatalogue.builtIn(),
        CheckCatalogue.Lang.FR,
        List.of(fr.vigie.diff.Gate.parse("any:high")),
        false,
        dir.resolve("site"));
    Path page = dir.resolve("site/communes/99001.html");

    Process p = new ProcessBuilder(
            browser.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--user-data-dir=" + dir.resolve("profile"),
            "--virtual-time-budget=2000",
            "--dump-dom",
            page.toUri().toString())
        .redirectError(dir.resolve("chromium.log").toFile())
        .start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(dom)
        .contains("Dépôt de code source", "class=\"badge gF\"", "Risques acceptés")
        .doesNotContain("Note F");
    assertThat(dom).contains("&lt;img src=x onerror=").contains("&lt;script&gt;");
    assertThat(dom).doesNotContain("PWNED</title>").doesNotContain("data-pwned=\"1\"");
  }
}
