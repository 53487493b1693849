package fr.vigie.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The generated shared hosts' front ends offer HTTP/2: each name on them is served over h2, with
 * its own certificate (chosen by SNI) and its own site, and counted by name like on HTTP/1.1.
 */
class Http2FrontEndTest {

  @Test
  void shouldServeEachNameOfASharedAddressOverHttp2WithItsOwnCertificate() throws Exception {
    try (Testbed testbed = Testbed.start(ScenarioGenerator.generate(12, 7), 0)) {
      List<String> shared = testbed.hostAddresses().entrySet().stream()
          .filter(e -> e.getKey().startsWith("www.") && e.getValue().startsWith("127.0.3."))
          .map(Map.Entry::getKey)
          .limit(3)
          .toList();
      assertThat(shared).isNotEmpty();
      // Trust aside (some generated sites have expired or self-signed certificates): what is
      // looked at is which certificate the name got.
      X509TrustManager all = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String type) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String type) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };
      AtomicReference<X509Certificate> leaf = new AtomicReference<>();
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {all}, null);
      OkHttpClient client = new OkHttpClient.Builder()
          .sslSocketFactory(tls.getSocketFactory(), all)
          .hostnameVerifier((h, s) -> true)
          .addNetworkInterceptor(chain -> {
            SSLSocket socket = (SSLSocket) chain.connection().socket();
            leaf.set((X509Certificate) socket.getSession().getPeerCertificates()[0]);
            return chain.proceed(chain.request());
          })
          .dns(h -> List.of(InetAddress.getByName(testbed.hostAddresses().get(h))))
          .build();
      for (String name : shared) {
        Request request = new Request.Builder()
            .url("https://" + name + ":" + testbed.httpsPort() + "/")
            .build();
        try (Response r = client.newCall(request).execute()) {
          assertThat(r.protocol()).as(name).isEqualTo(Protocol.HTTP_2);
          X509Certificate cert = leaf.get();
          assertThat(cert.getSubjectX500Principal().getName() + cert.getSubjectAlternativeNames())
              .as("the certificate chosen by SNI")
              .contains(name);
          assertThat(r.code()).isIn(200, 301, 302);
        }
      }
      long[] cost = testbed.costByKind().get("shared-https");
      assertThat(cost[1]).as("requests counted by name").isGreaterThanOrEqualTo(shared.size());
      assertThat(cost[2]).as("full handshakes counted by name").isPositive();

      // The bench's warm-up sweep is not counted: after a reset the counts start from nothing.
      testbed.resetCounts();

      assertThat(testbed.costByKind().get("shared-https")).containsExactly(cost[0], 0, 0);
      assertThat(testbed.maxConcurrentPerAddress()).isZero();
    }
  }
}
