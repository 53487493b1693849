package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host named only in the main site's certificate, or linked only from its home page, is found,
 * resolved and probed in the same scan; a wildcard gives its parent, a name out of scope nothing.
 */
class CertificateNamesCliTest {

  @TempDir
  Path dir;

  @Test
  void shouldFindAndProbeAHostNamedOnlyInACertificate() throws Exception {
    CliTest.Run run = CliTest.vigie(
        "demo",
        "-q",
        "--scenario",
        "src/test/resources/scenarios/san.yaml",
        "--db",
        dir.resolve("s.db").toString(),
        "--output-dir",
        dir.toString(),
        "--no-ports");
    JsonNode c = Json.MAPPER
        .readTree(dir.resolve("report.json").toFile())
        .path("communes")
        .get(0);

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode hidden = HonestOutcomesCliTest.host(c, "guichet-unique-2019.sanville.test");
    assertThat(hidden).as("the host the certificate names").isNotNull();
    assertThat(hidden.path("sources")).extracting(JsonNode::asText).containsExactly("san");
    assertThat(c.path("findings").findValuesAsText("check")).contains("exposure.env");
    assertThat(c.path("hosts").findValuesAsText("name")).doesNotContain("www.ailleurs.test");
    JsonNode linked = HonestOutcomesCliTest.host(c, "e-services-2020.sanville.test");
    assertThat(linked).as("the host the home page links to").isNotNull();
    assertThat(linked.path("sources")).extracting(JsonNode::asText).containsExactly("link");
    assertThat(linked.path("tls")).as("probed like the others").isNotNull();
    assertThat(c.path("coverage")
            .path("assets")
            .path("guichet-unique-2019.sanville.test")
            .path("web")
            .asText())
        .isEqualTo("answered");
  }

  @Test
  void shouldFindAndProbeAHostNamedOnlyInTheMxsStartTlsCertificate() throws Exception {
    CliTest.Run run = CliTest.vigie(
        "demo",
        "-q",
        "--scenario",
        "src/test/resources/scenarios/mx-san.yaml",
        "--db",
        dir.resolve("m.db").toString(),
        "--output-dir",
        dir.toString(),
        "--ports",
        "25");
    JsonNode c = Json.MAPPER
        .readTree(dir.resolve("report.json").toFile())
        .path("communes")
        .get(0);

    assertThat(run.code()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonNode webmail = HonestOutcomesCliTest.host(c, "courrier-2021.mxville.test");
    assertThat(webmail).as("the host the MX's certificate names").isNotNull();
    assertThat(webmail.path("sources")).extracting(JsonNode::asText).containsExactly("san");
    assertThat(c.path("coverage")
            .path("assets")
            .path("courrier-2021.mxville.test")
            .path("web")
            .asText())
        .isEqualTo("answered");
    assertThat(c.path("findings")).anySatisfy(f -> {
      assertThat(f.path("check").asText()).isEqualTo("http.hsts.missing");
      assertThat(f.path("asset").asText()).isEqualTo("courrier-2021.mxville.test");
    });
  }
}
