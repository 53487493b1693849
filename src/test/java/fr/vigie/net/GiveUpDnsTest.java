package fr.vigie.net;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.observation.DnsAnswer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GiveUpDnsTest {

  /** A resolver that times out for one zone and answers for the others; counts the questions. */
  static final class Fake implements DnsClient {
    final List<String> asked = new ArrayList<>();
    boolean glitch;

    @Override
    public synchronized DnsAnswer query(String name, String type) {
      asked.add(name + " " + type);
      if (name.endsWith("muette.fr") || glitch) {
        return new DnsAnswer.Timeout();
      }
      return DnsAnswer.resolved(List.of("192.0.2.1"));
    }
  }

  @Test
  void shouldStopAskingAZoneThatNeverAnsweredAfterTwoTimeouts() {
    Fake fake = new Fake();
    GiveUpDns dns = new GiveUpDns(fake);

    for (String type : List.of("SOA", "NS", "A", "AAAA", "MX", "TXT")) {
      assertThat(dns.query("muette.fr", type)).isInstanceOf(DnsAnswer.Timeout.class);
    }
    assertThat(dns.query("_dmarc.muette.fr", "TXT")).isInstanceOf(DnsAnswer.Timeout.class);
    assertThat(dns.query("www.muette.fr", "A")).isInstanceOf(DnsAnswer.Timeout.class);

    assertThat(fake.asked).containsExactly("muette.fr SOA", "muette.fr NS");
    assertThat(dns.givenUp("www.muette.fr")).isTrue();
    assertThat(dns.query("mairie.fr", "A")).isInstanceOf(DnsAnswer.Resolved.class);
    assertThat(dns.givenUp("mairie.fr")).isFalse();
  }

  @Test
  void shouldNeverGiveUpAZoneThatAnsweredOnce() {
    Fake fake = new Fake();
    GiveUpDns dns = new GiveUpDns(fake);

    dns.query("mairie.fr", "SOA");
    fake.glitch = true;
    dns.query("mairie.fr", "NS");
    dns.query("mairie.fr", "TXT");
    dns.query("www.mairie.fr", "A");
    fake.glitch = false;

    assertThat(dns.query("extranet.mairie.fr", "A")).isInstanceOf(DnsAnswer.Resolved.class);
    assertThat(fake.asked).hasSize(5);
  }

  @Test
  void shouldTellZonesApartByTheirRegistrableDomainUnderAMultiLabelSuffix() {
    Fake fake = new Fake();
    GiveUpDns dns = new GiveUpDns(fake);

    dns.query("muette.fr", "SOA");
    dns.query("www.muette.fr", "A");

    // gouv.fr is a public suffix: each name under it is a zone of its own, muette.fr's timeouts
    // say nothing of them; a deeper name goes with its registrable parent.
    assertThat(dns.givenUp("a.b.muette.fr")).isTrue();
    assertThat(dns.givenUp("mairie.gouv.fr")).isFalse();
    assertThat(dns.query("www.mairie.gouv.fr", "A")).isInstanceOf(DnsAnswer.Resolved.class);
    assertThat(dns.givenUp("fr")).isFalse();
  }
}
