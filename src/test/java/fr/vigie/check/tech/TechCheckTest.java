package fr.vigie.check.tech;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Finding;
import fr.vigie.check.Severity;
import fr.vigie.fingerprint.Detection;
import fr.vigie.fingerprint.Detection.Precision;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.fingerprint.VersionIntel;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TechCheckTest {

  private static final String CMS = """
      # A CMS for tests. Reviewed 2026-01-02.
      product: cms
      name: CMS
      sources: ["pinned test data, 2026-01-02"]
      branches:
        - {branch: "5.1", latest: 5.1.8}
        - {branch: "5.0", latest: 5.0.3, eol: 2025-12-31}
      packages:
        - {version: 5.1.2, distribution: "Debian 13, package cms 5.1.2-1"}
      exploited:
        - cve: CVE-2025-22222
          what: "unauthenticated file upload"
          kev: 2025-05-05
          advisory: https://cms.example.test/security/2025-1
          affected: [{from: 5.1.0, before: 5.1.3}, {before: 5.0.3}]
      """;

  private static final TechCheck CHECK = new TechCheck(
      Clock.fixed(Instant.parse("2026-01-10T00:00:00Z"), ZoneOffset.UTC),
      new VersionIntel(Map.of("cms", VersionIntel.parse("cms.yaml", CMS))));

  private static List<Finding> run(String version, Precision precision, boolean packaged) {
    Detection d = new Detection("CMS", "cms", "cms", version, precision, 100, packaged, List.of("meta generator \"CMS " + version + "\""));
    return CHECK.evaluate(new TechObservation("www.mairie.fr", List.of(d)));
  }

  @Test
  void shouldInventoryEveryTechnologyWithItsVersionInTheSubject() {
    assertThat(run("5.1.8", Precision.EXACT, false)).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("tech.detected");
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.subject()).isEqualTo("CMS 5.1.8");
      assertThat(f.evidence()).contains("version 5.1.8", "confidence 100", "meta generator");
    });
  }

  @Test
  void shouldSayOutdatedMediumBehindItsBranch() {
    assertThat(run("5.1.5", Precision.EXACT, false)).extracting(Finding::check, Finding::severity, Finding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tech.detected", Severity.INFO, "CMS 5.1.5"),
            org.assertj.core.groups.Tuple.tuple("tech.outdated", Severity.MEDIUM, "CMS"));
  }

  @Test
  void shouldSayEndOfLifeHighInsteadOfOutdated() {
    List<Finding> f = run("5.0.3", Precision.EXACT, false);
    assertThat(f).extracting(Finding::check).containsExactly("tech.detected", "tech.end-of-life");
    assertThat(f.get(1).evidence()).contains("branch 5.0, whose security fixes ended on 2025-12-31", "Newest branch: 5.1 (5.1.8)",
        "pinned test data", "reviewed 2026-01-02");
  }

  @Test
  void shouldSayVulnerableCriticalWithTheCveTheKevDateAndTheAdvisory() {
    List<Finding> f = run("5.1.1", Precision.EXACT, false);
    assertThat(f).extracting(Finding::check).containsExactly("tech.detected", "tech.vulnerable", "tech.outdated");
    Finding v = f.get(1);
    assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(v.subject()).isEqualTo("CMS");
    assertThat(v.evidence()).contains("CVE-2025-22222", "in CISA KEV since 2025-05-05", "https://cms.example.test/security/2025-1");
  }

  @Test
  void shouldKeepTheSameKeyWhenTheVersionChangesButStaysVulnerable() {
    Finding before = run("5.1.0", Precision.EXACT, false).get(1);
    Finding after = run("5.1.2", Precision.EXACT, false).get(1);
    assertThat(before.check()).isEqualTo("tech.vulnerable");
    assertThat(after.key()).isEqualTo(before.key());
    // …while the inventory shows the change.
    assertThat(run("5.1.2", Precision.EXACT, false).get(0).key()).isNotEqualTo(run("5.1.0", Precision.EXACT, false).get(0).key());
  }

  @Test
  void shouldWarnAboutBackportsWhenADistributionShipsThatVersion() {
    assertThat(run("5.1.2", Precision.EXACT, false).get(1).evidence()).contains("Debian 13, package cms 5.1.2-1", "check the package");
    List<Finding> packaged = run("5.1.5", Precision.EXACT, true);
    assertThat(packaged).extracting(Finding::check).containsExactly("tech.detected");
  }

  @Test
  void shouldNeverJudgeAHintOrAnUnknownVersion() {
    assertThat(run("5.0.1", Precision.HINT, false)).extracting(Finding::check).containsExactly("tech.detected");
    assertThat(run(null, Precision.UNKNOWN, false)).extracting(Finding::check).containsExactly("tech.detected");
    assertThat(run("5.0.1", Precision.HINT, false).get(0).subject()).isEqualTo("CMS");
  }

  @Test
  void shouldSayNothingButTheInventoryOfAnUpToDateVersion() {
    assertThat(run("5.1.8", Precision.EXACT, false)).extracting(Finding::check).containsExactly("tech.detected");
  }

  @Test
  void shouldCallDebiansPatchedRoundcubeToVerifyAtMediumNeverCritical() {
    TechCheck builtIn = new TechCheck(java.time.Clock.fixed(java.time.Instant.parse("2026-12-02T01:00:00Z"), java.time.ZoneOffset.UTC),
        fr.vigie.fingerprint.VersionIntel.builtIn());
    Detection debians = new Detection("Roundcube", "roundcube", "webmail", "1.6.5", Precision.EXACT, 100, false, List.of("rcversion 10605"));
    Detection older = new Detection("Roundcube", "roundcube", "webmail", "1.6.3", Precision.EXACT, 100, false, List.of("rcversion 10603"));

    List<Finding> patched = builtIn.evaluate(new fr.vigie.fingerprint.TechObservation("webmail.mairie.fr", List.of(debians)));
    List<Finding> unpatched = builtIn.evaluate(new fr.vigie.fingerprint.TechObservation("webmail.mairie.fr", List.of(older)));

    assertThat(patched).filteredOn(f -> f.check().equals("tech.vulnerable")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(f.evidence()).startsWith("To verify: upstream Roundcube 1.6.5 is affected by")
          .contains("CVE-2025-68461 in 1.6.5+dfsg-1+deb12u6", "dpkg -l roundcube-core");
    });
    assertThat(unpatched).filteredOn(f -> f.check().equals("tech.vulnerable")).singleElement()
        .satisfies(f -> assertThat(f.severity()).as("no distribution ships 1.6.3 with these fixes").isEqualTo(Severity.CRITICAL));
  }

  @Test
  void shouldSayAnUpstreamEndedBranchThatDebianStillMaintainsAtLowUntilDebiansEnd() {
    Detection nginx = new Detection("nginx", "nginx", "server", "1.22.1", Precision.EXACT, 100, false, List.of("Server: nginx/1.22.1"));
    java.util.function.Function<String, List<Finding>> on = day -> new TechCheck(
        java.time.Clock.fixed(java.time.Instant.parse(day + "T01:00:00Z"), java.time.ZoneOffset.UTC), fr.vigie.fingerprint.VersionIntel.builtIn())
        .evaluate(new fr.vigie.fingerprint.TechObservation("www.mairie.fr", List.of(nginx)));

    assertThat(on.apply("2026-12-02")).filteredOn(f -> f.check().equals("tech.end-of-life")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.LOW);
      assertThat(f.evidence()).contains("still maintains this version, until 2028-06-30");
    });
    assertThat(on.apply("2028-07-01")).filteredOn(f -> f.check().equals("tech.end-of-life")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
  }
}
