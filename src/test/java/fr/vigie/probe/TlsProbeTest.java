package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.net.Politeness;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Testbed;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsProbeTest {

  private static Testbed testbed;
  private static TlsProbe probe;

  @BeforeAll
  static void start() throws Exception {
    testbed = Testbed.start(Scenario.builtIn(), 0);
    probe = new TlsProbe(Duration.ofSeconds(2), Duration.ofSeconds(3), Map.of(443, testbed.httpsPort()), new Politeness(2));
  }

  @AfterAll
  static void stop() {
    testbed.close();
  }

  private static TlsObservation probe(String host) throws Exception {
    return probe.probe(host, InetAddress.getByName(testbed.hostAddresses().get(host)), 443);
  }

  @Test
  void shouldSeeModernVersionsOnTheGoodHost() throws Exception {
    TlsObservation o = probe("www.saint-exemple-sur-loire.test");
    System.err.println(o);

    assertThat(o.acceptedVersions()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(o.forwardSecrecy()).isTrue();
    assertThat(o.secureRenegotiation()).isTrue();
    assertThat(o.chain()).hasSize(2);
    assertThat(o.weakFamilies()).noneMatch(TlsObservation.FamilyResult::accepted);
    assertThat(o.handshakes()).isLessThanOrEqualTo(12);
  }

  @Test
  void shouldSeeATls10OnlyHost() throws Exception {
    TlsObservation o = probe("vpn.lacombe.test");
    System.err.println(o);

    assertThat(o.acceptedVersions()).containsExactly("TLSv1");
    assertThat(o.version("TLSv1.2").orElseThrow().detail()).contains("alert");
  }
}
