package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `--ct` against a CT search served on loopback: a host only CT knows is found and probed; the
 * answer is kept a day (the next scan does not ask again); an API that refuses costs nothing but
 * its answer and is recorded as such.
 */
class CtCliTest {

  @TempDir
  Path dir;

  private CliTest.Run scan(MockWebServer ct, String night) {
    return CliTest.vigie(
        "demo",
        "-q",
        "--scenario",
        "src/test/resources/scenarios/ct.yaml",
        "--db",
        dir.resolve("c.db").toString(),
        "--output-dir",
        dir.resolve(night).toString(),
        "--no-ports",
        "--ct",
        "--ct-url",
        "http://127.0.0.1:" + ct.getPort() + "/?q=%25.{domain}&output=json");
  }

  @Test
  void shouldFindAHostOnlyCertificateTransparencyKnowsAndAskOnceADay() throws Exception {
    try (MockWebServer ct = new MockWebServer()) {
      ct.start(InetAddress.getByName("127.0.0.1"), 0);
      ct.enqueue(new MockResponse.Builder()
          .code(200)
          .body(Files.readString(Path.of("src/test/resources/fixtures/ct/ctville.json")))
          .build());

      CliTest.Run first = scan(ct, "n1");
      CliTest.Run second = scan(ct, "n2");

      assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OK);
      assertThat(second.code()).as(second.err()).isEqualTo(ExitCodes.OK);
      assertThat(ct.getRequestCount()).as("the answer is kept a day").isEqualTo(1);
      assertThat(ct.takeRequest().getTarget()).isEqualTo("/?q=%25.ctville.test&output=json");
      JsonNode c = Json.MAPPER
          .readTree(dir.resolve("n2/report.json").toFile())
          .path("communes")
          .get(0);
      JsonNode archives = HonestOutcomesCliTest.host(c, "archives-2018.ctville.test");
      assertThat(archives).isNotNull();
      assertThat(archives.path("sources")).extracting(JsonNode::asText).containsExactly("ct");
      assertThat(c.path("findings").findValuesAsText("check")).contains("exposure.git");
      assertThat(c.path("coverage").path("asked")).extracting(JsonNode::asText).contains("ct");
      assertThat(
              c.path("coverage").path("assets").path("ctville.test").path("ct").asText())
          .isEqualTo("answered");
    }
  }

  @Test
  void shouldRecordAnApiThatRefusesAndScanAllTheSame() throws Exception {
    try (MockWebServer ct = new MockWebServer()) {
      ct.start(InetAddress.getByName("127.0.0.1"), 0);
      ct.enqueue(new MockResponse.Builder().code(429).body("Too Many Requests").build());

      CliTest.Run run = scan(ct, "n1");

      assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
      JsonNode c = Json.MAPPER
          .readTree(dir.resolve("n1/report.json").toFile())
          .path("communes")
          .get(0);
      assertThat(
              c.path("coverage").path("assets").path("ctville.test").path("ct").asText())
          .isEqualTo("no-answer");
      assertThat(c.path("hosts").findValuesAsText("name"))
          .contains("www.ctville.test")
          .doesNotContain("archives-2018.ctville.test");
    }
  }
}
