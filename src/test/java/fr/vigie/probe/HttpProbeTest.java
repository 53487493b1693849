package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Checks;
import fr.vigie.check.web.SecurityTxtCheck;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.net.Politeness;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.ProbeExtras;
import fr.vigie.observation.WebObservation;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Testbed;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web probe against mockwebserver and raw sockets on loopback, and the testbed for TLS. */
class HttpProbeTest {

  private static final String HOST = "www.mairie.test";
  private static final Scope SCOPE =
      Scope.of(new Commune("99999", "Mairie", List.of("mairie.test")));

  private MockWebServer server;
  private int closedPort;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = s.getLocalPort(); // free again once closed: connections are refused
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpProbe probe(int httpPort, HttpSettings settings) throws Exception {
    AddressBook book = new AddressBook(h -> List.of());
    book.put(HOST, List.of(InetAddress.getByName("127.0.0.1")));
    book.put("autre.mairie.test", List.of(InetAddress.getByName("127.0.0.1")));
    return new HttpProbe(
        settings.withPortMap(Map.of(80, httpPort, 443, closedPort)),
        book,
        new Politeness(2),
        Checks.builtIn().pathRequests(),
        ProbeExtras.NONE);
  }

  private HttpProbe probe() throws Exception {
    return probe(server.getPort(), HttpSettings.defaults());
  }

  private void route(Map<String, MockResponse> routes) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return routes.getOrDefault(
            request.getTarget(),
            new MockResponse.Builder().code(404).body("introuvable").build());
      }
    });
  }

  private static MockResponse redirect(String location) {
    return new MockResponse.Builder().code(301).addHeader("Location", location).build();
  }

  @Test
  void shouldRecordEachHopAndStopOnARedirectLoop() throws Exception {
    route(Map.of(
        "/",
        redirect("/a"),
        "/a",
        redirect("http://autre.mairie.test/b"),
        "/b",
        redirect("http://www.mairie.test/")));

    HttpObservation o = probe().chain("http://" + HOST + "/", HOST, SCOPE);

    assertThat(o.end()).isEqualTo(End.LOOP);
    assertThat(o.hops())
        .extracting(HttpObservation.Hop::url)
        .containsExactly(
            "http://www.mairie.test/", "http://www.mairie.test/a", "http://autre.mairie.test/b");
    assertThat(o.hops()).allSatisfy(h -> assertThat(h.status()).isEqualTo(301));
  }

  @Test
  void shouldRecordButNotFollowARedirectOutOfScope() throws Exception {
    route(Map.of("/", redirect("https://www.prestataire-cms.example/mairie")));

    HttpObservation o = probe().chain("http://" + HOST + "/", HOST, SCOPE);

    assertThat(o.end()).isEqualTo(End.OUT_OF_SCOPE);
    assertThat(o.hops())
        .singleElement()
        .satisfies(h ->
            assertThat(h.first("Location")).contains("https://www.prestataire-cms.example/mairie"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void shouldStopAfterTheRedirectCap() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int n = request.getTarget().length();
        return redirect("/" + "x".repeat(n));
      }
    });

    HttpObservation o = probe().chain("http://" + HOST + "/", HOST, SCOPE);

    assertThat(o.end()).isEqualTo(End.TOO_MANY_REDIRECTS);
    assertThat(o.hops()).hasSize(11);
  }

  @Test
  void shouldCapATenMegabyteBody() throws Exception {
    Buffer big = new Buffer();
    byte[] chunk = "<p>Mairie</p>\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
    while (big.size() < 10_000_000) {
      big.write(chunk);
    }
    route(Map.of(
        "/",
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/html; charset=utf-8")
            .body(big)
            .build()));

    HttpObservation o = probe().chain("http://" + HOST + "/", HOST, SCOPE);

    assertThat(o.end()).isEqualTo(End.OK);
    assertThat(o.body().bytes()).isEqualTo(512 * 1024);
    assertThat(o.body().truncated()).isTrue();
    assertThat(o.body().excerpt()).hasSize(HttpProbe.PAGE_EXCERPT).startsWith("<p>Mairie</p>");
  }

  @Test
  void shouldGiveUpOnABodyDrippingOneBytePerSecond() throws Exception {
    route(Map.of(
        "/",
        new MockResponse.Builder()
            .body("x".repeat(100))
            .throttleBody(1, 1, TimeUnit.SECONDS)
            .build()));
    HttpSettings quick = HttpSettings.defaults()
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3));

    long begin = System.nanoTime();
    HttpObservation o = probe(server.getPort(), quick).chain("http://" + HOST + "/", HOST, SCOPE);

    assertThat(o.end()).isEqualTo(End.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void shouldKeepDuplicatedHeadersInOrder() throws Exception {
    route(Map.of(
        "/",
        new MockResponse.Builder()
            .addHeader("Set-Cookie", "PHPSESSID=abc; path=/")
            .addHeader("Set-Cookie", "lang=fr")
            .addHeader("X-Frame-Options", "DENY")
            .addHeader("X-Frame-Options", "SAMEORIGIN")
            .addHeaderLenient("X-Bizarre", " valeur  avec  espaces ")
            .body("ok")
            .build()));

    HttpObservation o = probe().chain("http://" + HOST + "/", HOST, SCOPE);

    HttpObservation.Hop hop = o.hops().get(0);
    assertThat(hop.values("set-cookie")).containsExactly("PHPSESSID=abc; path=/", "lang=fr");
    assertThat(hop.values("X-Frame-Options")).containsExactly("DENY", "SAMEORIGIN");
  }

  @Test
  void shouldRecordAMalformedResponseAsAnError() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = raw.accept();
            OutputStream out = s.getOutputStream()) {
          s.getInputStream().read(new byte[4096]);
          out.write("HTTP/1.1 DEUX-CENTS OK\r\nServer: bricolage\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
        } catch (Exception ignored) {
          // the client may close first
        }
      });

      HttpObservation o = probe(raw.getLocalPort(), HttpSettings.defaults())
          .chain("http://" + HOST + "/", HOST, SCOPE);

      assertThat(o.end()).isEqualTo(End.ERROR);
      assertThat(o.error()).isNotBlank();
    }
  }

  @Test
  void shouldRecordAConnectionResetAsAnError() throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = raw.accept()) {
          s.getInputStream().read(new byte[4096]);
          s.setSoLinger(true, 0); // RST instead of FIN
        } catch (Exception ignored) {
          // nothing to do
        }
      });

      HttpObservation o = probe(raw.getLocalPort(), HttpSettings.defaults())
          .chain("http://" + HOST + "/", HOST, SCOPE);

      assertThat(o.end()).isEqualTo(End.ERROR);
      assertThat(o.hops()).isEmpty();
    }
  }

  @Test
  void shouldProbeAnHttpOnlyHostAndItsPathsOverHttp() throws Exception {
    route(Map.of(
        "/",
            new MockResponse.Builder()
                .addHeader("Content-Type", "text/html")
                .body("<html><title>Accueil</title></html>")
                .build(),
        "/.env",
            new MockResponse.Builder()
                .body("APP_NAME=Mairie\nDB_PASSWORD=motdepasse-secret\nAPI_TOKEN=abcdef\n")
                .build()));

    WebObservation w = probe().probe(HOST, "mairie.test", SCOPE);

    assertThat(w.https().end()).isEqualTo(End.REFUSED);
    assertThat(w.http().end()).isEqualTo(End.OK);
    assertThat(w.http().body().html().title()).isEqualTo("Accueil");
    assertThat(w.origin()).isEqualTo("http://" + HOST);
    assertThat(w.baselines()).hasSize(2).allSatisfy(b -> assertThat(b.status()).isEqualTo(404));
    PathResult env = w.path("/.env").orElseThrow();
    assertThat(env.status()).isEqualTo(200);
    assertThat(env.excerpt())
        .isEqualTo("APP_NAME=Mairie\nDB_PASSWORD=********\nAPI_TOKEN=********\n");
    assertThat(w.path("/mairie.zip")).isPresent();
    assertThat(w.path(SecurityTxtCheck.PATH)).isPresent();
    // About 40 requests a host (44 since nginx's and PHP-FPM's status pages, Tomcat's manager and
    // the Actuator index joined the list); issue 16
    // is to bring the number of requests per name down.
    assertThat(w.paths().size() + w.baselines().size()).isLessThanOrEqualTo(44);
  }

  @Test
  void shouldSendItsUserAgent() throws Exception {
    route(Map.of("/", new MockResponse.Builder().body("ok").build()));

    probe().chain("http://" + HOST + "/", HOST, SCOPE);

    assertThat(server.takeRequest().getHeaders().get("User-Agent"))
        .startsWith("vigie/")
        .contains("+https://");
  }

  @Test
  void shouldFetchATls10OnlySiteAndRecordItsChain() throws Exception {
    try (Testbed testbed = Testbed.start(Scenario.builtIn(), 0)) {
      AddressBook book = new AddressBook(h -> List.of());
      book.put(
          "vpn.lacombe.test",
          List.of(InetAddress.getByName(testbed.hostAddresses().get("vpn.lacombe.test"))));
      HttpProbe p = new HttpProbe(
          HttpSettings.defaults().withPortMap(testbed.portMap()),
          book,
          new Politeness(2),
          Checks.builtIn().pathRequests(),
          ProbeExtras.NONE);
      Scope scope = Scope.of(new Commune("99004", "Lacombe", List.of("lacombe.test")));

      HttpObservation o = p.chain("https://vpn.lacombe.test/", "vpn.lacombe.test", scope);

      assertThat(o.end()).isEqualTo(End.OK);
      assertThat(o.hops()).extracting(HttpObservation.Hop::status).containsExactly(302, 200);
      assertThat(o.last().orElseThrow().url())
          .isEqualTo("https://vpn.lacombe.test/remote/login?lang=en");
      assertThat(o.body().html().scripts())
          .contains("https://vpn.lacombe.test/remote/fgt_lang?lang=en");
      assertThat(o.certificates())
          .hasSize(2)
          .first()
          .asString()
          .startsWith("-----BEGIN CERTIFICATE-----");
    }
  }

  @Test
  void shouldNeverConnectToAnAddressTheGuardRefused() throws Exception {
    HttpProbe p =
        new HttpProbe(HttpSettings.defaults(), new AddressBook(h -> List.of()), new Politeness(2));

    HttpObservation o = p.chain("http://intranet.mairie.test/", "intranet.mairie.test", SCOPE);

    assertThat(o.end()).isEqualTo(End.REFUSED);
    assertThat(o.error()).contains("no address vigie may probe");
  }

  @Test
  void shouldLeaveAnAddressAloneForTheRetryAfterItAskedFor() throws Exception {
    route(Map.of(
        "/",
        new MockResponse.Builder()
            .code(429)
            .addHeader("Retry-After", "1")
            .body("trop de requêtes")
            .build()));
    HttpProbe p = probe();

    p.chain("http://" + HOST + "/", HOST, SCOPE);
    long begin = System.nanoTime();
    PathResult next = p.path("http://" + HOST, "/.env");

    assertThat(next.status()).isEqualTo(404);
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
  }

  /** Every path of the name redirected to {@code to}, the path kept ({@code $request_uri}). */
  private void redirectEverythingTo(String to) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return redirect(to + request.getTarget());
      }
    });
  }

  @Test
  void shouldNotAskThePathsOfANameThatRedirectsEveryPathToAnotherHostOfTheCommune()
      throws Exception {
    redirectEverythingTo("https://autre.mairie.test");

    WebObservation w = probe().probe(HOST, "mairie.test", SCOPE);

    assertThat(w.origin()).isEqualTo("http://" + HOST);
    assertThat(w.baselines()).hasSize(2).allSatisfy(b -> assertThat(b.status()).isEqualTo(301));
    // Not asked, so nothing is said of them: the host they lead to is probed with them.
    assertThat(w.paths()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(3); // the home page and the two random paths
  }

  @Test
  void shouldAskThePathsWhereOnlyTheHomePageRedirects() throws Exception {
    route(Map.of("/", redirect("https://autre.mairie.test/")));

    WebObservation w = probe().probe(HOST, "mairie.test", SCOPE);

    assertThat(w.paths()).isNotEmpty();
    assertThat(w.path("/.env")).isPresent();
  }

  @Test
  void shouldAskThePathsOfANameThatRedirectsEverythingOutOfTheCommune() throws Exception {
    redirectEverythingTo("https://parking.hebergeur.example");

    WebObservation w = probe().probe(HOST, "mairie.test", SCOPE);

    assertThat(w.path("/.env")).isPresent();
  }

  @Test
  void shouldReachAnHttp2ServerOverHttp2WithABoundedNumberOfStreams() throws Exception {
    server.close();
    HeldCertificate cert =
        new HeldCertificate.Builder().addSubjectAlternativeName(HOST).build();
    HandshakeCertificates tls =
        new HandshakeCertificates.Builder().heldCertificate(cert).build();
    server = new MockWebServer();
    server.useHttps(tls.sslSocketFactory());
    server.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          Thread.sleep(request.getTarget().equals("/") ? 0 : 30);
        } finally {
          inFlight.decrementAndGet();
        }
        return new MockResponse.Builder().code(404).body("introuvable").build();
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    AddressBook book = new AddressBook(h -> List.of());
    book.put(HOST, List.of(InetAddress.getByName("127.0.0.1")));
    HttpProbe probe = new HttpProbe(
        HttpSettings.defaults().withPortMap(Map.of(80, closedPort, 443, server.getPort())),
        book,
        new Politeness(1),
        Checks.builtIn().pathRequests(),
        ProbeExtras.NONE);

    WebObservation w = probe.probe(HOST, "mairie.test", SCOPE);

    assertThat(w.origin()).isEqualTo("https://" + HOST);
    assertThat(w.paths()).hasSizeGreaterThan(20);
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r = server.takeRequest(0, TimeUnit.SECONDS);
        r != null;
        r = server.takeRequest(0, TimeUnit.SECONDS)) {
      requests.add(r);
    }
    assertThat(requests).hasSize(1 + 2 + w.paths().size());
    assertThat(requests).allSatisfy(r -> {
      assertThat(r.getVersion()).isEqualTo("HTTP/2");
      assertThat(r.getConnectionIndex()).as("one connection").isZero();
    });
    // One lane (--per-ip 1), several streams on its connection, never more than the bound.
    assertThat(maxInFlight.get()).isBetween(2, HttpProbe.STREAMS);
  }

  @Test
  void shouldAskTheHttpsHomePageOnceWhenTheHttpOneRedirectsToIt() throws Exception {
    HeldCertificate cert =
        new HeldCertificate.Builder().addSubjectAlternativeName(HOST).build();
    HandshakeCertificates tls =
        new HandshakeCertificates.Builder().heldCertificate(cert).build();
    try (MockWebServer https = new MockWebServer()) {
      https.useHttps(tls.sslSocketFactory());
      https.setDispatcher(new Dispatcher() {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
          if (request.getTarget().equals("/")) {
            return new MockResponse.Builder().body("<h1>Accueil</h1>").build();
          }
          return new MockResponse.Builder().code(404).body("introuvable").build();
        }
      });
      https.start(InetAddress.getByName("127.0.0.1"), 0);
      route(Map.of("/", redirect("https://" + HOST + "/")));
      AddressBook book = new AddressBook(h -> List.of());
      book.put(HOST, List.of(InetAddress.getByName("127.0.0.1")));
      HttpProbe probe = new HttpProbe(
          HttpSettings.defaults().withPortMap(Map.of(80, server.getPort(), 443, https.getPort())),
          book,
          new Politeness(2),
          Checks.builtIn().pathRequests(),
          ProbeExtras.NONE);

      WebObservation w = probe.probe(HOST, "mairie.test", SCOPE);

      assertThat(w.http().hops()).extracting(HttpObservation.Hop::status).containsExactly(301, 200);
      assertThat(w.https().hops()).containsExactly(w.http().hops().get(1));
      assertThat(w.https().body()).isEqualTo(w.http().body());
      assertThat(w.https().body().excerpt()).contains("Accueil");
      assertThat(w.https().certificates()).hasSize(1);
      assertThat(w.origin()).isEqualTo("https://" + HOST);
      // The home page once for both chains, then the baselines and paths (/ among them, for a
      // directory listing).
      assertThat(https.getRequestCount())
          .isEqualTo(1 + w.baselines().size() + w.paths().size());
    }
  }

  @Test
  void shouldAskThePathsOfNamesAnsweringTheSameBytesOnceAndReportThemForEach() throws Exception {
    // A shared host's default page, the same for every name it does not serve.
    homePage(request -> "<h1>Site inconnu</h1>");
    List<String> names = List.of(HOST, "autre.mairie.test", "extranet.mairie.test");
    HttpProbe probe = probe(names);

    List<WebObservation> seen = new ArrayList<>();
    for (String name : names) {
      seen.add(probe.probe(name, "mairie.test", SCOPE));
    }

    WebObservation first = seen.get(0);
    assertThat(first.paths()).hasSizeGreaterThan(20);
    for (WebObservation w : seen) {
      assertThat(w.origin()).isEqualTo("http://" + w.host());
      assertThat(w.paths()).isEqualTo(first.paths());
      assertThat(w.baselines()).isEqualTo(first.baselines());
    }
    // The home page of each name, then the baselines and paths once.
    assertThat(server.getRequestCount()).isEqualTo(3 + 2 + first.paths().size());
  }

  @Test
  void shouldAskThePathsOfEachNameWhosePageNamesIt() throws Exception {
    homePage(request -> "<h1>" + request.getHeaders().get("Host") + "</h1>");
    List<String> names = List.of(HOST, "autre.mairie.test");
    HttpProbe probe = probe(names);

    WebObservation a = probe.probe(names.get(0), "mairie.test", SCOPE);
    WebObservation b = probe.probe(names.get(1), "mairie.test", SCOPE);

    assertThat(server.getRequestCount())
        .isEqualTo(2 * (1 + 2) + a.paths().size() + b.paths().size());
  }

  /** Serves {@code /} with this page, any other path a 404. */
  private void homePage(Function<RecordedRequest, String> page) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return request.getTarget().equals("/")
            ? new MockResponse.Builder().body(page.apply(request)).build()
            : new MockResponse.Builder().code(404).body("introuvable").build();
      }
    });
  }

  private HttpProbe probe(List<String> names) throws Exception {
    AddressBook book = new AddressBook(h -> List.of());
    for (String name : names) {
      book.put(name, List.of(InetAddress.getByName("127.0.0.1")));
    }
    return new HttpProbe(
        HttpSettings.defaults().withPortMap(Map.of(80, server.getPort(), 443, closedPort)),
        book,
        new Politeness(2),
        Checks.builtIn().pathRequests(),
        ProbeExtras.NONE);
  }
}
