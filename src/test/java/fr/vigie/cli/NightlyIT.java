package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSIRT's night as cron runs it: {@code scripts/nightly} (the packaged jar) over the testbed,
 * two nights, the alerts received by a real SMTP server on loopback (Debian's python3-aiosmtpd:
 * STARTTLS and AUTH required) and by loopback HTTP servers standing for a SIEM, a Mattermost
 * webhook that fails twice before it accepts, and a Matrix homeserver.
 */
class NightlyIT {

  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir
  Path dir;

  private Process smtp;
  private int smtpPort;
  private Path mails;
  private Path ca;
  private HookRecorder siem;
  private HookRecorder chat;
  private HookRecorder matrix;

  @BeforeEach
  void startServers() throws Exception {
    boolean present = Files.isExecutable(PYTHON)
        && new ProcessBuilder(PYTHON.toString(), "-c", "import aiosmtpd")
                .redirectErrorStream(true)
                .start()
                .waitFor()
            == 0;
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI: python3-aiosmtpd is missing (.ci/run installs it)");
    }
    Assumptions.assumeTrue(
        present,
        "no /usr/bin/python3 with aiosmtpd (apt-get install"
            + " python3-aiosmtpd): the nightly alert test needs a real SMTP server");
    HeldCertificate root = new HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName("vigie test CA")
        .build();
    HeldCertificate server = new HeldCertificate.Builder()
        .signedBy(root)
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .commonName("localhost")
        .build();
    ca = dir.resolve("smtp-ca.pem");
    Files.writeString(ca, root.certificatePem());
    Path cert = dir.resolve("smtp-cert.pem");
    Files.writeString(cert, server.certificatePem() + root.certificatePem());
    Path key = dir.resolve("smtp-key.pem");
    Files.writeString(key, server.privateKeyPkcs8Pem());
    mails = Files.createDirectories(dir.resolve("mails"));
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      smtpPort = s.getLocalPort();
    }
    Path script = Path.of("src/test/resources/smtp/smtp_server.py").toAbsolutePath();
    smtp = new ProcessBuilder(
            PYTHON.toString(),
            script.toString(),
            Integer.toString(smtpPort),
            cert.toString(),
            key.toString(),
            mails.toString(),
            "csirt-vigie",
            "s3cret-de-test")
        .redirectError(dir.resolve("smtp.err").toFile())
        .start();
    BufferedReader ready =
        new BufferedReader(new InputStreamReader(smtp.getInputStream(), StandardCharsets.UTF_8));
    assertThat(ready.readLine()).as("the SMTP server starts").isEqualTo("READY");
    siem = new HookRecorder();
    chat = new HookRecorder();
    matrix = new HookRecorder();
  }

  @AfterEach
  void stopServers() throws Exception {
    if (smtp != null) {
      smtp.getOutputStream().close();
      if (!smtp.waitFor(10, TimeUnit.SECONDS)) {
        smtp.destroyForcibly();
      }
    }
    siem.close();
    chat.close();
    matrix.close();
  }

  private Path config() throws Exception {
    Path file = dir.resolve("vigie-alerts.yaml");
    Files.writeString(file, """
        language: fr
        threshold: high
        retry:
          attempts: 3
          backoff: 50ms
        mail:
          host: 127.0.0.1
          port: %d
          security: starttls
          username: csirt-vigie
          password_env: VIGIE_TEST_SMTP_PASSWORD
          from: "CSIRT Région <veille@csirt-region.test>"
          trust_ca: %s
          csirt: [veille@csirt-region.test]
          recipients:
            "99001": [dsi@saint-exemple.test]
        webhooks:
          - name: siem
            format: json
            url: http://127.0.0.1:%d/hooks/vigie
            headers_env: {Authorization: VIGIE_TEST_SIEM_AUTH}
          - name: mattermost
            format: text
            url_env: VIGIE_TEST_MATTERMOST_URL
        matrix:
          - name: tchap
            homeserver: http://127.0.0.1:%d
            room: "!salle:agent.tchap.test"
            token_env: VIGIE_TEST_MATRIX_TOKEN
        """.formatted(smtpPort, ca, siem.port(), matrix.port()));
    return file;
  }

  private record Run(int code, String output) {}

  private Run night(String... extra) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "scripts/nightly", "--testbed", "-q"));
    command.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("VIGIE_DB", dir.resolve("vigie.db").toString());
    env.put("VIGIE_SITE", dir.resolve("nuits").toString());
    env.put("VIGIE_ALERTS", config().toString());
    env.put("VIGIE_LOG_DIR", dir.resolve("logs").toString());
    env.put("VIGIE_TEST_SMTP_PASSWORD", "s3cret-de-test");
    env.put("VIGIE_TEST_SIEM_AUTH", "Bearer siem-jeton");
    env.put("VIGIE_TEST_MATTERMOST_URL", "http://127.0.0.1:" + chat.port() + "/hooks/xyz");
    env.put("VIGIE_TEST_MATRIX_TOKEN", "syt_jeton_matrix");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  private List<String> receivedMails() throws Exception {
    try (Stream<Path> s = Files.list(mails)) {
      List<String> out = new ArrayList<>();
      for (Path p : s.filter(x -> x.toString().endsWith(".eml")).sorted().toList()) {
        out.add(Files.readString(p));
      }
      return out;
    }
  }

  /** The new high and critical findings the night's own JSON report lists, as keys. */
  private Set<String> newSeriousInReport() throws Exception {
    JsonNode report = Json.MAPPER.readTree(
        dir.resolve("nuits").resolve("latest").resolve("report.json").toFile());
    Set<String> keys = new HashSet<>();
    for (JsonNode c : report.path("communes")) {
      for (JsonNode f : c.path("findings")) {
        String s = f.path("severity").asText();
        if (f.path("status").asText().equals("new") && (s.equals("critical") || s.equals("high"))) {
          keys.add(f.path("key").asText());
        }
      }
    }
    return keys;
  }

  @Test
  void shouldAlertOnceOnWhatTheSecondNightBringsAndNeverAgain() throws Exception {
    Run first = night();
    assertThat(first.output()).contains("Première nuit").contains("rien n'est signalé");
    assertThat(first.code())
        .as("the testbed's criticals are new to a new database: the gate holds")
        .isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(first.output()).contains("(first night of this database: every finding is new)");
    assertThat(receivedMails()).as("the first night is the baseline").isEmpty();
    assertThat(siem.requests.size() + chat.requests.size() + matrix.requests.size())
        .isZero();

    chat.answer(502, 503);
    Run second = night("--variant", "nuit-2");

    assertThat(second.code()).as(second.output()).isEqualTo(ExitCodes.GATE_FAILED);
    Set<String> expected = newSeriousInReport();
    assertThat(expected).as("nuit-2 brings new serious findings").isNotEmpty();
    assertThat(second.output())
        .contains("Nouveau depuis la nuit précédente (scan 1)")
        .contains("+ critique  service.rdp.exposed")
        .contains("attempt 1 of 3 failed (HTTP 502")
        .contains("attempt 2 of 3 failed (HTTP 503")
        .doesNotContain("s3cret-de-test", "siem-jeton", "syt_jeton_matrix", "/hooks/xyz");

    // The generic webhook: exactly the new serious findings, with the report's finding objects.
    HookRecorder.Request posted = siem.requests.get(0);
    assertThat(posted.header("Authorization")).isEqualTo("Bearer siem-jeton");
    JsonNode body = Json.MAPPER.readTree(posted.body());
    assertThat(body.path("schema").asText()).isEqualTo("vigie-alerts/1");
    Set<String> inWebhook = new HashSet<>();
    for (JsonNode a : body.path("alerts")) {
      inWebhook.add(a.path("finding").path("key").asText());
      assertThat(a.path("commune").path("insee").asText()).isEqualTo("99001");
      assertThat(a.path("finding").path("title").asText()).isNotBlank();
    }
    assertThat(inWebhook).isEqualTo(expected);
    assertThat(siem.requests.size()).as("one commune, one POST").isEqualTo(1);

    // Mattermost: refused twice, then taken; the text names the findings.
    assertThat(chat.requests.size()).isEqualTo(3);
    JsonNode text = Json.MAPPER.readTree(chat.requests.get(2).body());
    assertThat(text.path("text").asText())
        .startsWith("[vigie] Saint-Exemple-sur-Loire (99001) : ")
        .contains("Bureau à distance (RDP) ouvert sur Internet");

    // Matrix: the client-server API with the token as a bearer.
    HookRecorder.Request event = matrix.requests.get(0);
    assertThat(event.method()).isEqualTo("PUT");
    assertThat(event.target())
        .startsWith("/_matrix/client/v3/rooms/%21salle%3Aagent.tchap.test/send/m.room.message/");
    assertThat(event.header("Authorization")).isEqualTo("Bearer syt_jeton_matrix");
    assertThat(Json.MAPPER.readTree(event.body()).path("formatted_body").asText())
        .contains("<strong>critique</strong>");

    // Mail: one to the CSIRT, one to the commune's address, through STARTTLS and AUTH.
    List<String> received = receivedMails();
    assertThat(received).hasSize(2);
    for (String m : received) {
      assertThat(m)
          .contains(
              "X-Test-TLS: yes",
              "X-Test-Auth: csirt-vigie",
              "Auto-Submitted: auto-generated",
              "multipart/alternative",
              "text/plain",
              "text/html");
      assertThat(m).contains("Saint-Exemple-sur-Loire (99001)");
    }
    assertThat(
            received.stream().filter(m -> m.contains("X-Test-Rcpt-To: veille@csirt-region.test")))
        .hasSize(1);
    assertThat(received.stream().filter(m -> m.contains("X-Test-Rcpt-To: dsi@saint-exemple.test")))
        .hasSize(1);
    Files.writeString(Path.of("target", "nightly-second-night.eml"), received.get(0));
    Files.writeString(
        Path.of("target", "nightly-second-night-webhook.json"), body.toPrettyString());

    // The same night again: nothing new, nothing sent, a green exit.
    Run again = night("--variant", "nuit-2");
    assertThat(again.code()).as(again.output()).isEqualTo(ExitCodes.OK);
    assertThat(again.output()).contains("Alertes : 0 nouvelle cette nuit");
    assertThat(receivedMails()).hasSize(2);
    assertThat(siem.requests.size()).isEqualTo(1);
    assertThat(chat.requests.size()).isEqualTo(3);
    assertThat(matrix.requests.size()).isEqualTo(1);
    assertThat(Files.readString(Files.list(dir.resolve("logs")).findFirst().orElseThrow()))
        .contains("=== ", "exit 1", "exit 0");
  }

  @Test
  void shouldKeepWhatAFailingChannelCouldNotTakeAndSendItTheNextNight() throws Exception {
    night();
    chat.answer(500, 500, 500);
    Run failing = night("--variant", "nuit-2");
    assertThat(failing.output())
        .contains("kept in the database for the next run")
        .contains("en attente");
    assertThat(chat.requests.size()).isEqualTo(3);

    Run next = night("--variant", "nuit-2");
    assertThat(next.code()).as(next.output()).isEqualTo(ExitCodes.OK);
    assertThat(chat.requests.size()).as("sent the next night, once").isEqualTo(4);
    assertThat(siem.requests.size())
        .as("the channels that took it are not sent again")
        .isEqualTo(1);
    assertThat(receivedMails()).hasSize(2);
  }
}
