package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.net.Politeness;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.TlsObservation.FamilyResult;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Testbed;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS probe against the testbed's hosts, each offering exactly its configured versions and suites. */
class TlsProbeTest {

  private static Testbed testbed;
  private static TlsProbe probe;

  @BeforeAll
  static void start() throws Exception {
    testbed = Testbed.start(Scenario.builtIn(), 0);
    probe = new TlsProbe(
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        Map.of(443, testbed.httpsPort()),
        new Politeness(2));
  }

  @AfterAll
  static void stop() {
    testbed.close();
  }

  private static TlsObservation probe(String host) throws Exception {
    return probe.probe(host, InetAddress.getByName(testbed.hostAddresses().get(host)), 443);
  }

  private static List<String> acceptedFamilies(TlsObservation o) {
    return o.weakFamilies().stream()
        .filter(FamilyResult::accepted)
        .map(FamilyResult::family)
        .toList();
  }

  @Test
  void shouldSeeModernVersionsOnTheGoodHost() throws Exception {
    TlsObservation o = probe("www.saint-exemple-sur-loire.test");

    assertThat(o.acceptedVersions()).containsExactly("TLSv1.2", "TLSv1.3");
    assertThat(o.version("TLSv1.1").orElseThrow().detail()).isEqualTo("alert protocol_version(70)");
    assertThat(o.forwardSecrecy()).isTrue();
    assertThat(o.secureRenegotiation()).isTrue();
    assertThat(o.chain()).hasSize(2);
    assertThat(acceptedFamilies(o)).isEmpty();
    assertThat(o.handshakes()).isLessThanOrEqualTo(12);
  }

  @Test
  void shouldSeeATls10OnlyHost() throws Exception {
    TlsObservation o = probe("vpn.lacombe.test");

    assertThat(o.acceptedVersions()).containsExactly("TLSv1");
    assertThat(o.version("TLSv1.2").orElseThrow().detail()).isEqualTo("server chose TLSv1");
    assertThat(o.weakFamilies()).allSatisfy(f -> assertThat(f.version()).isEqualTo("TLSv1"));
  }

  @Test
  void shouldSeeSslv3Rc4And3desAndNoForwardSecrecyOnTheOldHost() throws Exception {
    TlsObservation o = probe("old.montval.test");

    assertThat(o.acceptedVersions()).containsExactly("TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3");
    assertThat(acceptedFamilies(o)).containsExactly("RC4", "3DES");
    assertThat(o.forwardSecrecy()).isFalse();
    assertThat(o.chain()).isNotEmpty(); // asked again without RC4
  }

  @Test
  void shouldSeeNullAnonymousAndExportSuites() throws Exception {
    TlsObservation o = probe("rdweb.lacombe.test");

    assertThat(o.acceptedVersions()).containsExactly("TLSv1.2", "TLSv1");
    assertThat(acceptedFamilies(o)).containsExactly("NULL", "EXPORT", "anon");
    assertThat(o.weakFamilies())
        .filteredOn(f -> f.family().equals("EXPORT"))
        .singleElement()
        .satisfies(f -> assertThat(f.version()).isEqualTo("TLSv1"));
  }

  @Test
  void shouldSeeAServerWithoutSecureRenegotiation() throws Exception {
    TlsObservation o = probe("gateway.lacombe.test");

    assertThat(o.acceptedVersions()).containsExactly("TLSv1.2");
    assertThat(o.secureRenegotiation()).isFalse();
  }

  // --- hostile or broken peers: each finishes within its timeouts with an observation

  private static TlsObservation againstRawServer(Consumer<Socket> behaviour) throws Exception {
    try (ServerSocket raw = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      List<Socket> open = new ArrayList<>();
      Thread server = Thread.ofVirtual().start(() -> {
        while (!raw.isClosed()) {
          try {
            Socket s = raw.accept();
            open.add(s);
            Thread.ofVirtual().start(() -> behaviour.accept(s));
          } catch (Exception e) {
            return;
          }
        }
      });
      TlsProbe quick = new TlsProbe(
          Duration.ofMillis(500),
          Duration.ofMillis(500),
          Map.of(443, raw.getLocalPort()),
          new Politeness(2));
      try {
        return quick.probe("x.mairie.test", InetAddress.getByName("127.0.0.1"), 443);
      } finally {
        raw.close();
        server.interrupt();
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }

  @Test
  void shouldRecordAPortThatClosesOnClientHello() throws Exception {
    TlsObservation o = againstRawServer(s -> {
      try (s) {
        s.getInputStream().read(new byte[512]);
      } catch (Exception ignored) {
        // closing is the point
      }
    });

    assertThat(o.acceptedVersions()).isEmpty();
    assertThat(o.versions())
        .isNotEmpty()
        .allSatisfy(v -> assertThat(v.detail()).isEqualTo("connection closed"));
  }

  @Test
  void shouldRecordAPortThatAnswersGarbage() throws Exception {
    TlsObservation o = againstRawServer(s -> {
      try (s;
          OutputStream out = s.getOutputStream()) {
        s.getInputStream().read(new byte[512]);
        out.write("SSH-2.0-OpenSSH_7.4\r\n".getBytes());
        out.flush();
      } catch (Exception ignored) {
        // done
      }
    });

    assertThat(o.acceptedVersions()).isEmpty();
    assertThat(o.versions())
        .isNotEmpty()
        .allSatisfy(v -> assertThat(v.detail()).startsWith("not a TLS answer"));
  }

  @Test
  void shouldGiveUpOnAPortThatNeverAnswers() throws Exception {
    long begin = System.nanoTime();
    TlsObservation o = againstRawServer(s -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException ignored) {
        // released by the test
      }
    });

    assertThat(o.answered()).isFalse();
    assertThat(o.error()).isEqualTo("timeout");
    assertThat(o.handshakes()).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldRecordARefusedPort() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    TlsProbe p = new TlsProbe(
        Duration.ofMillis(500), Duration.ofMillis(500), Map.of(443, closed), new Politeness(2));

    TlsObservation o = p.probe("x.mairie.test", InetAddress.getByName("127.0.0.1"), 443);

    assertThat(o.error()).isEqualTo("connection refused");
  }

  @Test
  void shouldMeasureAServerOncePerCertificateAndGiveEachFurtherNameOneHandshake() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    HeldCertificate shared = new HeldCertificate.Builder()
        .addSubjectAlternativeName("www.mairie.test")
        .addSubjectAlternativeName("mairie.test")
        .build();
    HandshakeCertificates server =
        new HandshakeCertificates.Builder().heldCertificate(shared).build();
    AtomicInteger accepted = new AtomicInteger();
    try (ServerSocket listening =
        server.sslContext().getServerSocketFactory().createServerSocket(0, 50, loopback)) {
      Thread.ofVirtual().start(() -> {
        while (!listening.isClosed()) {
          try {
            Socket s = listening.accept();
            accepted.incrementAndGet();
            Thread.ofVirtual().start(() -> {
              try (s) {
                ((javax.net.ssl.SSLSocket) s).startHandshake();
              } catch (Exception ignored) {
                // refused versions and suites end here
              }
            });
          } catch (Exception e) {
            return;
          }
        }
      });
      TlsProbe p = new TlsProbe(
          Duration.ofSeconds(2),
          Duration.ofSeconds(3),
          Map.of(443, listening.getLocalPort()),
          new Politeness(2));

      TlsObservation first = p.probe("www.mairie.test", loopback, 443);
      int firstConnections = accepted.get();
      TlsObservation second = p.probe("mairie.test", loopback, 443);

      assertThat(first.answered()).isTrue();
      assertThat(first.measuredOn()).isNull();
      assertThat(first.handshakes()).isGreaterThan(3);
      assertThat(second.handshakes()).isEqualTo(1);
      assertThat(accepted.get() - firstConnections).isEqualTo(1);
      assertThat(second.measuredOn()).isEqualTo("www.mairie.test");
      assertThat(second.versions()).isEqualTo(first.versions());
      assertThat(second.weakFamilies()).isEqualTo(first.weakFamilies());
      assertThat(second.chain()).isEqualTo(first.chain()).isNotEmpty();
      assertThat(second.host()).isEqualTo("mairie.test");
    }
  }
}
