package fr.vigie.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.net.AddressGuard;
import fr.vigie.net.DnsjavaClient;
import fr.vigie.observation.TlsObservation;
import fr.vigie.probe.HttpSettings;
import fr.vigie.probe.ServicePorts;
import fr.vigie.store.Store;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Scenario.CommuneSpec;
import fr.vigie.testbed.Scenario.HostSpec;
import fr.vigie.testbed.Scenario.Site;
import fr.vigie.testbed.Testbed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VPN portal on 10443, found by the port probe, gets the TLS probe and the technology rules as
 * if it were on 443: a FortiGate SSL-VPN (the captured fixture) is identified on host:10443.
 */
class ExtraHttpsPortTest {

  @TempDir
  Path dir;

  @Test
  void shouldProbeTlsOnAnHttpsPortTheServiceProbeFound() throws Exception {
    Site portal = new Site(
        null,
        null,
        null,
        null,
        null,
        "valid",
        List.of("TLSv1.2"),
        null,
        null,
        null,
        null,
        "fortigate-sslvpn");
    Scenario scenario = new Scenario(
        Map.of(),
        List.of(new CommuneSpec(
            "99950",
            "Portville",
            "portville.test",
            List.of("vpn.portville.test"),
            List.of(),
            Map.of("vpn", new HostSpec(null, null, portal)))),
        List.of());
    try (Testbed testbed = Testbed.start(scenario, 0)) {
      // The testbed's HTTPS server stands for the portal on 10443 (and still on 443).
      Map<Integer, Integer> ports = new HashMap<>(testbed.portMap());
      ports.put(10443, testbed.httpsPort());
      ScanSettings settings = ScanSettings.builder(List.of())
          .resolvers(List.of(testbed.dnsAddress()))
          .addressPolicy(AddressGuard.Policy.LOOPBACK_ONLY)
          .http(HttpSettings.defaults().withPortMap(ports))
          .ports(ServicePorts.parse("10443"))
          .spacing(Duration.ZERO)
          .build();
      try (Store store = Store.open(dir.resolve("p.db"), true)) {
        fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
        fr.vigie.store.ScanReader scanReader = new fr.vigie.store.ScanReader(store);
        fr.vigie.store.CommuneWriter communeWriter = new fr.vigie.store.CommuneWriter(store);
        fr.vigie.diff.Snapshots snapshots = new fr.vigie.diff.Snapshots(scanLog, scanReader);
        fr.vigie.store.CtCache ctCache = new fr.vigie.store.CtCache(store);
        ScanEngine.Outcome outcome = new ScanEngine(
                settings,
                new DnsjavaClient(settings.resolvers(), Duration.ofSeconds(1), 1, 8),
                Clock.systemUTC())
            .run(testbed.communes(), "test", store, ScanListener.NONE);
        long commune = scanLog.communes(outcome.scanId()).get(0).id();

        assertThat(scanReader.services(outcome.scanId(), commune))
            .singleElement()
            .satisfies(o -> assertThat(o.port(10443).orElseThrow().protocol()).isEqualTo("https"));
        assertThat(scanReader.tls(outcome.scanId(), commune))
            .extracting(TlsObservation::port)
            .contains(443, 10443);
        assertThat(outcome.findings())
            .anySatisfy(f -> assertThat(f.asset()).isEqualTo("vpn.portville.test:10443"));
        assertThat(
                scanReader.technologies(outcome.scanId(), commune).get("vpn.portville.test:10443"))
            .extracting(fr.vigie.fingerprint.Detection::name)
            .contains("FortiGate SSL-VPN");
        assertThat(outcome.findings()).anySatisfy(f -> {
          assertThat(f.check()).isEqualTo("tech.detected");
          assertThat(f.asset()).isEqualTo("vpn.portville.test:10443");
          assertThat(f.subject()).isEqualTo("FortiGate SSL-VPN");
        });
      }
    }
  }
}
