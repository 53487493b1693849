package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.net.Politeness;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.probe.ServicePorts.Spec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Servers that misbehave slowly, started on loopback: each must cost the probe no more than its
 * announced deadline, whatever it sends. Bounds are generous multiples of the deadlines (these
 * are not benchmarks), but far below "forever".
 */
class HostileServersTest {

  /** A loopback server that runs {@code behaviour} on each connection; close it. */
  static final class Hostile implements AutoCloseable {
    interface Behaviour {
      void serve(InputStream in, OutputStream out) throws IOException, InterruptedException;
    }

    final ServerSocket server;
    final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    Hostile(Behaviour behaviour) throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      Thread.ofPlatform().daemon(true).start(() -> {
        while (!server.isClosed()) {
          try {
            Socket s = server.accept();
            pool.submit(() -> {
              try (s) {
                behaviour.serve(s.getInputStream(), s.getOutputStream());
              } catch (IOException | InterruptedException | RuntimeException ignored) {
                // the client went away: what a hostile server expects
              }
              return null;
            });
          } catch (IOException closed) {
            return;
          }
        }
      });
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      pool.shutdownNow();
    }
  }

  /** Reads whatever the client sends first (its ClientHello), then lets the behaviour go on. */
  static void readSome(InputStream in) throws IOException {
    in.read(new byte[4096]);
  }

  static final InetAddress LOOPBACK = loopback();

  static InetAddress loopback() {
    try {
      return InetAddress.getByName("127.0.0.1");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void shouldGiveUpATlsServerThatAnswersEveryHelloWithEndlessWarningAlerts() throws Exception {
    try (Hostile alerts = new Hostile((in, out) -> {
      readSome(in);
      byte[] warning = {0x15, 0x03, 0x03, 0x00, 0x02, 0x01, 0x5a
      }; // alert record: warning, user_canceled
      while (true) {
        out.write(warning);
        out.flush();
        Thread.sleep(50);
      }
    })) {
      TlsProbe probe = new TlsProbe(
          Duration.ofMillis(500),
          Duration.ofMillis(1500),
          Map.of(443, alerts.port()),
          new Politeness(2));
      long start = System.nanoTime();

      TlsObservation o = probe.probe("alertes.test", LOOPBACK, 443);

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // Two handshakes of 2 s each past their deadline, then the host is given up.
      assertThat(took).isLessThan(Duration.ofSeconds(12));
      assertThat(o.answered()).isFalse();
      assertThat(o.error()).startsWith("gave up: 2 handshakes ran past their deadline of 2000 ms");
      assertThat(o.handshakes()).isEqualTo(2);
    }
  }

  @Test
  void shouldCutAServerHelloDrippedOneByteEveryTwoSeconds() throws Exception {
    try (Hostile drip = new Hostile((in, out) -> {
      readSome(in);
      byte[] hello = {0x16, 0x03, 0x03, 0x00, 0x31, 0x02, 0x00, 0x00, 0x2d, 0x03, 0x03};
      for (byte b : hello) {
        out.write(b);
        out.flush();
        Thread.sleep(1000); // under the per-read timeout of 1.5 s: only a total deadline ends this
      }
    })) {
      TlsProbe probe = new TlsProbe(
          Duration.ofMillis(500),
          Duration.ofMillis(1500),
          Map.of(443, drip.port()),
          new Politeness(2));
      long start = System.nanoTime();

      TlsObservation o = probe.probe("goutte.test", LOOPBACK, 443);

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));
      assertThat(o.answered()).isFalse();
      assertThat(o.error()).startsWith("gave up");
    }
  }

  /** A TLS 1.2 ServerHello choosing ECDHE-RSA-AES128-GCM-SHA256, then a 1.1 MB Certificate message. */
  static byte[] helloThenHugeCertificate() {
    ByteArrayOutputStream hs = new ByteArrayOutputStream();
    byte[] body = new byte[2 + 32 + 1 + 2 + 1];
    body[0] = 0x03;
    body[1] = 0x03;
    for (int i = 0; i < 32; i++) {
      body[2 + i] = (byte) (i + 1);
    }
    body[34] = 0; // no session id
    body[35] = (byte) 0xc0;
    body[36] = 0x2f;
    body[37] = 0; // no compression; no extensions
    hs.write(2);
    hs.write(0);
    hs.write(0);
    hs.write(body.length);
    hs.writeBytes(body);
    int huge = 1_153_433;
    hs.write(11);
    hs.write((huge >> 16) & 0xff);
    hs.write((huge >> 8) & 0xff);
    hs.write(huge & 0xff);
    hs.writeBytes(new byte[1000]);
    byte[] payload = hs.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.writeBytes(
        new byte[] {0x16, 0x03, 0x03, (byte) (payload.length >> 8), (byte) payload.length});
    record.writeBytes(payload);
    return record.toByteArray();
  }

  @Test
  void shouldRecordAHandshakeMessageOverTheLimitAsOversized() throws Exception {
    try (Hostile big = new Hostile((in, out) -> {
      readSome(in);
      out.write(helloThenHugeCertificate());
      byte[] filler = new byte[16_384];
      for (int i = 0; i < 72; i++) { // the rest of the 1.1 MB, in full records
        out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
        out.write(filler);
      }
      out.flush();
      Thread.sleep(2000);
    })) {
      TlsProbe probe = new TlsProbe(
          Duration.ofMillis(500),
          Duration.ofMillis(1500),
          Map.of(443, big.port()),
          new Politeness(2));

      TlsObservation o = probe.probe("chaine.test", LOOPBACK, 443);

      assertThat(o.incomplete())
          .isEqualTo("oversized: certificate message of 1153433 bytes, over the 256 KiB limit");
      assertThat(new fr.vigie.check.tls.TlsProtocolCheck().evaluate(o))
          .extracting(fr.vigie.model.Finding::check)
          .contains("tls.handshake.oversized")
          .doesNotContain("tls.protocol.tls12-missing");
    }
  }

  @Test
  void shouldReadAChainOverBouncyCastlesDefault32KiB() throws Exception {
    // A certificate with 2,500 names: a Certificate message of about 115 KiB, over BouncyCastle's
    // default limit of 32 KiB, as some real servers send.
    okhttp3.tls.HeldCertificate.Builder builder = new okhttp3.tls.HeldCertificate.Builder()
        .commonName("gros.test")
        .addSubjectAlternativeName("gros.test");
    for (int i = 0; i < 2500; i++) {
      builder.addSubjectAlternativeName("nom-" + i + ".service-long-de-la-commune.gros.test");
    }
    okhttp3.tls.HeldCertificate big = builder.build();
    okhttp3.tls.HandshakeCertificates server =
        new okhttp3.tls.HandshakeCertificates.Builder().heldCertificate(big).build();
    try (SSLServerSocket listener = (SSLServerSocket)
        server.sslContext().getServerSocketFactory().createServerSocket(0, 50, LOOPBACK)) {
      Thread.ofPlatform().daemon(true).start(() -> {
        while (!listener.isClosed()) {
          try {
            SSLSocket s = (SSLSocket) listener.accept();
            Thread.ofVirtual().start(() -> {
              try (s) {
                s.startHandshake();
              } catch (IOException ignored) {
                // refused versions and suites end here
              }
            });
          } catch (IOException closed) {
            return;
          }
        }
      });
      TlsProbe probe = new TlsProbe(
          Duration.ofMillis(500),
          Duration.ofMillis(3000),
          Map.of(443, listener.getLocalPort()),
          new Politeness(2));

      TlsObservation o = probe.probe("gros.test", LOOPBACK, 443);

      assertThat(o.answered()).isTrue();
      assertThat(o.incomplete()).isNull();
      assertThat(o.chain()).isNotEmpty();
      assertThat(o.chain().get(0).length()).isGreaterThan(40_000);
      assertThat(o.acceptedVersions()).contains("TLSv1.2");
    }
  }

  @Test
  void shouldCutABannerDrippedUnderTheReadTimeout() throws Exception {
    try (Hostile drip = new Hostile((in, out) -> {
      for (byte b : "220 mail.goutte.test ESMTP lentement, tres lentement\r\n".getBytes()) {
        out.write(b);
        out.flush();
        Thread.sleep(400); // under the 1 s per-read timeout, forever as far as a reader goes
      }
    })) {
      ServiceProbe probe = new ServiceProbe(
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Map.of(25, drip.port()),
          new Politeness(2),
          false);
      long start = System.nanoTime();

      ServiceObservation o = probe.probe(
          LOOPBACK, List.of("mail.goutte.test"), List.of(), List.of(new Spec(25, "smtp", false)));

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // One exchange may last connect + 2 reads (2.5 s); identification tries a few.
      assertThat(took).isLessThan(Duration.ofSeconds(12));
      assertThat(o.ports()).singleElement().satisfies(p -> assertThat(p.open()).isTrue());
    }
  }
}
