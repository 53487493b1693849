package fr.vigie.check.dns;

import static fr.vigie.check.DnsFixtures.domain;
import static fr.vigie.check.DnsFixtures.host;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.HostObservation.Source;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DnsChecksTest {

  private static final DnsAnswer NX = DnsAnswer.nxDomain();
  private static final DnsAnswer NODATA = DnsAnswer.noData();
  private static final DnsAnswer TIMEOUT = new DnsAnswer.Timeout();

  // --- dns.unresolvable

  @Test
  void shouldRaiseUnresolvableWhenSeedHasNoAddressAndNoMx() {
    HostObservation seed =
        host("mairie-vieux-moulin.fr", Set.of(Source.SEED), CnameChain.none(), NX, null, NX);

    List<Finding> findings = new DnsUnresolvableCheck().evaluate(seed);

    assertThat(findings)
        .containsExactly(new Finding(
            "dns.unresolvable",
            Severity.LOW,
            "mairie-vieux-moulin.fr",
            "",
            "A: NXDOMAIN, AAAA: not asked, MX: NXDOMAIN"));
  }

  @Test
  void shouldNotRaiseUnresolvableWhenSeedReceivesMailOnly() {
    HostObservation seed = host(
        "exemple.fr",
        Set.of(Source.SEED),
        CnameChain.none(),
        NODATA,
        NODATA,
        DnsAnswer.resolved(List.of("10 mx.exemple.fr.")));

    assertThat(new DnsUnresolvableCheck().evaluate(seed)).isEmpty();
  }

  @Test
  void shouldNotRaiseUnresolvableOnTimeoutOrForNonSeeds() {
    HostObservation timedOut =
        host("exemple.fr", Set.of(Source.SEED), CnameChain.none(), TIMEOUT, null, TIMEOUT);
    HostObservation wordlist =
        host("old.exemple.fr", Set.of(Source.WORDLIST), CnameChain.none(), NX, null, null);

    assertThat(new DnsUnresolvableCheck().evaluate(timedOut)).isEmpty();
    assertThat(new DnsUnresolvableCheck().evaluate(wordlist)).isEmpty();
  }

  // --- dns.dangling-cname

  @Test
  void shouldRaiseDanglingCnameWhenChainEndsOnNxdomain() {
    HostObservation h = host(
        "ancien.montval.fr",
        Set.of(Source.WORDLIST),
        new CnameChain(List.of("montval.wixsite-disparu.com"), CnameChain.End.DANGLING),
        new DnsAnswer.NxDomain(List.of("montval.wixsite-disparu.com")),
        null,
        null);

    List<Finding> findings = new DanglingCnameCheck().evaluate(h);

    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("dns.dangling-cname");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.subject()).isEqualTo("montval.wixsite-disparu.com");
      assertThat(f.evidence())
          .isEqualTo("ancien.montval.fr → montval.wixsite-disparu.com (NXDOMAIN)");
    });
  }

  @Test
  void shouldNotRaiseDanglingCnameForLoopsUnknownEndsOrOutOfScope() {
    HostObservation loop = host(
        "dev.x.fr",
        Set.of(Source.WORDLIST),
        new CnameChain(List.of("preprod.x.fr", "dev.x.fr"), CnameChain.End.LOOP),
        NODATA,
        null,
        null);
    HostObservation unknown = host(
        "a.x.fr",
        Set.of(Source.WORDLIST),
        new CnameChain(List.of("b.h.fr"), CnameChain.End.UNKNOWN),
        TIMEOUT,
        null,
        null);
    HostObservation outOfScope = new HostObservation(
        "x.h.fr",
        Set.of(Source.CNAME),
        false,
        new CnameChain(List.of("y.h.fr"), CnameChain.End.DANGLING),
        null,
        null,
        null,
        List.of());

    assertThat(new DanglingCnameCheck().evaluate(loop)).isEmpty();
    assertThat(new DanglingCnameCheck().evaluate(unknown)).isEmpty();
    assertThat(new DanglingCnameCheck().evaluate(outOfScope)).isEmpty();
  }

  // --- dns.wildcard

  @Test
  void shouldRaiseWildcardWhenRandomNameResolves() {
    var d = domain("joker.fr")
        .wildcard(new DnsAnswer.Resolved(List.of("192.0.2.1"), List.of("www.joker.fr")))
        .build();

    assertThat(new WildcardCheck().evaluate(d)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("*.joker.fr");
      assertThat(f.severity()).isEqualTo(Severity.INFO);
      assertThat(f.evidence()).contains("www.joker.fr", "192.0.2.1");
    });
    assertThat(new WildcardCheck().evaluate(domain("joker.fr").build())).isEmpty();
  }

  // --- dns.dnssec.missing

  @Test
  void shouldRaiseDnssecMissingWithoutDsOrDnskey() {
    assertThat(new DnssecMissingCheck().evaluate(domain("x.fr").build()))
        .extracting(Finding::check)
        .containsExactly("dns.dnssec.missing");
  }

  @Test
  void shouldNotRaiseDnssecMissingWhenSignedUnknownOrAbsent() {
    var signed = domain("x.fr").records("DS", "12345 13 2 ABCDEF").build();
    var keyOnly = domain("x.fr").records("DNSKEY", "257 3 13 AAAA").build();
    var timeout = domain("x.fr").record("DS", TIMEOUT).build();
    var absent =
        domain("x.fr").record("SOA", NX).record("DS", NX).record("DNSKEY", NX).build();

    assertThat(new DnssecMissingCheck().evaluate(signed)).isEmpty();
    assertThat(new DnssecMissingCheck().evaluate(keyOnly)).isEmpty();
    assertThat(new DnssecMissingCheck().evaluate(timeout)).isEmpty();
    assertThat(new DnssecMissingCheck().evaluate(absent)).isEmpty();
  }

  // --- dns.caa.missing

  @Test
  void shouldRaiseCaaMissingOnlyOnAnAuthoritativeNo() {
    assertThat(new CaaMissingCheck().evaluate(domain("x.fr").build())).hasSize(1);
    assertThat(new CaaMissingCheck()
            .evaluate(
                domain("x.fr").records("CAA", "0 issue \"letsencrypt.org\"").build()))
        .isEmpty();
    assertThat(
            new CaaMissingCheck().evaluate(domain("x.fr").record("CAA", TIMEOUT).build()))
        .isEmpty();
  }
}
