package fr.vigie.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import fr.vigie.UserInputException;
import fr.vigie.check.Finding;
import fr.vigie.check.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffTest {

  private static final Instant T1 = Instant.parse("2026-11-22T01:00:00Z");
  private static final Instant T2 = Instant.parse("2026-11-23T01:00:00Z");

  private static final Finding GIT = new Finding("exposure.git", Severity.CRITICAL, "www.mairie.fr", "/.git/HEAD", "ref: refs/heads/main");
  private static final Finding HSTS = new Finding("http.hsts.missing", Severity.MEDIUM, "www.mairie.fr", "", "no HSTS");
  private static final Finding TLS10 = new Finding("tls.protocol.tls10", Severity.MEDIUM, "vpn.mairie.fr:443", "TLSv1", "TLSv1 accepted");
  private static final Finding SPF = new Finding("mail.spf.permissive", Severity.HIGH, "mairie.fr", "+all", "v=spf1 +all");

  private static Snapshot snapshot(long id, Instant t, boolean done, Set<String> web, Set<String> tls, Set<String> dns, Set<String> assets, Finding... f) {
    return new Snapshot(id, t, done, List.of(f), assets, Map.of("web", web, "tls", tls, "dns", dns), Map.of());
  }

  @Test
  void shouldResolveAServiceOnlyWhenThePortProbeReachedItsPort() {
    Finding rdp = new Finding("service.rdp.exposed", Severity.CRITICAL, "203.0.113.7:3389", "rdp", "X.224");
    Finding exim = new Finding("tech.vulnerable", Severity.CRITICAL, "203.0.113.7:25", "Exim", "Exim 4.91");
    Snapshot refused = new Snapshot(2, T1, true, List.of(), Set.of(), Map.of("service", Set.of("203.0.113.7:3389", "203.0.113.7:25")), Map.of());
    Snapshot dropped = new Snapshot(2, T1, true, List.of(), Set.of(), Map.of("service", Set.of()), Map.of());

    assertThat(refused.reached(rdp)).isTrue();
    assertThat(refused.reached(exim)).as("a banner's technology belongs to the port probe").isTrue();
    assertThat(dropped.reached(rdp)).isFalse();
    assertThat(dropped.reached(exim)).isFalse();
  }

  @Test
  void shouldTellNewOpenResolvedAndUnknown() {
    Snapshot a = snapshot(1, T1, true, Set.of("www.mairie.fr"), Set.of("vpn.mairie.fr:443"), Set.of("mairie.fr"),
        Set.of("www.mairie.fr", "vpn.mairie.fr"), GIT, HSTS, TLS10);
    // night 2: .git removed, the VPN did not answer (timeout), SPF got worse
    Snapshot b = snapshot(2, T2, true, Set.of("www.mairie.fr"), Set.of(), Set.of("mairie.fr"),
        Set.of("www.mairie.fr", "vpn.mairie.fr", "test.mairie.fr"), HSTS, SPF);

    CommuneDiff d = CommuneDiff.between(a, b);

    assertThat(d.changes()).extracting(c -> c.status(), c -> c.finding().check()).containsExactlyInAnyOrder(
        tuple(Change.Status.RESOLVED, "exposure.git"),
        tuple(Change.Status.NEW, "mail.spf.permissive"),
        tuple(Change.Status.OPEN, "http.hsts.missing"),
        tuple(Change.Status.UNKNOWN, "tls.protocol.tls10"));
    assertThat(d.newAssets()).containsExactly("test.mairie.fr");
    assertThat(d.vanishedAssets()).isEmpty();
    assertThat(d.from()).isEqualTo(1);
  }

  @Test
  void shouldNeverResolveWhatAnUnfinishedScanDidNotSee() {
    Snapshot a = snapshot(1, T1, true, Set.of("www.mairie.fr"), Set.of(), Set.of("mairie.fr"), Set.of("www.mairie.fr"), GIT);
    Snapshot interrupted = snapshot(2, T2, false, Set.of(), Set.of(), Set.of(), Set.of());

    assertThat(CommuneDiff.between(a, interrupted).changes()).extracting(Change::status).containsExactly(Change.Status.UNKNOWN);
    assertThat(CommuneDiff.between(a, interrupted).vanishedAssets()).isEmpty();
  }

  @Test
  void shouldResolveTheFindingsOfAHostTakenOutOfDns() {
    Snapshot a = snapshot(1, T1, true, Set.of(), Set.of("vpn.mairie.fr:443"), Set.of("mairie.fr"), Set.of("vpn.mairie.fr"), TLS10);
    Snapshot b = snapshot(2, T2, true, Set.of(), Set.of(), Set.of("mairie.fr"), Set.of());

    CommuneDiff d = CommuneDiff.between(a, b);

    assertThat(d.changes()).extracting(Change::status).containsExactly(Change.Status.RESOLVED);
    assertThat(d.vanishedAssets()).containsExactly("vpn.mairie.fr");
  }

  @Test
  void shouldSeeASeverityChangeAndCallEverythingNewOnAFirstScan() {
    Finding worse = new Finding("http.hsts.missing", Severity.HIGH, "www.mairie.fr", "", "no HSTS");
    Snapshot a = snapshot(1, T1, true, Set.of("www.mairie.fr"), Set.of(), Set.of(), Set.of(), HSTS);
    Snapshot b = snapshot(2, T2, true, Set.of("www.mairie.fr"), Set.of(), Set.of(), Set.of(), worse);

    assertThat(CommuneDiff.between(a, b).changes()).singleElement().satisfies(c -> {
      assertThat(c.status()).isEqualTo(Change.Status.OPEN);
      assertThat(c.previousSeverity()).isEqualTo(Severity.MEDIUM);
    });
    assertThat(CommuneDiff.between(null, b).changes()).extracting(Change::status).containsExactly(Change.Status.NEW);
    assertThat(CommuneDiff.between(null, b).from()).isNull();
  }

  @Test
  void shouldParseGates() {
    Gate g = Gate.parse("new:high");

    assertThat(g.trips("new", Severity.CRITICAL)).isTrue();
    assertThat(g.trips("new", Severity.MEDIUM)).isFalse();
    assertThat(g.trips("open", Severity.CRITICAL)).isFalse();
    assertThat(Gate.parse("ANY:critical").trips("open", Severity.CRITICAL)).isTrue();
    assertThat(Gate.parse("any:low").trips("suppressed", Severity.CRITICAL)).isFalse();
    assertThatThrownBy(() -> Gate.parse("high")).isInstanceOf(UserInputException.class).hasMessageContaining("new:SEVERITY");
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

    assertThat(s.active("99001", HSTS, T2)).hasValueSatisfying(r -> assertThat(r.reason()).startsWith("HSTS"));
    assertThat(s.active("99001", HSTS, Instant.parse("2027-01-01T00:00:00Z"))).isEmpty();
    assertThat(s.active("99001", GIT, T2)).isEmpty();
    assertThat(s.expiredMatch("99001", GIT, T2)).isPresent();
    assertThat(s.active("99001", SPF, T2)).isEmpty();
  }

  @Test
  void shouldRefuseASuppressionWithoutAReason(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.yaml");
    Files.writeString(file, "suppressions:\n  - check: http.hsts.missing\n  - asset: x\n    reason: ok\n");

    assertThatThrownBy(() -> Suppressions.read(file))
        .isInstanceOf(UserInputException.class)
        .hasMessage(file + ": suppression 1: a reason is required");
  }
}
