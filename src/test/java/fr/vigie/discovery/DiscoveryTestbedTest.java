package fr.vigie.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import fr.vigie.inventory.Commune;
import fr.vigie.net.AddressGuard;
import fr.vigie.net.DnsjavaClient;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Scenario.CommuneSpec;
import fr.vigie.testbed.Scenario.HostSpec;
import fr.vigie.testbed.Testbed;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Discovery against the testbed's DNS server on loopback. */
class DiscoveryTestbedTest {

  private static Testbed testbed;
  private static Discovery discovery;

  @BeforeAll
  static void start() throws Exception {
    Scenario scenario = new Scenario(
        Map.of(),
        List.of(
            new CommuneSpec(
                "99101",
                "Joker",
                "joker.test",
                List.of(),
                List.of("* CNAME www", "@ MX 10 mail.fournisseur.test."),
                Map.of(
                    "www",
                    new HostSpec(null, null, null),
                    "vpn",
                    new HostSpec("127.9.9.9", null, null))),
            new CommuneSpec(
                "99102",
                "Boucle",
                "boucle.test",
                List.of(),
                List.of(
                    "dev CNAME preprod",
                    "preprod CNAME dev",
                    "ancien CNAME site.hebergeur-disparu.test.",
                    "www CNAME web.hebergeur.test.",
                    "intranet A 10.1.2.3"),
                Map.of()),
            new CommuneSpec(
                "99103",
                "Vide",
                "vide.test",
                List.of("vide.test", "absente.test"),
                List.of(),
                Map.of())),
        List.of(new Scenario.ZoneSpec(
            "hebergeur.test", List.of(), Map.of("web", new HostSpec("127.8.8.8", null, null)))));
    testbed = Testbed.start(scenario, 0, false);
    discovery = new Discovery(
        new DnsjavaClient(List.of(testbed.dnsAddress()), Duration.ofSeconds(2), 1, 32),
        new AddressGuard(false),
        List.of("www", "vpn", "dev", "preprod", "ancien", "intranet", "mail", "absent"),
        8);
  }

  @AfterAll
  static void stop() {
    testbed.close();
  }

  private static Commune commune(String insee) {
    return testbed.communes().stream()
        .filter(c -> insee.equals(c.insee()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldDetectWildcardAndKeepOnlyHostsThatDifferFromIt() throws Exception {
    CommuneDiscovery found = discovery.discover(commune("99101"));

    DomainObservation domain = found.domains().get(0);
    assertThat(domain.hasWildcard()).isTrue();
    assertThat(domain.wildcard().cnameChain()).containsExactly("www.joker.test");
    List<String> hosts = found.hosts().stream()
        .filter(HostObservation::inScope)
        .map(HostObservation::name)
        .toList();
    // vpn has an address of its own; "mail", "dev"… only reach the wildcard and are not hosts.
    assertThat(hosts)
        .contains("vpn.joker.test", "www.joker.test")
        .doesNotContain("dev.joker.test", "mail.joker.test");
  }

  @Test
  void shouldRecordMxAtProviderAsOutOfScope() throws Exception {
    CommuneDiscovery found = discovery.discover(commune("99101"));

    HostObservation mx = found.hosts().stream()
        .filter(h -> h.name().equals("mail.fournisseur.test"))
        .findFirst()
        .orElseThrow();
    assertThat(mx.inScope()).isFalse();
    assertThat(mx.sources()).containsExactly(HostObservation.Source.MX);
    assertThat(mx.a()).isNull();
  }

  @Test
  void shouldDetectCnameLoopDanglingCnameAndFollowChainsAcrossZones() throws Exception {
    CommuneDiscovery found = discovery.discover(commune("99102"));

    assertThat(host(found, "dev.boucle.test").cname().end()).isEqualTo(CnameChain.End.LOOP);
    HostObservation ancien = host(found, "ancien.boucle.test");
    assertThat(ancien.cname().end()).isEqualTo(CnameChain.End.DANGLING);
    assertThat(ancien.cname().targets()).containsExactly("site.hebergeur-disparu.test");
    HostObservation www = host(found, "www.boucle.test");
    assertThat(www.cname().targets()).containsExactly("web.hebergeur.test");
    assertThat(www.addresses())
        .extracting(HostObservation.Address::address)
        .containsExactly("127.8.8.8");
    assertThat(host(found, "web.hebergeur.test").inScope()).isFalse();
  }

  @Test
  void shouldRecordPrivateAddressesWithoutAllowingProbes() throws Exception {
    CommuneDiscovery found = discovery.discover(commune("99102"));

    HostObservation intranet = host(found, "intranet.boucle.test");
    assertThat(intranet.addresses())
        .containsExactly(new HostObservation.Address("10.1.2.3", "private", false));
  }

  @Test
  void shouldTellAnAbsentSeedFromAnEmptyOne() throws Exception {
    CommuneDiscovery found = discovery.discover(commune("99103"));

    HostObservation absent = host(found, "absente.test");
    assertThat(absent.a()).isInstanceOf(DnsAnswer.NxDomain.class);
    assertThat(absent.mx()).isInstanceOf(DnsAnswer.NxDomain.class);
    HostObservation empty = host(found, "vide.test");
    assertThat(empty.a()).isInstanceOf(DnsAnswer.NoData.class);
    DomainObservation vide = found.domains().stream()
        .filter(d -> d.domain().equals("vide.test"))
        .findFirst()
        .orElseThrow();
    assertThat(vide.record("SOA")).isInstanceOf(DnsAnswer.Resolved.class);
    assertThat(vide.record("NS").recordsOrEmpty()).hasSize(2);
  }

  @Test
  void shouldFinishInBoundedTimeWhenTheResolverNeverAnswers() throws Exception {
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
      Discovery d = new Discovery(
          new DnsjavaClient(
              List.of((InetSocketAddress) silent.getLocalSocketAddress()),
              Duration.ofMillis(200),
              1,
              16),
          new AddressGuard(false),
          fr.vigie.discovery.Wordlist.builtIn(),
          8);

      CommuneDiscovery found = assertTimeoutPreemptively(
          Duration.ofSeconds(30), () -> d.discover(Commune.adHoc("silence.test")));

      DomainObservation domain = found.domains().get(0);
      assertThat(domain.record("SOA")).isInstanceOf(DnsAnswer.Timeout.class);
      // the wordlist was skipped: only the seed is left
      assertThat(found.hosts()).extracting(HostObservation::name).containsExactly("silence.test");
      assertThat(found.hosts().get(0).a()).isInstanceOf(DnsAnswer.Timeout.class);
    }
  }

  private static HostObservation host(CommuneDiscovery found, String name) {
    return found.hosts().stream()
        .filter(h -> h.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in "
            + found.hosts().stream().map(HostObservation::name).toList()));
  }
}
