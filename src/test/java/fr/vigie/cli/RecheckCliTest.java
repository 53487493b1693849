package fr.vigie.cli;

import static fr.vigie.cli.CliTest.vigie;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigie recheck} through the real CLI: the demo's stored observations judged again, with
 * no network (the testbed is stopped by then), by the same rules and by rules with one more
 * exploited version.
 */
class RecheckCliTest {

  @TempDir
  static Path dir;

  private static String db;
  private static String ca;

  @BeforeAll
  static void runTheDemo() {
    db = dir.resolve("demo.db").toString();
    CliTest.Run demo =
        vigie("demo", "-q", "--db", db, "--output-dir", dir.resolve("demo").toString());
    assertThat(demo.code()).as(demo.err()).isEqualTo(ExitCodes.OK);
    ca = dir.resolve("demo/testbed-ca.pem").toString();
  }

  private static java.util.List<String> changes(String out) {
    return out.lines().filter(l -> l.matches("\\s+[-+?~*] .*")).toList();
  }

  @Test
  void shouldFindExactlyWhatTheScanFoundUnderTheSameRules() {
    CliTest.Run same = vigie("recheck", "--db", db, "--scan", "1", "--trust-ca", ca);

    assertThat(same.code()).as(same.err()).isZero();
    assertThat(changes(same.out())).isEmpty();
    assertThat(same.out())
        .contains("99004 Lacombe : depuis le scan 1, 0 nouveau, 0 corrigé, 0 non vérifié")
        .containsPattern("\\(revérification du scan 1\\) : 5 communes, \\d+ constats");
    assertThat(vigie("scans", "--db", db).out()).contains("recheck of 1");
  }

  @Test
  void shouldShowANewlyExploitedVersionOnTheCommunesRunningItAndNothingElse() throws Exception {
    // The version data learns that nginx before 1.16 is exploited: Bréval-les-Bains runs 1.14.0.
    Path versions = Files.createDirectories(dir.resolve("versions"));
    String nginx = new String(
        RecheckCliTest.class
            .getResourceAsStream("/fr/vigie/fingerprint/versions/nginx.yaml")
            .readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(nginx).contains("exploited: []");
    Files.writeString(
        versions.resolve("nginx.yaml"),
        nginx.replace(
            "exploited: []",
            "exploited:\n"
                + "  - cve: CVE-2099-0001\n"
                + "    what: \"a test entry\"\n"
                + "    kev: 2026-01-01\n"
                + "    advisory: https://nginx.org/en/security_advisories.html\n"
                + "    affected: [{before: 1.16.0}]\n"));

    CliTest.Run gated = vigie(
        "recheck",
        "--db",
        db,
        "--scan",
        "1",
        "--trust-ca",
        ca,
        "--versions",
        versions.toString(),
        "--fail-on",
        "new:high");

    assertThat(changes(gated.out()))
        .as(gated.out())
        .containsExactly("  + critique tech.vulnerable  www.bréval-les-bains.test [nginx]");
    assertThat(gated.code())
        .as("a data update that brings a new critical fails the gate")
        .isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(vigie("find", "--db", db, "--check", "tech.vulnerable", "--status", "new")
            .out())
        .contains("99003 Bréval-les-Bains — www.bréval-les-bains.test — critique");
  }

  @Test
  void shouldRefuseVersionDataThatDoesNotParseBeforeStoringAnything() throws Exception {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("nginx.yaml"), "product: nginx\nbranches: [oops\n");
    int scans = vigie("scans", "--db", db).out().split("\n").length;

    CliTest.Run run = vigie("recheck", "--db", db, "--versions", bad.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("nginx.yaml").doesNotContain("Exception");
    assertThat(vigie("scans", "--db", db).out().split("\n")).hasSize(scans);
  }
}
