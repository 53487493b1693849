package fr.vigie.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.UserInputException;
import fr.vigie.inventory.CsvInventoryReader;
import fr.vigie.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertConfigTest {

  @TempDir
  Path dir;

  private AlertConfig read(String yaml, Map<String, String> env) throws Exception {
    Path f = dir.resolve("vigie-alerts.yaml");
    Files.writeString(f, yaml);
    return AlertConfig.read(f, env::get);
  }

  @Test
  void shouldReadChannelsWithTheirSecretsFromTheEnvironment() throws Exception {
    AlertConfig c = read("""
        threshold: medium
        mail:
          host: smtp.csirt.test
          username: vigie
          password_env: PW
          from: vigie@csirt.test
          csirt: veille@csirt.test
        webhooks:
          - {name: chat, format: text, url_env: HOOK, threshold: critical}
        """, Map.of("PW", "secret", "HOOK", "https://chat.csirt.test/hooks/abc"));
    assertThat(c.lang()).isEqualTo(fr.vigie.check.CheckCatalogue.Lang.FR);
    assertThat(c.mail().password()).isEqualTo("secret");
    assertThat(c.mail().port()).isEqualTo(587);
    assertThat(c.mail().security()).isEqualTo(AlertConfig.Security.STARTTLS);
    assertThat(c.webhooks().get(0).shown())
        .as("the URL's path is a secret: logs show the host only")
        .isEqualTo("https://chat.csirt.test");
    assertThat(c.lowestThreshold()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void shouldRefuseASecretWrittenInTheFile() {
    assertThatThrownBy(() -> read("""
            mail: {host: smtp.csirt.test, password: hunter2, from: a@b.test, csirt: c@d.test}
            """, Map.of()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("mail.password holds a secret in the file")
        .hasMessageContaining("password_env")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void shouldNameTheMissingVariableAndTheKey() {
    assertThatThrownBy(() -> read("""
            matrix:
              - {name: tchap, homeserver: "https://matrix.test", room: "!a:matrix.test", token_env: TCHAP}
            """, Map.of()))
        .hasMessageContaining(
            "vigie-alerts.yaml: matrix[0].token_env names TCHAP, which is not set");
  }

  @Test
  void shouldRefuseClearTextSmtpBeyondThisMachineAndUnknownKeys() {
    assertThatThrownBy(() -> read("""
            mail: {host: smtp.csirt.test, security: none, from: a@b.test, csirt: c@d.test}
            """, Map.of()))
        .hasMessageContaining("only for a relay on this machine");
    assertThatThrownBy(() -> read("""
            mail: {host: localhost, form: a@b.test}
            """, Map.of())).hasMessageContaining("unknown key mail.form");
  }

  @Test
  void shouldReadTheInventoryContactColumnAndRefuseABadAddress() {
    var inventory = CsvInventoryReader.parse(
        "r.csv",
        "insee,name,domains,contact\n"
            + "71076,Chalon-sur-Saône,chalonsursaone.fr,dsi@chalon.test;maire@chalon.test\n"
            + "45208,Montargis,montargis.fr,pas-une-adresse\n"
            + "78327,Juziers,juziers.fr\n");
    assertThat(inventory.communes()).hasSize(2);
    assertThat(inventory.communes().get(0).contacts())
        .containsExactly("dsi@chalon.test", "maire@chalon.test");
    assertThat(inventory.communes().get(1).contacts()).isEmpty();
    assertThat(inventory.problems().get(0).toString())
        .contains("r.csv")
        .contains("3")
        .contains("invalid contact address 'pas-une-adresse'");
  }
}
