package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zone handed over to an AXFR request: the name server is a finding, the zone's hosts are found
 * and probed in the same scan; refused the next night, the finding is resolved; not asked
 * (--no-axfr), it is not.
 */
class AxfrCliTest {

  @TempDir
  Path dir;

  private CliTest.Run night(String name, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "demo",
        "-q",
        "--scenario",
        "src/test/resources/scenarios/axfr.yaml",
        "--db",
        dir.resolve("a.db").toString(),
        "--output-dir",
        dir.resolve(name).toString(),
        "--no-ports"));
    args.addAll(List.of(extra));
    return CliTest.vigie(args.toArray(String[]::new));
  }

  private JsonNode commune(String night, String insee) throws Exception {
    return HonestOutcomesCliTest.commune(
        Json.MAPPER.readTree(dir.resolve(night + "/report.json").toFile()), insee);
  }

  @Test
  void shouldReportAnOpenTransferAndProbeTheHostsItLists() throws Exception {
    CliTest.Run first = night("n1");
    JsonNode c = commune("n1", "99801");

    assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OK);
    JsonNode open = HonestOutcomesCliTest.finding(c, "dns.axfr.open", "axfrville.test");
    assertThat(open.path("severity").asText()).isEqualTo("high");
    assertThat(open.path("evidence").asText())
        .contains("ns1.dns-testbed.test")
        .contains("axfrville.test");
    JsonNode nas = HonestOutcomesCliTest.host(c, "sauvegarde-nas-2021.axfrville.test");
    assertThat(nas).as("the host only the zone lists").isNotNull();
    assertThat(nas.path("sources")).extracting(JsonNode::asText).containsExactly("axfr");
    assertThat(c.path("findings")).anySatisfy(f -> {
      assertThat(f.path("check").asText()).isEqualTo("exposure.env");
      assertThat(f.path("asset").asText()).isEqualTo("sauvegarde-nas-2021.axfrville.test");
    });
    assertThat(c.path("hosts").findValuesAsText("name"))
        .as("no service label, no wildcard")
        .noneMatch(n -> n.startsWith("_") || n.startsWith("*"));
    assertThat(c.path("coverage")
            .path("assets")
            .path("axfrville.test")
            .path("dns:AXFR@ns1.dns-testbed.test")
            .asText())
        .isEqualTo("answered");

    JsonNode closed = commune("n1", "99802");
    assertThat(closed.path("findings").findValuesAsText("check")).doesNotContain("dns.axfr.open");
    assertThat(closed.path("hosts").findValuesAsText("name"))
        .doesNotContain("cachee-2022.fermeville.test");
    assertThat(closed
            .path("coverage")
            .path("assets")
            .path("fermeville.test")
            .path("dns:AXFR@ns2.dns-testbed.test")
            .asText())
        .as("a refusal is an answer")
        .isEqualTo("answered");
  }

  @Test
  void shouldResolveTheFindingOnlyWhenTheServerWasAskedAgain() throws Exception {
    assertThat(night("n1").code()).isEqualTo(ExitCodes.OK);
    assertThat(night("n2", "--no-axfr").code()).isEqualTo(ExitCodes.OK);
    assertThat(night("n3", "--variant", "fermee").code()).isEqualTo(ExitCodes.OK);

    JsonNode notAsked =
        HonestOutcomesCliTest.finding(commune("n2", "99801"), "dns.axfr.open", "axfrville.test");
    assertThat(notAsked.path("status").asText()).isEqualTo("unknown");
    assertThat(notAsked.path("unknownReason").asText()).startsWith("not-asked");
    JsonNode refused =
        HonestOutcomesCliTest.finding(commune("n3", "99801"), "dns.axfr.open", "axfrville.test");
    assertThat(refused.path("status").asText()).isEqualTo("resolved");
  }
}
