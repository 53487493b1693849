package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.probe.service.Dialects;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The port list is checked against the dialect registry when it is read. */
class ServicePortsTest {

  private static ByteArrayInputStream yaml(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldNameEveryBuiltInProtocolByADialect() {
    assertThat(ServicePorts.builtIn())
        .allSatisfy(s -> assertThat(Dialects.names()).contains(s.protocol()));
    assertThat(ServicePorts.builtIn()).extracting(ServicePorts.Spec::port).contains(22, 3389, 445);
  }

  @Test
  void shouldRefuseAProtocolNoDialectKnowsNamingThePort() {
    assertThatThrownBy(() -> ServicePorts.read(
            yaml("ports:\n  - {port: 22, protocol: ssh}\n  - {port: 3389, protocol: rpd}\n"),
            "ports.yaml"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ports.yaml: port 3389: unknown protocol 'rpd'")
        .hasMessageContaining("rdp");
  }

  @Test
  void shouldRefuseAPortListedTwice() {
    assertThatThrownBy(() -> ServicePorts.read(
            yaml("ports:\n  - {port: 22, protocol: ssh}\n  - {port: 22, protocol: telnet}\n"),
            "ports.yaml"))
        .hasMessageContaining("port 22 listed twice");
  }

  @Test
  void shouldAcceptUnknownForAPortIdentifiedByWhatItSends() throws Exception {
    assertThat(ServicePorts.read(yaml("ports:\n  - {port: 9999, protocol: unknown}\n"), "x"))
        .containsKey(9999);
  }
}
