package fr.vigie.net;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.discovery.CtNames;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

/**
 * A CT search API that misbehaves costs at most the client's timeout and is never taken for an
 * answer: a hang, a 5xx, a body cut in the middle.
 */
class CtClientTest {

  private static final Scope SCOPE =
      Scope.of(new Commune("99801", "Ctville", List.of("ctville.test")));

  private static CtClient client(MockWebServer server, Duration timeout) {
    return new CtClient(
        "http://127.0.0.1:" + server.getPort() + "/?q=%25.{domain}&output=json",
        timeout,
        "vigie-test");
  }

  @Test
  void shouldGiveUpOnAnApiThatHangsWithinItsTimeout() throws Exception {
    try (MockWebServer ct = new MockWebServer()) {
      ct.start(InetAddress.getByName("127.0.0.1"), 0);
      ct.enqueue(new MockResponse.Builder()
          .headersDelay(10, TimeUnit.SECONDS)
          .body("[]")
          .build());
      long start = System.nanoTime();

      CtClient.Answer a = client(ct, Duration.ofMillis(700)).query("ctville.test");

      assertThat(a).isEqualTo(new CtClient.Answer.Unavailable("no answer in time"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void shouldNeverTakeAServerErrorOrACutBodyForAnAnswer() throws Exception {
    String captured = Files.readString(Path.of("src/test/resources/fixtures/ct/ctville.json"));
    try (MockWebServer ct = new MockWebServer()) {
      ct.start(InetAddress.getByName("127.0.0.1"), 0);
      ct.enqueue(
          new MockResponse.Builder().code(502).body("<html>Bad Gateway</html>").build());
      ct.enqueue(new MockResponse.Builder()
          .body(captured)
          .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
          .build());
      CtClient client = client(ct, Duration.ofSeconds(3));

      assertThat(client.query("ctville.test"))
          .isEqualTo(new CtClient.Answer.Unavailable("HTTP 502"));
      CtClient.Answer cut = client.query("ctville.test");
      assertThat(cut instanceof CtClient.Answer.Unavailable
              || cut instanceof CtClient.Answer.Body b
                  && CtNames.parse(b.json(), SCOPE, Instant.parse("2026-12-02T01:00:00Z"))
                      .isEmpty())
          .as("a cut body is no answer: %s", cut)
          .isTrue();
    }
  }
}
