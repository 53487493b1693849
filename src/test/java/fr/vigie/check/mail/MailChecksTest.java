package fr.vigie.check.mail;

import static fr.vigie.check.DnsFixtures.domain;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import org.junit.jupiter.api.Test;

class MailChecksTest {

  private static final String MX = "10 mail.x.fr.";

  // --- mail.spf.missing

  @Test
  void shouldRaiseSpfMissingWhenDomainReceivesMailWithoutSpf() {
    DomainObservation d =
        domain("x.fr").mx(MX).txt("google-site-verification=abc").build();

    assertThat(new SpfMissingCheck().evaluate(d))
        .containsExactly(new Finding(
            "mail.spf.missing",
            Severity.MEDIUM,
            "x.fr",
            "",
            "MX present, no TXT record starting with v=spf1"));
  }

  @Test
  void shouldNotRaiseSpfMissingWithoutMxOrWithSpfOrOnTimeout() {
    assertThat(new SpfMissingCheck().evaluate(domain("x.fr").build())).isEmpty();
    assertThat(new SpfMissingCheck().evaluate(domain("x.fr").mx("0 .").build())).isEmpty();
    assertThat(new SpfMissingCheck()
            .evaluate(domain("x.fr").mx(MX).txt("v=spf1 mx -all").build()))
        .isEmpty();
    assertThat(new SpfMissingCheck()
            .evaluate(
                domain("x.fr").mx(MX).record("TXT", new DnsAnswer.Timeout()).build()))
        .isEmpty();
  }

  @Test
  void shouldNotTakeSpf2OrSpf10ForSpf1() {
    DomainObservation d =
        domain("x.fr").mx(MX).txt("v=spf10 -all", "spf2.0/pra -all").build();

    assertThat(new SpfMissingCheck().evaluate(d)).hasSize(1);
  }

  // --- mail.spf.permissive

  @Test
  void shouldRaiseSpfPermissiveForPlusAllBareAllAndNeutralAll() {
    assertThat(new SpfPermissiveCheck()
            .evaluate(domain("x.fr").txt("v=spf1 a mx +all").build()))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.severity()).isEqualTo(Severity.HIGH);
          assertThat(f.subject()).isEqualTo("+all");
          assertThat(f.evidence()).isEqualTo("v=spf1 a mx +all");
        });
    assertThat(new SpfPermissiveCheck()
            .evaluate(domain("x.fr").txt("v=spf1 mx all").build()))
        .extracting(Finding::subject)
        .containsExactly("+all");
    assertThat(new SpfPermissiveCheck()
            .evaluate(domain("x.fr").txt("v=spf1 mx ?all").build()))
        .extracting(Finding::subject)
        .containsExactly("?all");
  }

  @Test
  void shouldNotRaiseSpfPermissiveForFailOrSoftfail() {
    assertThat(new SpfPermissiveCheck()
            .evaluate(domain("x.fr").txt("v=spf1 mx -all").build()))
        .isEmpty();
    assertThat(new SpfPermissiveCheck()
            .evaluate(domain("x.fr").txt("v=spf1 mx ~all").build()))
        .isEmpty();
    assertThat(new SpfPermissiveCheck()
            .evaluate(domain("x.fr").txt("v=spf1 mx redirect=_spf.h.fr").build()))
        .isEmpty();
  }

  // --- mail.spf.invalid

  @Test
  void shouldRaiseSpfInvalidForSeveralRecords() {
    DomainObservation d = domain("x.fr").txt("v=spf1 mx -all", "v=spf1 a -all").build();

    assertThat(new SpfInvalidCheck().evaluate(d)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("multiple-records");
      assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    });
  }

  @Test
  void shouldRaiseSpfInvalidForSyntaxErrors() {
    DomainObservation d =
        domain("x.fr").txt("v=spf1 ip4:192.0.2.300 includ:h.fr include -all").build();

    assertThat(new SpfInvalidCheck().evaluate(d)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("syntax");
      assertThat(f.evidence())
          .contains("invalid IPv4", "unknown mechanism 'includ:h.fr'", "include needs a domain");
    });
  }

  @Test
  void shouldCountLookupsThroughIncludesAndRedirect() {
    DomainObservation d = domain("x.fr")
        .txt("v=spf1 a mx include:_spf.h.fr redirect=_spf2.h.fr")
        .include("_spf.h.fr", "v=spf1 include:a.h.fr include:b.h.fr include:c.h.fr -all")
        .include("a.h.fr", "v=spf1 a mx -all")
        .include("b.h.fr", "v=spf1 a mx -all")
        .include("c.h.fr", "v=spf1 a mx ptr -all")
        .include("_spf2.h.fr", "v=spf1 exists:%{i}.h.fr -all")
        .build();

    // a, mx, include, redirect = 4; _spf: 3 includes = 7; a.h, b.h: 2 each = 11; c.h: 3 = 14;
    // _spf2: exists = 15
    assertThat(new SpfInvalidCheck().evaluate(d)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("too-many-lookups");
      assertThat(f.evidence()).startsWith("15 DNS lookups (limit 10)");
    });
  }

  @Test
  void shouldAcceptExactlyTenLookups() {
    DomainObservation ten = domain("x.fr")
        .txt("v=spf1 a mx include:a.h.fr include:b.h.fr -all")
        .include("a.h.fr", "v=spf1 a mx ip4:192.0.2.1 -all")
        .include("b.h.fr", "v=spf1 a mx ptr exists:e.h.fr ip6:2001:db8::/32 -all")
        .build();

    // a, mx, include, include = 4; a.h: a, mx = 6; b.h: a, mx, ptr, exists = 10
    assertThat(new SpfInvalidCheck().evaluate(ten)).isEmpty();
  }

  @Test
  void shouldCountANameIncludedTwiceTwice() {
    DomainObservation diamond = domain("x.fr")
        .txt("v=spf1 a mx include:a.h.fr include:b.h.fr -all")
        .include("a.h.fr", "v=spf1 a mx include:b.h.fr -all")
        .include("b.h.fr", "v=spf1 a mx ptr -all")
        .build();

    // 4 + a.h (3) + b.h through a.h (3) + b.h again (3) = 13, as a receiver evaluates it
    assertThat(new SpfInvalidCheck().evaluate(diamond))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).startsWith("13 DNS lookups"));
  }

  @Test
  void shouldRaiseSpfInvalidForAnIncludeCycleAndStop() {
    DomainObservation cycle = domain("x.fr")
        .txt("v=spf1 include:a.h.fr -all")
        .include("a.h.fr", "v=spf1 include:b.h.fr -all")
        .include("b.h.fr", "v=spf1 include:a.h.fr -all")
        .build();

    assertThat(new SpfInvalidCheck().evaluate(cycle)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("include-loop");
      assertThat(f.evidence()).isEqualTo("include cycle through: a.h.fr");
    });
  }

  @Test
  void shouldRaiseSpfInvalidForAnIncludeWithoutSpf() {
    DomainObservation d = domain("x.fr")
        .txt("v=spf1 include:gone.h.fr -all")
        .include("gone.h.fr", DnsAnswer.nxDomain())
        .build();

    assertThat(new SpfInvalidCheck().evaluate(d))
        .extracting(Finding::subject)
        .containsExactly("include-without-spf");
  }

  @Test
  void shouldNotGuessWhenAnIncludeTimedOut() {
    DomainObservation d = domain("x.fr")
        .txt("v=spf1 include:slow.h.fr -all")
        .include("slow.h.fr", new DnsAnswer.Timeout())
        .build();

    assertThat(new SpfInvalidCheck().evaluate(d)).isEmpty();
  }

  // --- mail.dmarc.missing / mail.dmarc.none

  @Test
  void shouldRaiseDmarcMissingForAMailDomain() {
    assertThat(new DmarcMissingCheck().evaluate(domain("x.fr").mx(MX).build()))
        .extracting(Finding::check, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("mail.dmarc.missing", Severity.MEDIUM));
    assertThat(new DmarcMissingCheck()
            .evaluate(domain("x.fr").txt("v=spf1 include:h.fr -all").build()))
        .hasSize(1);
  }

  @Test
  void shouldNotRaiseDmarcMissingForDomainsWithoutMailOrWithDmarcOrOnTimeout() {
    assertThat(new DmarcMissingCheck().evaluate(domain("x.fr").build())).isEmpty();
    assertThat(
            new DmarcMissingCheck().evaluate(domain("x.fr").txt("v=spf1 -all").build()))
        .isEmpty();
    assertThat(new DmarcMissingCheck()
            .evaluate(domain("x.fr").mx(MX).dmarc("v=DMARC1; p=reject").build()))
        .isEmpty();
    assertThat(new DmarcMissingCheck()
            .evaluate(domain("x.fr").mx(MX).dmarc(new DnsAnswer.Timeout()).build()))
        .isEmpty();
  }

  @Test
  void shouldRaiseDmarcNoneForPNoneAndForAMissingPolicy() {
    assertThat(new DmarcNoneCheck()
            .evaluate(domain("x.fr")
                .mx(MX)
                .dmarc("v=DMARC1; p=none; rua=mailto:d@x.fr")
                .build()))
        .singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
    assertThat(new DmarcNoneCheck()
            .evaluate(domain("x.fr").mx(MX).dmarc("v=DMARC1; rua=mailto:d@x.fr").build()))
        .hasSize(1);
  }

  @Test
  void shouldNotRaiseDmarcNoneForQuarantineOrReject() {
    assertThat(new DmarcNoneCheck()
            .evaluate(domain("x.fr").mx(MX).dmarc("v=DMARC1; p=quarantine").build()))
        .isEmpty();
    assertThat(new DmarcNoneCheck()
            .evaluate(domain("x.fr").mx(MX).dmarc("v=DMARC1;p=REJECT").build()))
        .isEmpty();
    assertThat(new DmarcNoneCheck().evaluate(domain("x.fr").mx(MX).build())).isEmpty();
  }
}
