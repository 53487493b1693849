package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep with a host that holds every request for 30 s (and an HTTP timeout long enough to
 * wait for it), two ordinary communes and one with an invalid name in its DNS: the sweep ends
 * within the commune budget it announces, every commune is stored, and the progress names what
 * was stuck while it was.
 */
class StuckSweepCliTest {

  @TempDir
  Path dir;

  @Test
  void shouldFinishTheSweepWithinTheCommuneBudgetAndNameTheStuckHost() throws Exception {
    long start = System.nanoTime();
    CliTest.Run run = CliTest.vigie(
        "demo",
        "--scenario",
        "src/test/resources/scenarios/stuck.yaml",
        "--db",
        dir.resolve("s.db").toString(),
        "--output-dir",
        dir.toString(),
        "--http-timeout",
        "60000",
        "--commune-timeout",
        "6",
        "--progress-idle",
        "2",
        "--no-ports");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took)
        .as("a 6 s commune budget, whatever the host does")
        .isLessThan(Duration.ofSeconds(25));
    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.err())
        .contains("vigie: toujours en cours : www.lenteville.test (web, ")
        .contains("vigie: commune 99502 interrompue : hors délai (--commune-timeout) : 6 s — web"
            + " www.lenteville.test ; ce qui a été fait est enregistré, le reste est inconnu");
    JsonNode report = Json.MAPPER.readTree(dir.resolve("report.json").toFile());
    assertThat(report.path("communes")).hasSize(4);
    JsonNode slow = HonestOutcomesCliTest.commune(report, "99502");
    // Its DNS was done and is kept; its web host, stuck, is "no answer".
    assertThat(slow.path("status").asText()).isEqualTo("partial");
    assertThat(slow.path("statusReason").asText())
        .isEqualTo("temps imparti (--commune-timeout) dépassé : 6 s — web www.lenteville.test");
    assertThat(slow.path("coverage").path("reason").asText()).isEqualTo("commune-timeout");
    assertThat(slow.path("coverage")
            .path("assets")
            .path("www.lenteville.test")
            .path("web")
            .asText())
        .isEqualTo("no-answer");
    assertThat(slow.path("hosts").findValuesAsText("name")).contains("www.lenteville.test");
    assertThat(slow.path("findings").findValuesAsText("check")).contains("dns.dnssec.missing");
    for (String insee : new String[] {"99501", "99503"}) {
      JsonNode c = HonestOutcomesCliTest.commune(report, insee);
      assertThat(c.path("status").asText()).as("narrowed by --no-ports only").isEqualTo("partial");
      assertThat(c.path("coverage").path("narrowedBy"))
          .extracting(JsonNode::asText)
          .containsExactly("--no-ports");
      assertThat(c.path("grade").asText()).isNotEqualTo("?");
    }
    JsonNode twisted = HonestOutcomesCliTest.commune(report, "99504");
    assertThat(twisted.path("status").asText())
        .as("an invalid name in DNS fails nothing")
        .isIn("complete", "partial");
    assertThat(twisted.path("findings").findValuesAsText("asset"))
        .contains("www.tordue.test")
        .doesNotContain("xn--99999999999999999999.tordue.test");
    assertThat(twisted.path("hosts").findValuesAsText("name"))
        .contains("xn--99999999999999999999.tordue.test");
  }

  @Test
  void shouldSayThatASeedWithAnInvalidLabelIsNotAValidDomain() {
    CliTest.Run run = CliTest.vigie(
        "scan", "--db", dir.resolve("x.db").toString(), "xn--99999999999999999999.mairie.fr");

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("is not a valid domain name").doesNotContain("public suffix");
  }
}
