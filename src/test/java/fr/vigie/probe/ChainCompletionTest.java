package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.vigie.check.tls.CertificateCheck;
import fr.vigie.check.tls.TrustAnchors;
import fr.vigie.model.Finding;
import fr.vigie.net.Politeness;
import fr.vigie.observation.TlsObservation;
import fr.vigie.testbed.BcCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.tls.HeldCertificate;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real TLS server (openssl s_server) that presents its leaf without the intermediate: vigie
 * fetches the issuer from the leaf's caIssuers URL (a loopback web server, once for every host
 * that needs it) and says "incomplete chain", not "untrusted"; an issuer URL that fails leaves
 * no path, and says so.
 */
class ChainCompletionTest {

  private static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final Instant NOW = Instant.now();
  private static final HeldCertificate ROOT = new HeldCertificate.Builder()
      .certificateAuthority(1)
      .commonName("Racine de test")
      .build();
  private static final HeldCertificate INTERMEDIATE = new HeldCertificate.Builder()
      .certificateAuthority(0)
      .commonName("Intermédiaire de test")
      .signedBy(ROOT)
      .build();

  @TempDir
  Path dir;

  private Process server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.destroyForcibly();
    }
  }

  private static String pem(X509Certificate c) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(c.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** Starts openssl s_server with only this leaf (no -cert_chain): the misconfiguration. */
  private int serveLeafOnly(X509Certificate leaf, KeyPair keys) throws Exception {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
    Files.writeString(dir.resolve("leaf.pem"), pem(leaf));
    Files.writeString(
        dir.resolve("key.pem"),
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    server = new ProcessBuilder(
            OPENSSL.toString(),
            "s_server",
            "-accept",
            "127.0.0.1:" + port,
            "-cert",
            dir.resolve("leaf.pem").toString(),
            "-key",
            dir.resolve("key.pem").toString(),
            "-www",
            "-quiet")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("log").toFile())
        .start();
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return port;
      } catch (IOException notYet) {
        assumeTrue(
            server.isAlive(),
            "openssl s_server did not start: " + Files.readString(dir.resolve("log")));
        Thread.sleep(50);
      }
    }
    assumeTrue(false, "openssl s_server did not listen within 5 s");
    return port;
  }

  private static ChainCompletion completion(int webPort) {
    AddressBook book = new AddressBook(
        h -> h.equals("pki.test") ? List.of(InetAddress.getLoopbackAddress()) : List.of());
    HttpProbe web = new HttpProbe(
        HttpSettings.defaults().withPortMap(Map.of(80, webPort)), book, new Politeness(2));
    TrustAnchors trust = TrustAnchors.of(List.of(ROOT.certificate()));
    return new ChainCompletion(web::fetchSmall, List.of(), trust::hasSubject);
  }

  private static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::check).toList();
  }

  @Test
  void shouldCompleteTheChainFromTheIssuerUrlAndSayOnlyIncomplete() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X509Certificate leaf = BcCertificates.leaf(
        "www.mairie.test",
        keys,
        INTERMEDIATE.keyPair(),
        INTERMEDIATE.certificate(),
        "SHA256withECDSA",
        "http://pki.test/inter.crt",
        NOW);
    int tlsPort = serveLeafOnly(leaf, keys);
    try (MockWebServer pki = new MockWebServer()) {
      pki.start(InetAddress.getByName("127.0.0.1"), 0);
      // DER, as authorities serve it (application/pkix-cert)
      pki.enqueue(new MockResponse.Builder()
          .addHeader("Content-Type", "application/pkix-cert")
          .body(new Buffer().write(INTERMEDIATE.certificate().getEncoded()))
          .build());
      ChainCompletion completion = completion(pki.getPort());
      TlsProbe tls = new TlsProbe(
          Duration.ofSeconds(2), Duration.ofSeconds(3), Map.of(443, tlsPort), new Politeness(2));
      CertificateCheck check =
          new CertificateCheck(Clock.systemUTC(), TrustAnchors.of(List.of(ROOT.certificate())));

      TlsObservation first =
          completion.complete(tls.probe("www.mairie.test", InetAddress.getLoopbackAddress(), 443));
      TlsObservation second =
          completion.complete(tls.probe("www.mairie.test", InetAddress.getLoopbackAddress(), 443));

      assertThat(first.chain()).as("the server sends its leaf only").hasSize(1);
      assertThat(first.issuers()).singleElement().satisfies(l -> {
        assertThat(l.outcome()).isEqualTo("found");
        assertThat(l.url()).isEqualTo("http://pki.test/inter.crt");
      });
      assertThat(ids(check.evaluate(first))).containsExactly("cert.chain.incomplete");
      assertThat(ids(check.evaluate(second))).containsExactly("cert.chain.incomplete");
      assertThat(pki.getRequestCount()).as("fetched once per URL").isEqualTo(1);
      assertThat(pki.takeRequest().getTarget()).isEqualTo("/inter.crt");
    }
  }

  @Test
  void shouldSayUntrustedWhenTheIssuerUrlServesNoCertificate() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X509Certificate leaf = BcCertificates.leaf(
        "www.mairie.test",
        keys,
        INTERMEDIATE.keyPair(),
        INTERMEDIATE.certificate(),
        "SHA256withECDSA",
        "http://pki.test/perdu.crt",
        NOW);
    int tlsPort = serveLeafOnly(leaf, keys);
    try (MockWebServer pki = new MockWebServer()) {
      pki.start(InetAddress.getByName("127.0.0.1"), 0);
      pki.enqueue(new MockResponse.Builder().code(404).body("not found").build());
      TlsProbe tls = new TlsProbe(
          Duration.ofSeconds(2), Duration.ofSeconds(3), Map.of(443, tlsPort), new Politeness(2));
      CertificateCheck check =
          new CertificateCheck(Clock.systemUTC(), TrustAnchors.of(List.of(ROOT.certificate())));

      TlsObservation o = completion(pki.getPort())
          .complete(tls.probe("www.mairie.test", InetAddress.getLoopbackAddress(), 443));
      List<Finding> findings = check.evaluate(o);

      assertThat(ids(findings)).containsExactly("cert.chain.incomplete", "cert.untrusted");
      assertThat(findings.get(1).evidence()).contains("http://pki.test/perdu.crt: HTTP 404");
    }
  }

  @Test
  void shouldCompleteFromTheIntermediatesOfATrustBundleWithoutFetching() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X509Certificate leaf = BcCertificates.leaf(
        "www.mairie.test",
        keys,
        INTERMEDIATE.keyPair(),
        INTERMEDIATE.certificate(),
        "SHA256withECDSA",
        "http://pki.test/inter.crt",
        NOW);
    TrustAnchors bundle =
        TrustAnchors.jdkAnd(List.of(ROOT.certificate(), INTERMEDIATE.certificate()));
    ChainCompletion completion = new ChainCompletion(
        (url, max) -> {
          throw new AssertionError("no fetch when the bundle has the issuer");
        },
        bundle.intermediates(),
        bundle::hasSubject);
    TlsObservation o = new TlsObservation(
        "www.mairie.test",
        "127.0.0.1",
        443,
        null,
        List.of(),
        List.of(),
        true,
        true,
        List.of(pem(leaf)),
        1);

    TlsObservation completed = completion.complete(o);

    assertThat(completed.issuers())
        .singleElement()
        .satisfies(l -> assertThat(l.source()).isEqualTo("trust-ca"));
    assertThat(ids(new CertificateCheck(Clock.systemUTC(), bundle).evaluate(completed)))
        .containsExactly("cert.chain.incomplete");
  }
}
