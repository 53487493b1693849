package fr.vigie.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in testbed's web side: virtual hosts, certificates by SNI, TLS versions. */
class TestbedTest {

  private static Testbed testbed;

  @BeforeAll
  static void start() throws Exception {
    testbed = Testbed.start(Scenario.builtIn(), 0);
  }

  @AfterAll
  static void stop() {
    testbed.close();
  }

  private static String address(String host) {
    return testbed.hostAddresses().get(host);
  }

  @Test
  void shouldServeEachSiteOfASharedAddressByHostHeader() throws Exception {
    String montval = get("www.montval.test");
    String vieuxMoulin = get("www.vieux-moulin.test");

    assertThat(address("www.montval.test"))
        .isEqualTo(address("www.vieux-moulin.test"))
        .isEqualTo("127.0.2.1");
    // Both serve captures (WordPress from Debian's package, a Drupal 7 fixture), the scenario's
    // own headers in place of the captured ones.
    assertThat(montval)
        .startsWith("HTTP/1.1 200")
        .contains("Server: Apache/2.4.29 (Ubuntu)")
        .doesNotContain("nginx/1.22.1")
        .contains("<meta name=\"generator\" content=\"WordPress 6.1.9\" />")
        .contains("http://www.montval.test/wp-includes/");
    assertThat(vieuxMoulin)
        .startsWith("HTTP/1.1 200")
        .containsIgnoringCase("X-Generator: Drupal 7 (http://drupal.org)");
  }

  @Test
  void shouldRedirectWhereTheScenarioSays() throws Exception {
    assertThat(get("www.saint-exemple-sur-loire.test"))
        .startsWith("HTTP/1.1 301")
        .contains("Location: https://www.saint-exemple-sur-loire.test/");
  }

  @Test
  void shouldPresentTheCertificateOfTheScenarioBySni() throws Exception {
    Instant now = Instant.now();

    X509Certificate valid =
        handshake("www.saint-exemple-sur-loire.test", "TLSv1.3").get(0);
    X509Certificate expired = handshake("www.montval.test", "TLSv1.3").get(0);
    List<X509Certificate> selfSigned = handshake("extranet.montval.test", "TLSv1.2");
    X509Certificate wrongHost =
        handshake("www.xn--brval-les-bains-cnb.test", "TLSv1.2").get(0);
    X509Certificate soon = handshake("www.lacombe.test", "TLSv1.2").get(0);

    assertThat(valid.getNotAfter().toInstant()).isAfter(now);
    assertThat(valid.getIssuerX500Principal()).isEqualTo(ca().getSubjectX500Principal());
    assertThat(expired.getNotAfter().toInstant()).isBefore(now);
    assertThat(selfSigned).hasSize(1);
    assertThat(selfSigned.get(0).getIssuerX500Principal())
        .isEqualTo(selfSigned.get(0).getSubjectX500Principal());
    assertThat(wrongHost.getSubjectAlternativeNames().stream()
            .map(l -> String.valueOf(l.get(1)))
            .toList())
        .containsExactly(TestbedCertificates.WRONG_HOST_NAME);
    assertThat(soon.getNotAfter().toInstant())
        .isBetween(now.plusSeconds(4 * 86_400), now.plusSeconds(6 * 86_400));
  }

  @Test
  void shouldOfferOnlyTheScenarioTlsVersions() throws Exception {
    assertThat(handshake("vpn.lacombe.test", "TLSv1")).isNotEmpty();
    assertThatThrownBy(() -> handshake("vpn.lacombe.test", "TLSv1.2"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void shouldRefuseConnectionsWhereTheScenarioHasNoServer() {
    // mail hosts have no web behaviour: nothing listens on their address
    assertThatThrownBy(() -> new Socket(address("mail.montval.test"), testbed.httpPort()).close())
        .isInstanceOf(ConnectException.class);
  }

  private static X509Certificate ca() throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(
            new ByteArrayInputStream(testbed.caPem().getBytes(StandardCharsets.US_ASCII)));
  }

  private static String get(String host) throws Exception {
    try (Socket s = new Socket(InetAddress.getByName(address(host)), testbed.httpPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The chain the server presents to a client that trusts anything and offers one version. */
  private static List<X509Certificate> handshake(String host, String protocol) throws Exception {
    X509Certificate[][] seen = new X509Certificate[1][];
    TrustManager trustAll = new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {
        seen[0] = chain;
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
    try (SSLSocket socket = (SSLSocket) context
        .getSocketFactory()
        .createSocket(InetAddress.getByName(address(host)), testbed.httpsPort())) {
      socket.setSoTimeout(5000);
      SSLParameters p = socket.getSSLParameters();
      p.setServerNames(List.of(new SNIHostName(host)));
      p.setProtocols(new String[] {protocol});
      socket.setSSLParameters(p);
      socket.startHandshake();
    }
    return List.of(seen[0]);
  }
}
