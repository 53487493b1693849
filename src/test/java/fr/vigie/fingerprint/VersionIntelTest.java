package fr.vigie.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.fingerprint.Detection.Precision;
import fr.vigie.fingerprint.VersionIntel.Assessment;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VersionIntelTest {

  /** Pinned data, so the tests do not move when the real files are reviewed. */
  static final String WEBMAIL = """
      # Version intelligence: a webmail for tests. Reviewed 2026-01-02.
      product: webmail
      name: Webmail
      sources: ["test data"]
      branches:
        - {branch: "2.1", latest: 2.1.4}
        - {branch: "2.0", latest: 2.0.9, eol: 2026-06-30}
        - {branch: "1.9", latest: 1.9.12, eol: true}
      packages:
        - {version: 2.1.1, distribution: "Debian 13"}
      exploited:
        - cve: CVE-2025-11111
          what: "remote code execution"
          kev: 2025-03-01
          advisory: https://example.test/advisory
          affected: [{before: 2.0.5}, {from: 2.1.0, before: 2.1.2}]
      """;

  static final String EXCHANGE = """
      # Exchange-like builds. Reviewed 2026-01-02.
      product: builds
      name: Builds
      sources: ["test data"]
      branches:
        - {from: 15.2.2562, latest: 15.2.2562.46}
        - {branch: "15.2", latest: 15.2.1544.36, eol: 2025-10-14}
      exploited:
        - cve: CVE-2021-26855
          advisory: https://example.test/proxylogon
          affected: [{from: 15.2.721.0, before: 15.2.721.13}]
      """;

  static final VersionIntel INTEL = new VersionIntel(Map.of(
      "webmail",
      VersionIntel.parse("webmail.yaml", WEBMAIL),
      "builds",
      VersionIntel.parse("builds.yaml", EXCHANGE)));

  static Detection exact(String product, String version) {
    return new Detection("X", product, "webmail", version, Precision.EXACT, 100, false, List.of());
  }

  static Optional<Assessment> assess(Detection d, String day) {
    return INTEL.assess(d, LocalDate.parse(day));
  }

  @Test
  void shouldSayOutdatedBehindTheBranchLatestAndNothingAtIt() {
    assertThat(assess(exact("webmail", "2.1.3"), "2026-01-10")).get().satisfies(a -> {
      assertThat(a.outdated()).isTrue();
      assertThat(a.endOfLife()).isFalse();
      assertThat(a.exploited()).isEmpty();
    });
    assertThat(assess(exact("webmail", "2.1.4"), "2026-01-10"))
        .get()
        .satisfies(a -> assertThat(a.outdated() || a.endOfLife()).isFalse());
  }

  @Test
  void shouldEndABranchOnItsDayNotBefore() {
    assertThat(assess(exact("webmail", "2.0.9"), "2026-06-29"))
        .get()
        .extracting(Assessment::endOfLife)
        .isEqualTo(false);
    assertThat(assess(exact("webmail", "2.0.9"), "2026-06-30"))
        .get()
        .extracting(Assessment::endOfLife)
        .isEqualTo(true);
    assertThat(assess(exact("webmail", "1.9.12"), "2020-01-01"))
        .get()
        .extracting(Assessment::endOfLife)
        .isEqualTo(true);
  }

  @Test
  void shouldCallOlderThanEveryBranchEndOfLifeAndNewerThanAnyUnknown() {
    assertThat(assess(exact("webmail", "1.2.0"), "2026-01-10")).get().satisfies(a -> {
      assertThat(a.endOfLife()).isTrue();
      assertThat(a.branch()).isNull();
    });
    assertThat(assess(exact("webmail", "3.0.0"), "2026-01-10")).isEmpty();
  }

  @Test
  void shouldPlaceAVersionInsideExploitedRangesBothWays() {
    assertThat(assess(exact("webmail", "2.1.1"), "2026-01-10"))
        .get()
        .extracting(a -> a.exploited().size())
        .isEqualTo(1);
    assertThat(assess(exact("webmail", "2.1.2"), "2026-01-10"))
        .get()
        .extracting(a -> a.exploited().size())
        .isEqualTo(0);
    assertThat(assess(exact("webmail", "2.0.4"), "2026-01-10"))
        .get()
        .extracting(a -> a.exploited().size())
        .isEqualTo(1);
    assertThat(assess(exact("webmail", "2.0.5"), "2026-01-10"))
        .get()
        .extracting(a -> a.exploited().size())
        .isEqualTo(0);
  }

  @Test
  void shouldJudgeABuildWithoutRevisionOnlyWhenEveryRevisionAgrees() {
    // 15.2.721 could be 15.2.721.13 (fixed): not certainly vulnerable.
    assertThat(VersionIntel.certainlyIn(
            Version.of("15.2.721"),
            new VersionIntel.Range(Version.of("15.2.721.0"), Version.of("15.2.721.13"))))
        .isFalse();
    assertThat(VersionIntel.certainlyIn(
            Version.of("15.2.721.4"),
            new VersionIntel.Range(Version.of("15.2.721.0"), Version.of("15.2.721.13"))))
        .isTrue();
    // 15.2.1544 is behind 15.2.1544.36 only if its revision is: not outdated, but its branch has
    // ended.
    assertThat(assess(exact("builds", "15.2.1544"), "2026-01-10")).get().satisfies(a -> {
      assertThat(a.outdated()).isFalse();
      assertThat(a.endOfLife()).isTrue();
    });
    // The Subscription Edition starts at a build, not at a prefix.
    assertThat(assess(exact("builds", "15.2.2562.20"), "2026-01-10")).get().satisfies(a -> {
      assertThat(a.endOfLife()).isFalse();
      assertThat(a.outdated()).isTrue();
      assertThat(a.branch().name()).isEqualTo("15.2.2562+");
    });
  }

  @Test
  void shouldNeverCallAPackagedVersionOutdatedAndSayWhichDistributionShipsIt() {
    Detection packaged =
        new Detection("X", "webmail", "webmail", "2.1.1", Precision.EXACT, 100, true, List.of());
    assertThat(INTEL.assess(packaged, LocalDate.parse("2026-01-10"))).get().satisfies(a -> {
      assertThat(a.outdated()).isFalse();
      assertThat(a.exploited()).hasSize(1);
      assertThat(a.packaged())
          .extracting(VersionIntel.Package::distribution)
          .containsExactly("Debian 13");
    });
  }

  @Test
  void shouldJudgeABranchOnlyVersionOnlyWhenTheWholeBranchHasEnded() {
    Detection two =
        new Detection("X", "webmail", "webmail", "2", Precision.BRANCH, 100, false, List.of());
    assertThat(INTEL.assess(two, LocalDate.parse("2027-01-01"))).isEmpty(); // 2.1 is maintained
    Detection one =
        new Detection("X", "webmail", "webmail", "1", Precision.BRANCH, 100, false, List.of());
    assertThat(INTEL.assess(one, LocalDate.parse("2027-01-01")))
        .get()
        .extracting(Assessment::endOfLife)
        .isEqualTo(true);
  }

  @Test
  void shouldNotJudgeHintsOrUnknownProducts() {
    Detection hint =
        new Detection("X", "webmail", "webmail", "2.0.1", Precision.HINT, 100, false, List.of());
    assertThat(INTEL.assess(hint, LocalDate.parse("2026-01-10"))).isEmpty();
    assertThat(INTEL.assess(exact("nothing", "1.0.0"), LocalDate.parse("2026-01-10")))
        .isEmpty();
  }

  @Test
  void shouldNameTheFileAndTheEntryOfABadDataFile() {
    assertThatThrownBy(
            () -> VersionIntel.parse("bad.yaml", WEBMAIL.replace("before: 2.0.5", "before: two")))
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("not a version: two");
    assertThatThrownBy(
            () -> VersionIntel.parse("bad.yaml", WEBMAIL.replace("Reviewed 2026-01-02", "")))
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("Reviewed");
    assertThatThrownBy(
            () -> VersionIntel.parse("bad.yaml", WEBMAIL.replace("eol: 2026-06-30", "eol: soon")))
        .hasMessageContaining("not a date: soon");
  }

  @Test
  void shouldCallApache2449And2450VulnerableToTheirKnownExploitedPathTraversal() {
    Function<String, List<String>> cves = v -> VersionIntel.builtIn()
        .assess(
            new Detection(
                "Apache",
                "apache-http-server",
                "server",
                v,
                Precision.EXACT,
                100,
                false,
                List.of()),
            LocalDate.parse("2026-12-02"))
        .map(a -> a.exploited().stream().map(VersionIntel.Exploited::cve).toList())
        .orElse(List.of());

    assertThat(cves.apply("2.4.49"))
        .containsExactlyInAnyOrder("CVE-2021-41773", "CVE-2021-42013", "CVE-2024-38475");
    assertThat(cves.apply("2.4.50")).containsExactlyInAnyOrder("CVE-2021-42013", "CVE-2024-38475");
    assertThat(cves.apply("2.4.51")).containsExactly("CVE-2024-38475");
    assertThat(cves.apply("2.4.48")).containsExactlyInAnyOrder("CVE-2021-40438", "CVE-2024-38475");
    assertThat(cves.apply("2.4.38")).contains("CVE-2019-0211");
    assertThat(cves.apply("2.4.60")).isEmpty();
    assertThat(cves.apply("2.4.62")).isEmpty();
  }

  @Test
  void shouldLoadEveryShippedFile() {
    assertThat(VersionIntel.builtIn().products())
        .containsKeys("wordpress", "roundcube", "spip", "drupal", "msexchange", "php");
    assertThat(VersionIntel.builtIn().products().values())
        .allSatisfy(p -> assertThat(p.reviewed()).matches("\\d{4}-\\d{2}-\\d{2}"));
  }
}
