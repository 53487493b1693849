package fr.vigie.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.WebFixtures;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.model.Finding;
import fr.vigie.net.AddressGuard;
import fr.vigie.net.FakeDns;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.PathRequests;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import fr.vigie.probe.ChainCompletion;
import fr.vigie.probe.HttpProbe;
import fr.vigie.probe.ServicePorts;
import fr.vigie.store.Store;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine with recording fakes for every probe family: what it asks each probe, of which
 * host, and what it makes of the answers — no socket opened, the DNS a table.
 */
class EngineSeamsTest {

  @TempDir
  Path dir;

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);

  private static FakeDns montval() {
    return new FakeDns()
        .add("montval.fr", "SOA", "ns1.h.fr. hostmaster.montval.fr. 1 3600 600 86400 300")
        .add("montval.fr", "NS", "ns1.h.fr.")
        .add("montval.fr", "A", "192.0.2.10")
        .add("montval.fr", "MX", "10 mail.montval.fr.")
        .add("montval.fr", "TXT", "v=spf1 mx -all")
        .add("www.montval.fr", "A", "192.0.2.10")
        .add("mail.montval.fr", "A", "192.0.2.11")
        .add("ancien-site.montval.fr", "A", "192.0.2.10")
        .add("ns1.h.fr", "A", "192.0.2.53")
        .add("extranet-elus.montval.fr", "A", "192.0.2.10");
  }

  /** Records every question; answers from the tables below. */
  static final class Recorder implements Probes.Factory {
    final List<String> web = Collections.synchronizedList(new ArrayList<>());
    final List<String> tls = Collections.synchronizedList(new ArrayList<>());
    final Map<String, List<String>> ports = new ConcurrentHashMap<>();
    final List<String> fetched = Collections.synchronizedList(new ArrayList<>());
    final List<String> ct = Collections.synchronizedList(new ArrayList<>());
    final List<String> axfr = Collections.synchronizedList(new ArrayList<>());

    /** ns1 hands the zone over, with a name no other source knows. */
    @Override
    public fr.vigie.net.ZoneTransfers axfr(ScanSettings settings) {
      return (zone, server, address) -> {
        axfr.add(zone + " @" + server + " " + address.getHostAddress());
        return new fr.vigie.observation.ZoneTransferResult.Transferred(
            server, Set.of(zone, "extranet-elus." + zone), 4, false);
      };
    }

    volatile PathRequests paths;

    @Override
    public Probes.Ct ct(ScanSettings settings) {
      return domain -> {
        ct.add(domain);
        return new fr.vigie.net.CtClient.Answer.Body(
            "[{\"name_value\":\"ancien-site.montval.fr\",\"common_name\":\"ancien-site.montval.fr\","
                + "\"not_after\":\"2027-06-01T00:00:00\"}]");
      };
    }

    @Override
    public Probes create(
        ScanSettings settings,
        fr.vigie.probe.AddressBook book,
        fr.vigie.net.Politeness politeness,
        PathRequests paths,
        fr.vigie.observation.ProbeExtras extras) {
      this.paths = paths;
      Probes.Web webProbe = new Probes.Web() {
        @Override
        public WebObservation probe(String host, String domain, Scope scope) {
          web.add(host);
          return answer(host, domain);
        }

        @Override
        public WebObservation probePort(
            String host, String domain, Scope scope, String scheme, int port) {
          web.add(host + ":" + port);
          return answer(host, domain);
        }
      };
      Probes.Tls tlsProbe = (host, address, port) -> {
        tls.add(host + ":" + port);
        return refused(host, address, port);
      };
      Probes.Ports portProbe = (address, hosts, mx, specs) -> {
        ports.put(address.getHostAddress(), List.copyOf(hosts));
        List<ServiceObservation.Port> out = new ArrayList<>();
        for (ServicePorts.Spec s : specs) {
          boolean rdp = address.getHostAddress().equals("192.0.2.11") && s.port() == 3389;
          out.add(new ServiceObservation.Port(
              s.port(),
              rdp ? ServiceObservation.State.OPEN : ServiceObservation.State.CLOSED,
              rdp ? "rdp" : "unknown",
              null,
              null,
              rdp ? "RDP negotiation answer" : null,
              rdp ? Map.of("nla", "required") : Map.of()));
        }
        return new ServiceObservation(address.getHostAddress(), hosts, mx, out);
      };
      ChainCompletion.Fetcher issuers = (url, max) -> {
        fetched.add(url);
        return new HttpProbe.Fetched(0, new byte[0], "not in this test");
      };
      return new Probes(webProbe, tlsProbe, portProbe, issuers);
    }

    /** www serves the site and its /.git/; the apex never answers; mail has no web server. */
    private static WebObservation answer(String host, String domain) {
      if (host.equals("www.montval.fr")) {
        WebObservation site = WebFixtures.good(host);
        return new WebObservation(
            host,
            domain,
            site.http(),
            site.https(),
            site.origin(),
            site.baselines(),
            List.of(WebFixtures.path("/.git/HEAD", 200, "text/plain", "ref: refs/heads/main\n")));
      }
      HttpObservation.End end =
          host.equals("montval.fr") ? HttpObservation.End.TIMEOUT : HttpObservation.End.REFUSED;
      return new WebObservation(
          host,
          domain,
          WebFixtures.failed(host, "http", end),
          WebFixtures.failed(host, "https", end),
          null,
          List.of(),
          List.of());
    }

    static TlsObservation refused(String host, InetAddress address, int port) {
      return new TlsObservation(
          host,
          address.getHostAddress(),
          port,
          "connection refused",
          List.of(),
          List.of(),
          null,
          null,
          List.of(),
          0);
    }
  }

  private ScanEngine.Outcome scan(Recorder recorder) {
    ScanSettings settings = ScanSettings.builder(List.of("www", "mail"))
        .addressPolicy(AddressGuard.Policy.ALLOW_PRIVATE)
        .axfr(true)
        .ct("https://ct.invalid/?q={domain}")
        .ports(List.of(new ServicePorts.Spec(3389, "rdp", false)))
        .build();
    try (Store store = Store.open(dir.resolve("v.db"), true)) {
      return new ScanEngine(settings, montval(), CLOCK, recorder)
          .run(List.of(Commune.adHoc("montval.fr")), "test", store, ScanListener.NONE);
    }
  }

  @Test
  void shouldAskTheWebProbeOfEveryHostAndTellItThePathsTheChecksRead() {
    Recorder recorder = new Recorder();

    scan(recorder);

    assertThat(recorder.web)
        .containsExactlyInAnyOrder(
            "montval.fr",
            "www.montval.fr",
            "mail.montval.fr",
            "ancien-site.montval.fr",
            "extranet-elus.montval.fr");
    assertThat(recorder.paths.paths("www.montval.fr", "montval.fr"))
        .contains("/.git/HEAD", "/.env", "/.well-known/security.txt")
        .doesNotContain("/.well-known/mta-sts.txt")
        .doesNotHaveDuplicates();
    assertThat(recorder.paths.paths("mta-sts.montval.fr", "montval.fr"))
        .contains("/.well-known/mta-sts.txt");
  }

  @Test
  void shouldAskCtOfTheCommunesDomainAndProbeTheNamesItLogged() {
    Recorder recorder = new Recorder();

    scan(recorder);

    assertThat(recorder.ct).containsExactly("montval.fr");
    assertThat(recorder.web).contains("ancien-site.montval.fr");
  }

  @Test
  void shouldAskEachNameServerForTheZoneAndProbeWhatItHandedOver() {
    Recorder recorder = new Recorder();

    ScanEngine.Outcome outcome = scan(recorder);

    assertThat(recorder.axfr).containsExactly("montval.fr @ns1.h.fr 192.0.2.53");
    assertThat(recorder.web).contains("extranet-elus.montval.fr");
    assertThat(outcome.findings())
        .extracting(Finding::check, Finding::subject)
        .contains(org.assertj.core.groups.Tuple.tuple("dns.axfr.open", "ns1.h.fr"));
  }

  @Test
  void shouldAskTlsOnlyOfHostsWhoseWebDidNotTimeOutOnBothSchemes() {
    Recorder recorder = new Recorder();

    scan(recorder);

    assertThat(recorder.tls).contains("www.montval.fr:443").doesNotContain("montval.fr:443");
  }

  @Test
  void shouldAskThePortProbeOnceAnAddressWithEveryNameOnIt() {
    Recorder recorder = new Recorder();

    scan(recorder);

    assertThat(recorder.ports).containsOnlyKeys("192.0.2.10", "192.0.2.11");
    assertThat(recorder.ports.get("192.0.2.10"))
        .containsExactlyInAnyOrder(
            "montval.fr", "www.montval.fr", "ancien-site.montval.fr", "extranet-elus.montval.fr");
    assertThat(recorder.fetched).as("no chain to complete").isEmpty();
  }

  @Test
  void shouldRaiseAndStoreWhatTheFakesShowed() {
    ScanEngine.Outcome outcome = scan(new Recorder());

    assertThat(outcome.findings())
        .extracting(Finding::check, Finding::asset)
        .contains(
            org.assertj.core.groups.Tuple.tuple("exposure.git", "www.montval.fr"),
            org.assertj.core.groups.Tuple.tuple("service.rdp.exposed", "192.0.2.11:3389"));
    try (Store store = Store.openReadOnly(dir.resolve("v.db"))) {
      fr.vigie.store.ScanReader reader = new fr.vigie.store.ScanReader(store);
      long commune =
          new fr.vigie.store.ScanLog(store).communes(outcome.scanId()).get(0).id();
      assertThat(reader.web(outcome.scanId(), commune))
          .extracting(WebObservation::host)
          .contains("www.montval.fr");
      assertThat(reader.services(outcome.scanId(), commune))
          .extracting(ServiceObservation::address)
          .containsExactlyInAnyOrder("192.0.2.10", "192.0.2.11");
    }
  }
}
