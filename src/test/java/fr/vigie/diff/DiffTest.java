package fr.vigie.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import fr.vigie.UserInputException;
import fr.vigie.coverage.Coverage;
import fr.vigie.coverage.Outcome;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffTest {

  private static final Instant T1 = Instant.parse("2026-11-22T01:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-23T01:00:00Z");

  private static final Finding GIT = new Finding(
      "exposure.git", Severity.CRITICAL, "www.mairie.fr", "/.git/HEAD", "ref: refs/heads/main");
  private static final Finding HSTS =
      new Finding("http.hsts.missing", Severity.MEDIUM, "www.mairie.fr", "", "no HSTS");
  private static final Finding TLS10 = new Finding(
      "tls.protocol.tls10", Severity.MEDIUM, "vpn.mairie.fr:443", "TLSv1", "TLSv1 accepted");
  private static final Finding SPF =
      new Finding("mail.spf.permissive", Severity.HIGH, "mairie.fr", "+all", "v=spf1 +all");

  private static final Function<Finding, fr.vigie.coverage.Question> BASES =
      fr.vigie.check.Checks.bases();

  /** A coverage where each given "asset question" pair got this outcome; the rest not asked. */
  private static Coverage coverage(String status, Object... assetKeyOutcome) {
    Coverage.Builder b = new Coverage.Builder(List.of(), List.of("system"));
    for (int i = 0; i < assetKeyOutcome.length; i += 3) {
      b.put((String) assetKeyOutcome[i], (String) assetKeyOutcome[i + 1], (Outcome)
          assetKeyOutcome[i + 2]);
    }
    return b.build(status, null, null);
  }

  private static Snapshot snapshot(
      long id, Instant t, Coverage c, Set<String> assets, Finding... f) {
    return new Snapshot(id, t, c, List.of(f), List.of(), assets, Set.of(), Map.of());
  }

  private static final Coverage FULL = coverage(
      Coverage.COMPLETE,
      "www.mairie.fr",
      "dns:A",
      Outcome.ANSWERED,
      "www.mairie.fr",
      "web",
      Outcome.ANSWERED,
      "www.mairie.fr",
      "paths",
      Outcome.ANSWERED,
      "vpn.mairie.fr",
      "dns:A",
      Outcome.ANSWERED,
      "vpn.mairie.fr:443",
      "tls",
      Outcome.ANSWERED,
      "mairie.fr",
      "dns:TXT",
      Outcome.ANSWERED);

  @Test
  void shouldResolveAServiceOnlyWhenThePortProbeAskedThatPortAndGotAnAnswer() {
    Finding rdp =
        new Finding("service.rdp.exposed", Severity.CRITICAL, "203.0.113.7:3389", "rdp", "X.224");
    Finding exim =
        new Finding("tech.vulnerable", Severity.CRITICAL, "203.0.113.7:25", "Exim", "Exim 4.91");
    Snapshot before = snapshot(1, T1, FULL, Set.of(), rdp, exim);
    Coverage.Builder refused = new Coverage.Builder(List.of(), List.of())
        .ports(List.of(25, 3389))
        .put("203.0.113.7", "ports", Outcome.ANSWERED);
    Coverage.Builder dropped = new Coverage.Builder(List.of(), List.of())
        .ports(List.of(25, 3389))
        .put("203.0.113.7", "ports", Outcome.ANSWERED)
        .put("203.0.113.7:3389", "port", Outcome.NO_ANSWER)
        .put("203.0.113.7:25", "port", Outcome.NO_ANSWER);
    Coverage.Builder only22 = new Coverage.Builder(List.of("--ports 22"), List.of())
        .ports(List.of(22))
        .put("203.0.113.7", "ports", Outcome.ANSWERED);

    assertThat(CommuneDiff.between(
                before,
                snapshot(2, T2, refused.build(Coverage.COMPLETE, null, null), Set.of()),
                BASES)
            .changes())
        .as("a refused port is closed: resolved (a banner's technology too)")
        .extracting(Change::status)
        .containsOnly(Change.Status.RESOLVED);
    assertThat(CommuneDiff.between(
                before,
                snapshot(2, T2, dropped.build(Coverage.COMPLETE, null, null), Set.of()),
                BASES)
            .changes())
        .extracting(Change::status, Change::reason)
        .containsOnly(tuple(Change.Status.UNKNOWN, "no-answer:ports"));
    assertThat(CommuneDiff.between(
                before,
                snapshot(2, T2, only22.build(Coverage.PARTIAL, null, null), Set.of()),
                BASES)
            .changes())
        .extracting(Change::status, Change::reason)
        .containsOnly(tuple(Change.Status.UNKNOWN, "not-asked:ports"));
  }

  @Test
  void shouldTellNewOpenResolvedAndUnknown() {
    Snapshot a = snapshot(1, T1, FULL, Set.of("www.mairie.fr", "vpn.mairie.fr"), GIT, HSTS, TLS10);
    // night 2: .git removed, the VPN did not answer (timeout), SPF got worse
    Coverage night2 = coverage(
        Coverage.PARTIAL,
        "www.mairie.fr",
        "dns:A",
        Outcome.ANSWERED,
        "www.mairie.fr",
        "web",
        Outcome.ANSWERED,
        "www.mairie.fr",
        "paths",
        Outcome.ANSWERED,
        "vpn.mairie.fr",
        "dns:A",
        Outcome.ANSWERED,
        "vpn.mairie.fr:443",
        "tls",
        Outcome.NO_ANSWER,
        "mairie.fr",
        "dns:TXT",
        Outcome.ANSWERED);
    Snapshot b = snapshot(
        2, T2, night2, Set.of("www.mairie.fr", "vpn.mairie.fr", "test.mairie.fr"), HSTS, SPF);

    CommuneDiff d = CommuneDiff.between(a, b, BASES);

    assertThat(d.changes())
        .extracting(c -> c.status(), c -> c.finding().check(), Change::reason)
        .containsExactlyInAnyOrder(
            tuple(Change.Status.RESOLVED, "exposure.git", null),
            tuple(Change.Status.NEW, "mail.spf.permissive", null),
            tuple(Change.Status.OPEN, "http.hsts.missing", null),
            tuple(Change.Status.UNKNOWN, "tls.protocol.tls10", "no-answer:tls"));
    assertThat(d.newAssets()).containsExactly("test.mairie.fr");
    assertThat(d.vanishedAssets()).isEmpty();
    assertThat(d.from()).isEqualTo(1);
  }

  @Test
  void shouldNeverResolveWhatAScanDidNotAsk() {
    Snapshot a = snapshot(1, T1, FULL, Set.of("www.mairie.fr"), GIT, HSTS);
    Coverage noPaths = coverage(
        Coverage.PARTIAL,
        "www.mairie.fr",
        "dns:A",
        Outcome.ANSWERED,
        "www.mairie.fr",
        "web",
        Outcome.ANSWERED);
    Snapshot b = snapshot(2, T2, noPaths, Set.of("www.mairie.fr"), HSTS);

    CommuneDiff d = CommuneDiff.between(a, b, BASES);

    assertThat(d.changes())
        .extracting(c -> c.finding().check(), Change::status, Change::reason)
        .containsExactlyInAnyOrder(
            tuple("exposure.git", Change.Status.UNKNOWN, "not-asked:paths"),
            tuple("http.hsts.missing", Change.Status.OPEN, null));
    assertThat(d.carried()).extracting(c -> c.finding().check()).containsExactly("exposure.git");
  }

  @Test
  void shouldCallAFindingSeenAgainAfterBeingUnknownOpenWithItsFirstSighting() {
    Snapshot a = snapshot(1, T1, FULL, Set.of("www.mairie.fr"), GIT);
    Snapshot b = new Snapshot(
        2,
        T2,
        coverage(Coverage.PARTIAL, "www.mairie.fr", "dns:A", Outcome.ANSWERED),
        List.of(),
        List.of(new CarriedFinding(GIT, "not-asked:paths")),
        Set.of("www.mairie.fr"),
        Set.of(),
        Map.of(GIT.key(), T1));
    Snapshot c =
        snapshot(3, Instant.parse("2026-11-24T01:00:00Z"), FULL, Set.of("www.mairie.fr"), GIT);

    CommuneDiff d = CommuneDiff.between(b, c, BASES);

    assertThat(d.changes()).singleElement().satisfies(ch -> {
      assertThat(ch.status()).isEqualTo(Change.Status.OPEN);
      assertThat(ch.firstSeen()).isEqualTo(T1);
    });
  }

  @Test
  void shouldNeverResolveAnythingOfAnUnreachableCommuneNorCallItsHostsVanished() {
    Snapshot a = snapshot(1, T1, FULL, Set.of("www.mairie.fr"), GIT, SPF);
    Snapshot dead = snapshot(
        2,
        T2,
        Coverage.unreachable("dns-timeout", "127.0.0.1:9", List.of(), List.of(), List.of()),
        Set.of());

    CommuneDiff d = CommuneDiff.between(a, dead, BASES);

    assertThat(d.changes())
        .extracting(Change::status, Change::reason)
        .containsOnly(tuple(Change.Status.UNKNOWN, "unreachable"));
    assertThat(d.vanishedAssets()).isEmpty();
    assertThat(d.unknownAssets()).containsExactly("www.mairie.fr");
    assertThat(CommuneDiff.between(a, snapshot(2, T2, Coverage.LEGACY, Set.of()), BASES)
            .changes())
        .extracting(Change::reason)
        .containsOnly("coverage-unknown");
  }

  @Test
  void shouldResolveTheFindingsOfAHostTakenOutOfDns() {
    Snapshot a = snapshot(1, T1, FULL, Set.of("vpn.mairie.fr"), TLS10);
    Snapshot b = snapshot(
        2, T2, coverage(Coverage.COMPLETE, "vpn.mairie.fr", "dns:A", Outcome.ABSENT), Set.of());

    CommuneDiff d = CommuneDiff.between(a, b, BASES);

    assertThat(d.changes()).extracting(Change::status).containsExactly(Change.Status.RESOLVED);
    assertThat(d.vanishedAssets()).containsExactly("vpn.mairie.fr");
  }

  @Test
  void shouldNotCallAWordlistHostVanishedWhenTheWordlistWasNotTried() {
    Snapshot a = snapshot(1, T1, FULL, Set.of("vpn.mairie.fr"), TLS10);
    Snapshot noWordlist = snapshot(
        2, T2, coverage(Coverage.PARTIAL, "mairie.fr", "dns:SOA", Outcome.ANSWERED), Set.of());
    Coverage.Builder tried = new Coverage.Builder(List.of(), List.of())
        .wordlist(List.of("www", "vpn"))
        .put("mairie.fr", "wordlist", Outcome.ANSWERED);

    CommuneDiff skipped = CommuneDiff.between(a, noWordlist, BASES);
    CommuneDiff asked = CommuneDiff.between(
        a, snapshot(2, T2, tried.build(Coverage.COMPLETE, null, null), Set.of()), BASES);

    assertThat(skipped.vanishedAssets()).isEmpty();
    assertThat(skipped.unknownAssets()).containsExactly("vpn.mairie.fr");
    assertThat(skipped.changes()).extracting(Change::reason).containsExactly("not-asked:tls");
    assertThat(asked.vanishedAssets())
        .as("asked by the wordlist, and gone")
        .containsExactly("vpn.mairie.fr");
    assertThat(asked.changes()).extracting(Change::status).containsExactly(Change.Status.RESOLVED);
  }

  @Test
  void shouldSeeASeverityChangeAndCallEverythingNewOnAFirstScan() {
    Finding worse = new Finding("http.hsts.missing", Severity.HIGH, "www.mairie.fr", "", "no HSTS");
    Snapshot a = snapshot(1, T1, FULL, Set.of(), HSTS);
    Snapshot b = snapshot(2, T2, FULL, Set.of(), worse);

    assertThat(CommuneDiff.between(a, b, BASES).changes()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(Change.Status.OPEN);
      assertThat(c.previousSeverity()).isEqualTo(Severity.MEDIUM);
    });
    assertThat(CommuneDiff.between(null, b, BASES).changes())
        .extracting(Change::status)
        .containsExactly(Change.Status.NEW);
    assertThat(CommuneDiff.between(null, b, BASES).from()).isNull();
  }

  @Test
  void shouldAskTheMtaStsPolicyOfTheWebProbeNotOfDns() {
    Finding policy =
        new Finding("mail.mta-sts.invalid", Severity.LOW, "mairie.fr", "policy", "no answer");
    Snapshot a = snapshot(1, T1, FULL, Set.of(), policy);
    Coverage timedOut = coverage(
        Coverage.PARTIAL,
        "mairie.fr",
        "dns:TXT",
        Outcome.ANSWERED,
        "mairie.fr",
        "dns:SOA",
        Outcome.ANSWERED,
        "mta-sts.mairie.fr",
        "dns:A",
        Outcome.ANSWERED,
        "mta-sts.mairie.fr",
        "web",
        Outcome.NO_ANSWER,
        "mta-sts.mairie.fr",
        "paths",
        Outcome.NO_ANSWER);

    assertThat(
            CommuneDiff.between(a, snapshot(2, T2, timedOut, Set.of()), BASES).changes())
        .extracting(Change::status, Change::reason)
        .containsExactly(tuple(Change.Status.UNKNOWN, "no-answer:paths"));
  }

  @Test
  void shouldParseGates() {
    Gate g = Gate.parse("new:high");

    assertThat(g.trips("new", Severity.CRITICAL)).isTrue();
    assertThat(g.trips("new", Severity.MEDIUM)).isFalse();
    assertThat(g.trips("open", Severity.CRITICAL)).isFalse();
    assertThat(Gate.parse("ANY:critical").trips("open", Severity.CRITICAL)).isTrue();
    assertThat(Gate.parse("any:low").trips("suppressed", Severity.CRITICAL)).isFalse();
    assertThatThrownBy(() -> Gate.parse("high"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("new:SEVERITY");
    assertThatThrownBy(() -> Gate.parse("new:grave")).isInstanceOf(UserInputException.class);
  }

  @Test
  void shouldReadSuppressionsAndHonourTheirExpiry(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("vigie-suppressions.yaml");
    Files.writeString(file, """
        suppressions:
          - check: http.hsts.missing
            asset: "*.mairie.fr"
            reason: "HSTS après la migration du prestataire"
            expires: 2026-12-31
          - check: exposure.git
            reason: "dépôt public volontaire"
            expires: 2026-11-01
        """);
    Suppressions s = Suppressions.read(file);

    assertThat(s.active("99001", HSTS, T2))
        .hasValueSatisfying(r -> assertThat(r.reason()).startsWith("HSTS"));
    assertThat(s.active("99001", HSTS, Instant.parse("2027-01-01T00:00:00Z"))).isEmpty();
    assertThat(s.active("99001", GIT, T2)).isEmpty();
    assertThat(s.expiredMatch("99001", GIT, T2)).isPresent();
    assertThat(s.active("99001", SPF, T2)).isEmpty();
  }

  @Test
  void shouldRefuseASuppressionWithoutAReason(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.yaml");
    Files.writeString(
        file, "suppressions:\n  - check: http.hsts.missing\n  - asset: x\n    reason: ok\n");

    assertThatThrownBy(() -> Suppressions.read(file))
        .isInstanceOf(UserInputException.class)
        .hasMessage(file + ": suppression 1: a reason is required");
  }
}
