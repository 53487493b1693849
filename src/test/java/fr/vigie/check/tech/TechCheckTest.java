package fr.vigie.check.tech;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.fingerprint.Detection;
import fr.vigie.fingerprint.Detection.Precision;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.fingerprint.VersionIntel;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TechCheckTest extends CheckContract<TechObservation> {

  @Override
  protected Check<TechObservation> check() {
    return CHECK;
  }

  /**
   * Vulnerable is critical when exploited and upstream's, "to verify" when a packager may have
   * fixed it; end of life is lower when only the branch is known.
   */
  @Override
  protected Set<String> severityVaries() {
    return Set.of(TechCheck.VULNERABLE, TechCheck.END_OF_LIFE);
  }

  private static TechObservation seen(String version, Precision precision) {
    return new TechObservation(
        "www.mairie.fr",
        List.of(new Detection(
            "CMS",
            "cms",
            "cms",
            version,
            precision,
            100,
            false,
            List.of("meta generator \"CMS " + version + "\""))));
  }

  @Override
  protected List<Example<TechObservation>> examples() {
    return List.of(
        new Example<>(
            TechCheck.DETECTED,
            seen("5.1.8", Precision.EXACT),
            new TechObservation("www.mairie.fr", List.of())),
        new Example<>(
            TechCheck.OUTDATED, seen("5.1.5", Precision.EXACT), seen("5.1.8", Precision.EXACT)),
        new Example<>(
            TechCheck.END_OF_LIFE, seen("5.0.3", Precision.EXACT), seen("5.1.8", Precision.EXACT)),
        new Example<>(
            TechCheck.VULNERABLE, seen("5.1.1", Precision.EXACT), seen("5.1.3", Precision.EXACT)));
  }

  private static final String CMS = """
      # A CMS for tests. Reviewed 2026-01-02.
      product: cms
      name: CMS
      sources: ["pinned test data, 2026-01-02"]
      branches:
        - {branch: "5.1", latest: 5.1.8}
        - {branch: "5.0", latest: 5.0.3, eol: 2025-12-31}
      packages:
        - {version: 5.1.2, distribution: "Debian 13, cms 5.1.2-1"}
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
    Detection d = new Detection(
        "CMS",
        "cms",
        "cms",
        version,
        precision,
        100,
        packaged,
        List.of("meta generator \"CMS " + version + "\""));
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
    assertThat(run("5.1.5", Precision.EXACT, false))
        .extracting(Finding::check, Finding::severity, Finding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("tech.detected", Severity.INFO, "CMS 5.1.5"),
            org.assertj.core.groups.Tuple.tuple("tech.outdated", Severity.MEDIUM, "CMS"));
  }

  @Test
  void shouldSayEndOfLifeHighInsteadOfOutdated() {
    List<Finding> f = run("5.0.3", Precision.EXACT, false);
    assertThat(f).extracting(Finding::check).containsExactly("tech.detected", "tech.end-of-life");
    assertThat(f.get(1).evidence())
        .contains(
            "branch 5.0, whose security fixes ended on 2025-12-31",
            "Newest branch: 5.1 (5.1.8)",
            "pinned test data",
            "reviewed 2026-01-02");
  }

  @Test
  void shouldSayVulnerableCriticalWithTheCveTheKevDateAndTheAdvisory() {
    List<Finding> f = run("5.1.1", Precision.EXACT, false);
    assertThat(f)
        .extracting(Finding::check)
        .containsExactly("tech.detected", "tech.vulnerable", "tech.outdated");
    Finding v = f.get(1);
    assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(v.subject()).isEqualTo("CMS");
    assertThat(v.evidence())
        .contains(
            "CVE-2025-22222",
            "in CISA KEV since 2025-05-05",
            "https://cms.example.test/security/2025-1");
  }

  @Test
  void shouldKeepTheSameKeyWhenTheVersionChangesButStaysVulnerable() {
    Finding before = run("5.1.0", Precision.EXACT, false).get(1);
    Finding after = run("5.1.2", Precision.EXACT, false).get(1);
    assertThat(before.check()).isEqualTo("tech.vulnerable");
    assertThat(after.key()).isEqualTo(before.key());
    // …while the inventory shows the change.
    assertThat(run("5.1.2", Precision.EXACT, false).get(0).key())
        .isNotEqualTo(run("5.1.0", Precision.EXACT, false).get(0).key());
  }

  @Test
  void shouldWarnAboutBackportsWhenADistributionShipsThatVersion() {
    assertThat(run("5.1.2", Precision.EXACT, false).get(1).evidence())
        .contains("Debian 13, cms 5.1.2-1", "check the package");
    List<Finding> packaged = run("5.1.5", Precision.EXACT, true);
    assertThat(packaged).extracting(Finding::check).containsExactly("tech.detected");
  }

  @Test
  void shouldNeverJudgeAHintOrAnUnknownVersion() {
    assertThat(run("5.0.1", Precision.HINT, false))
        .extracting(Finding::check)
        .containsExactly("tech.detected");
    assertThat(run(null, Precision.UNKNOWN, false))
        .extracting(Finding::check)
        .containsExactly("tech.detected");
    assertThat(run("5.0.1", Precision.HINT, false).get(0).subject()).isEqualTo("CMS");
  }

  @Test
  void shouldSayNothingButTheInventoryOfAnUpToDateVersion() {
    assertThat(run("5.1.8", Precision.EXACT, false))
        .extracting(Finding::check)
        .containsExactly("tech.detected");
  }

  @Test
  void shouldCallDebiansPatchedRoundcubeToVerifyAtMediumNeverCritical() {
    TechCheck builtIn = new TechCheck(
        Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC),
        fr.vigie.fingerprint.VersionIntel.builtIn());
    Detection debians = new Detection(
        "Roundcube",
        "roundcube",
        "webmail",
        "1.6.5",
        Precision.EXACT,
        100,
        false,
        List.of("rcversion 10605"));
    Detection older = new Detection(
        "Roundcube",
        "roundcube",
        "webmail",
        "1.6.3",
        Precision.EXACT,
        100,
        false,
        List.of("rcversion 10603"));

    List<Finding> patched = builtIn.evaluate(
        new fr.vigie.fingerprint.TechObservation("webmail.mairie.fr", List.of(debians)));
    List<Finding> unpatched = builtIn.evaluate(
        new fr.vigie.fingerprint.TechObservation("webmail.mairie.fr", List.of(older)));

    assertThat(patched)
        .filteredOn(f -> f.check().equals("tech.vulnerable"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
          assertThat(f.evidence())
              .startsWith("To verify: upstream Roundcube 1.6.5 is affected by")
              .contains("CVE-2025-68461 in 1.6.5+dfsg-1+deb12u6", "dpkg -l roundcube-core");
        });
    assertThat(unpatched)
        .filteredOn(f -> f.check().equals("tech.vulnerable"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity())
            .as("no distribution ships 1.6.3 with these fixes")
            .isEqualTo(Severity.CRITICAL));
  }

  @Test
  void shouldSayAnUpstreamEndedBranchThatDebianStillMaintainsAtLowUntilDebiansEnd() {
    Detection nginx = new Detection(
        "nginx",
        "nginx",
        "server",
        "1.22.1",
        Precision.EXACT,
        100,
        false,
        List.of("Server: nginx/1.22.1"));
    Function<String, List<Finding>> on = day -> new TechCheck(
            Clock.fixed(Instant.parse(day + "T01:00:00Z"), ZoneOffset.UTC),
            fr.vigie.fingerprint.VersionIntel.builtIn())
        .evaluate(new fr.vigie.fingerprint.TechObservation("www.mairie.fr", List.of(nginx)));

    assertThat(on.apply("2026-12-02"))
        .filteredOn(f -> f.check().equals("tech.end-of-life"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.LOW);
          assertThat(f.evidence()).contains("still maintains this version, until 2028-06-30");
        });
    assertThat(on.apply("2028-07-01"))
        .filteredOn(f -> f.check().equals("tech.end-of-life"))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
  }

  private static final TechCheck BUILT_IN = new TechCheck(
      Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC), VersionIntel.builtIn());

  private static List<Finding> vulnerable(String product, String version, String distribution) {
    Detection d = new Detection(
        product,
        product,
        "server",
        version,
        Precision.EXACT,
        100,
        distribution != null,
        List.of("Server: " + product + "/" + version),
        distribution);
    return BUILT_IN.evaluate(new TechObservation("www.mairie.fr", List.of(d))).stream()
        .filter(f -> f.check().equals("tech.vulnerable"))
        .toList();
  }

  @Test
  void shouldJudgeAServerThatNamesItsDistributionAsThatDistributionDoes() {
    // Ubuntu 24.04's build of 2.4.58 carries the fix of CVE-2024-38475 from 2.4.58-1ubuntu8.2 on:
    // the header does not say which package version runs, so "to verify", naming the package.
    assertThat(vulnerable("apache-http-server", "2.4.58", "(Ubuntu)"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
          assertThat(f.evidence())
              .startsWith("The server says it runs Ubuntu 24.04 LTS's build ((Ubuntu)). To verify:")
              .contains("CVE-2024-38475 in 2.4.58-1ubuntu8.2", "dpkg -l apache2-bin");
        });
    // Ubuntu 18.04's public archive never got that fix: certain, whatever the package.
    assertThat(vulnerable("apache-http-server", "2.4.29", "(Ubuntu)"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
          assertThat(f.evidence())
              .contains(
                  "CVE-2024-38475: Ubuntu 18.04's last public package (2.4.29-1ubuntu4.27, 2023-03-08) predates it")
              .doesNotContain("CVE-2019-0211:");
        });
    // Debian fixed it by a new upstream version: a Debian server still on 2.4.57 has not updated.
    assertThat(vulnerable("apache-http-server", "2.4.57", "(Debian)"))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence())
            .contains("a server still saying 2.4.57 has not taken that update"))
        .extracting(Finding::severity)
        .isEqualTo(Severity.CRITICAL);
    assertThat(vulnerable("apache-http-server", "2.4.62", "(Debian)")).isEmpty();
    // Without the distribution, 2.4.58 is the version Ubuntu patches: to verify, never critical.
    assertThat(vulnerable("apache-http-server", "2.4.58", null))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.MEDIUM);
    assertThat(vulnerable("apache-http-server", "2.4.49", "(Debian)"))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(Severity.CRITICAL);
  }

  @Test
  void shouldCompareThePackageVersionTheServerGivesWithTheFixingOne() {
    String yaml = """
        # A server for tests. Reviewed 2026-01-02.
        product: srv
        name: Srv
        sources: ["pinned test data, 2026-01-02"]
        branches:
          - {branch: "2.4", latest: 2.4.9}
        packages:
          - version: 2.4.1
            distribution: "Ubuntu 24.04 LTS"
            marker: '^-(?<revision>\\d+ubuntu\\d+(\\.\\d+)?)$'
            fixed: {CVE-2025-11111: 2.4.1-1ubuntu4.10}
        exploited:
          - cve: CVE-2025-11111
            what: "remote code execution"
            advisory: https://srv.example.test/security
            affected: [{before: 2.4.5}]
        """;
    TechCheck check = new TechCheck(
        Clock.fixed(Instant.parse("2026-01-10T00:00:00Z"), ZoneOffset.UTC),
        new VersionIntel(Map.of("srv", VersionIntel.parse("srv.yaml", yaml))));
    Function<String, List<Finding>> on = suffix -> check
        .evaluate(new TechObservation(
            "www.mairie.fr",
            List.of(new Detection(
                "Srv",
                "srv",
                "server",
                "2.4.1",
                Precision.EXACT,
                100,
                true,
                List.of("X-Powered-By: Srv/2.4.1" + suffix),
                suffix))))
        .stream()
        .filter(f -> f.check().equals("tech.vulnerable"))
        .toList();

    assertThat(on.apply("-1ubuntu4.9")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(f.evidence())
          .contains("CVE-2025-11111: fixed in 2.4.1-1ubuntu4.10, the server runs 2.4.1-1ubuntu4.9");
    });
    assertThat(on.apply("-1ubuntu4.10")).as("the fixed package itself").isEmpty();
    assertThat(on.apply("-1ubuntu4.12")).isEmpty();
  }
}
