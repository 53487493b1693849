package fr.vigie.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.observation.CnameChain;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WildcardMatchTest {

  private static DomainObservation wildcard(DnsAnswer answer) {
    return new DomainObservation(
        "mairie.fr", Map.of(), DnsAnswer.nxDomain(), Map.of(), "vigie-1.mairie.fr", answer);
  }

  private static HostObservation host(String name, CnameChain chain, String... addresses) {
    DnsAnswer a = DnsAnswer.resolved(List.of(addresses));
    return new HostObservation(
        name,
        Set.of(HostObservation.Source.WORDLIST),
        true,
        chain,
        a,
        DnsAnswer.noData(),
        null,
        Arrays.stream(addresses)
            .map(x -> new HostObservation.Address(x, "public", true))
            .toList());
  }

  @Test
  void shouldTakeAHostSharingAnAddressOfALoadBalancedWildcardForTheWildcard() {
    DomainObservation d = wildcard(DnsAnswer.resolved(List.of("192.0.2.1", "192.0.2.2")));

    assertThat(Discovery.matchesWildcard(
            host("vpn.mairie.fr", CnameChain.none(), "192.0.2.2", "192.0.2.3"), d))
        .isTrue();
    assertThat(
            Discovery.matchesWildcard(host("vpn.mairie.fr", CnameChain.none(), "198.51.100.9"), d))
        .isFalse();
  }

  @Test
  void shouldCompareCnameTargetsWhenTheWildcardIsACname() {
    DomainObservation d =
        wildcard(new DnsAnswer.Resolved(List.of("192.0.2.1"), List.of("www.mairie.fr")));

    assertThat(Discovery.matchesWildcard(
            host(
                "dev.mairie.fr",
                new CnameChain(List.of("www.mairie.fr"), CnameChain.End.RESOLVED),
                "192.0.2.7"),
            d))
        .isTrue();
    assertThat(
            Discovery.matchesWildcard(host("webmail.mairie.fr", CnameChain.none(), "192.0.2.1"), d))
        .isFalse();
    assertThat(Discovery.matchesWildcard(
            host("x.mairie.fr", CnameChain.none(), "192.0.2.1"), wildcard(DnsAnswer.nxDomain())))
        .isFalse();
  }
}
