package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.net.Politeness;
import fr.vigie.observation.PathRequests;
import fr.vigie.observation.ProbeExtras;
import fr.vigie.observation.WebObservation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a shared host sees of the web probe's politeness, counted on the server's side: the
 * connections open at once (idle keep-alive ones included), their reuse, and the pace of requests
 * when the server slows down.
 */
class PolitenessOnTheWireTest {

  private static final Scope SCOPE =
      Scope.of(new Commune("99999", "Mairie", List.of("mairie.test")));

  private static List<String> paths(int n) {
    return IntStream.range(0, n).mapToObj(i -> "/chemin-" + i).toList();
  }

  private static HttpProbe probe(
      CountingHttpServer server, List<String> hosts, Politeness politeness, List<String> paths)
      throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort();
    }
    AddressBook book = new AddressBook(h -> List.of());
    for (String h : hosts) {
      book.put(h, List.of(InetAddress.getByName("127.0.0.1")));
    }
    PathRequests requests = (host, domain) -> paths;
    return new HttpProbe(
        HttpSettings.defaults().withPortMap(Map.of(80, server.port(), 443, closedPort)),
        book,
        politeness,
        requests,
        ProbeExtras.NONE);
  }

  @Test
  void shouldNeverHoldMoreConnectionsToOneAddressThanItsCapIdleOnesIncluded() throws Exception {
    List<String> hosts =
        IntStream.range(0, 12).mapToObj(i -> "site" + i + ".mairie.test").toList();
    try (CountingHttpServer server = new CountingHttpServer(
        a -> CountingHttpServer.Answer.ok("<html>" + a.host() + "</html>"))) {
      HttpProbe probe = probe(server, hosts, new Politeness(2), paths(10));
      List<Future<WebObservation>> seen = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (String h : hosts) {
          seen.add(pool.submit(() -> probe.probe(h, "mairie.test", SCOPE)));
        }
      }
      for (Future<WebObservation> f : seen) {
        assertThat(f.get().paths()).hasSize(10).allMatch(p -> p.status() == 200);
      }
      int requests = server.arrivals().size();

      assertThat(requests).isEqualTo(12 * (1 + 2 + 10)); // home, two baselines, ten paths
      assertThat(server.maxOpen()).as("connections open at once").isLessThanOrEqualTo(2);
      // Keep-alive: a name's requests share its connection, not one connection each. Two per
      // name here: the lane's HTTP connection is closed before HTTPS is tried (refused on this
      // server), and the paths open it again.
      assertThat(server.accepted()).as("connections accepted").isLessThanOrEqualTo(12 * 2);
    }
  }

  @Test
  void shouldSendFewerRequestsPerSecondToAServerThatSlowsDown() throws Exception {
    long slowMillis = 300;
    try (CountingHttpServer server = new CountingHttpServer(a -> {
      boolean slow =
          a.path().startsWith("/chemin-") && Integer.parseInt(a.path().substring(8)) >= 6;
      return new CountingHttpServer.Answer(200, "", "<html>ok</html>", slow ? slowMillis : 0);
    })) {
      HttpProbe probe = probe(server, List.of("www.mairie.test"), new Politeness(2), paths(12));

      WebObservation o = probe.probe("www.mairie.test", "mairie.test", SCOPE);

      assertThat(o.paths()).hasSize(12).allMatch(p -> p.status() == 200);
      // From the third slow request on: the first two are on their way (one on each of the
      // address's free lanes) before any slow answer has come back to tell.
      List<CountingHttpServer.Arrival> slowPhase = server.arrivals().stream()
          .filter(a -> a.path().matches("/chemin-([89]|1[01])"))
          .toList();
      double seconds =
          (slowPhase.get(slowPhase.size() - 1).nanos() - slowPhase.get(0).nanos()) / 1e9;
      double perSecond = (slowPhase.size() - 1) / seconds;
      // Back to back, the answers alone allow 1000/300 ≈ 3.3 requests a second: the probe
      // leaves the server more room than that once it sees it slow down.
      assertThat(perSecond).isLessThan(1000.0 / slowMillis / 2);
    }
  }

  @Test
  void shouldUseTheAddressesOtherFreeLaneForTheOnlyNameOnIt() throws Exception {
    try (CountingHttpServer server = new CountingHttpServer(
        a -> new CountingHttpServer.Answer(200, "", "<html>" + a.path() + "</html>", 50))) {
      HttpProbe probe = probe(server, List.of("www.mairie.test"), new Politeness(2), paths(10));

      WebObservation o = probe.probe("www.mairie.test", "mairie.test", SCOPE);

      // In the order asked, whichever lane fetched them.
      assertThat(o.paths()).extracting(p -> p.path()).containsExactlyElementsOf(paths(10));
      assertThat(o.paths()).allMatch(p -> p.excerpt().contains(p.path()));
      assertThat(server.maxInFlight()).as("requests answered at once").isEqualTo(2);
      assertThat(server.maxOpen()).as("connections open at once").isLessThanOrEqualTo(2);
    }
  }

  @Test
  void shouldKeepToOneLaneForAServerThatShowsStrain() throws Exception {
    try (CountingHttpServer server = new CountingHttpServer(
        a -> new CountingHttpServer.Answer(503, "", "<html>surcharge</html>", 20))) {
      HttpProbe probe = probe(server, List.of("www.mairie.test"), new Politeness(2), paths(6));

      probe.probe("www.mairie.test", "mairie.test", SCOPE);

      assertThat(server.maxInFlight()).isEqualTo(1);
    }
  }
}
