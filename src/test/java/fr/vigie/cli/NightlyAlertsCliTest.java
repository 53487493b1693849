package fr.vigie.cli;

import static fr.vigie.cli.CliTest.vigie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The night's alerts through the real CLI, in the ways NightlyIT does not take: English, one
 * digest for the night, a commune that becomes unreachable, and {@code vigie alerts test}. The
 * scenario's second night opens RDP and a .git at Vaurive and has the resolver refuse
 * Refuge-sur-Mer's zone.
 */
class NightlyAlertsCliTest {

  private static final String SCENARIO = "src/test/resources/scenarios/nights.yaml";

  @TempDir
  Path dir;

  private HookRecorder siem;
  private HookRecorder chat;

  @BeforeEach
  void start() throws Exception {
    siem = new HookRecorder();
    chat = new HookRecorder();
  }

  @AfterEach
  void stop() {
    siem.close();
    chat.close();
  }

  private Path config(String language) throws Exception {
    Path file = dir.resolve("vigie-alerts.yaml");
    Files.writeString(file, """
        language: %s
        threshold: high
        retry: {attempts: 2, backoff: 10ms}
        webhooks:
          - {name: siem, format: json, url: "http://127.0.0.1:%d/hooks/vigie"}
          - {name: salon, format: text, url: "http://127.0.0.1:%d/hooks/jeton-secret-du-salon"}
        """.formatted(language, siem.port(), chat.port()));
    return file;
  }

  private CliTest.Run night(Path alerts, String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "nightly",
        "--testbed",
        "--scenario",
        SCENARIO,
        "-q",
        "--db",
        dir.resolve("v.db").toString(),
        "--site",
        dir.resolve("nuits").toString(),
        "--alerts",
        alerts.toString()));
    args.addAll(List.of(extra));
    return vigie(args.toArray(String[]::new));
  }

  @Test
  void shouldSendOneEnglishDigestWithTheNewFindingsAndTheCommuneThatBecameUnreachable()
      throws Exception {
    Path alerts = config("en");
    CliTest.Run first = night(alerts, "--notify-digest");
    assertThat(first.code()).as(first.err()).isEqualTo(ExitCodes.OK);
    assertThat(siem.requests).isEmpty();

    CliTest.Run second = night(alerts, "--notify-digest", "--variant", "nuit-2");

    assertThat(second.code()).as(second.err()).isEqualTo(ExitCodes.GATE_FAILED);
    assertThat(second.err()).doesNotContain("Exception", "internal error");
    assertThat(second.out())
        .contains("Refuge-sur-Mer (99402) — injoignable : ")
        .contains("+ critique  exposure.git  www.vaurive.test [/.git/HEAD]")
        .contains("+ critique  exposure.git  www.vaurive.test [/.git/config]");
    assertThat(siem.requests).as("one digest for the night").hasSize(1);
    assertThat(chat.requests).hasSize(1);

    assertThat(second.out() + second.err()).doesNotContain("jeton-secret-du-salon");

    // The SIEM: the night's four alerts in one body, in English, the lost commune as its own kind.
    JsonNode digest = Json.MAPPER.readTree(siem.requests.get(0).body());
    List<String> kinds = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    JsonNode lost = null;
    for (JsonNode a : digest.path("alerts")) {
      kinds.add(a.path("kind").asText() + " " + a.path("commune").path("insee").asText());
      if (a.path("kind").asText().equals("unreachable")) {
        lost = a;
      } else {
        titles.add(a.path("finding").path("title").asText());
      }
    }
    assertThat(kinds)
        .containsExactly("finding 99401", "finding 99401", "finding 99401", "unreachable 99402");
    assertThat(titles)
        .containsExactly(
            "Source code repository (.git, .svn) exposed on the site",
            "Source code repository (.git, .svn) exposed on the site",
            "Remote Desktop (RDP) open to the Internet");
    assertThat(lost.path("severity").asText()).isEqualTo("high");
    assertThat(lost.path("reason").asText()).contains("query refused (REFUSED)");
    assertThat(lost.has("finding")).isFalse();

    // The chat room: one English message naming both communes and telling the two .git apart.
    String text = Json.MAPPER.readTree(chat.requests.get(0).body()).path("text").asText();
    assertThat(text)
        .startsWith("[vigie] Night of ")
        .contains(": 2 communes, 3 new findings and 1 unreachable commune")
        .contains("Vaurive (99401)\n")
        .contains("www.vaurive.test [/.git/HEAD]")
        .contains("www.vaurive.test [/.git/config]")
        .contains("Refuge-sur-Mer (99402)\n• unreachable: resolver ")
        .doesNotContain("Dépôt", "injoignable");

    CliTest.Run third = night(alerts, "--notify-digest", "--variant", "nuit-2");
    assertThat(third.code()).as(third.err()).isEqualTo(ExitCodes.OK);
    assertThat(siem.requests).as("still unreachable is not news").hasSize(1);
    assertThat(chat.requests).hasSize(1);
    assertThat(third.out()).contains("Alertes : 0 nouvelle cette nuit");
  }

  @Test
  void shouldSayWhichChannelTookTheTestMessageAndWhichDidNot() throws Exception {
    Path alerts = config("fr");
    chat.answer(500);

    CliTest.Run test = vigie("alerts", "test", "--alerts", alerts.toString());

    assertThat(test.code()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(test.out())
        .contains("ok      siem (json, http://127.0.0.1:" + siem.port())
        .contains("ÉCHEC   salon (text, http://127.0.0.1:" + chat.port())
        .contains("HTTP 500")
        .doesNotContain("jeton-secret-du-salon");
    JsonNode probe = Json.MAPPER.readTree(siem.requests.get(0).body());
    assertThat(probe.path("schema").asText()).isEqualTo("vigie-alerts/1");
    assertThat(probe.path("test").asBoolean()).isTrue();
    assertThat(probe.path("text").asText()).isEqualTo("[vigie] Message d'essai des alertes");
    assertThat(Json.MAPPER.readTree(chat.requests.get(0).body()).path("text").asText())
        .isEqualTo("[vigie] Message d'essai des alertes");
    assertThat(dir.resolve("v.db")).as("a test touches no database").doesNotExist();

    CliTest.Run again = vigie("alerts", "test", "--alerts", alerts.toString());
    assertThat(again.code()).as(again.out()).isEqualTo(ExitCodes.OK);
    assertThat(again.out()).doesNotContain("ÉCHEC");
  }

  @Test
  void shouldSayWhatARenamedChannelStillOwesUntilItIsGivenUp() throws Exception {
    Path alerts = config("fr");
    night(alerts);
    chat.answer(500, 500);
    CliTest.Run failing = night(alerts, "--variant", "nuit-2");
    assertThat(failing.err())
        .as("Vaurive's message refused twice; Refuge-sur-Mer's, next, taken")
        .contains("3 alert(s) not delivered after 2 attempts (HTTP 500");
    assertThat(chat.requests).hasSize(3);

    // The CSIRT renames the channel the same morning: what "salon" owed is not lost in silence.
    Files.writeString(alerts, Files.readString(alerts).replace("name: salon", "name: equipe"));
    CliTest.Run renamed = night(alerts, "--variant", "nuit-2");
    assertThat(renamed.code()).as(renamed.err()).isEqualTo(NightlyCommand.ALERTS_PENDING);
    assertThat(renamed.err())
        .contains("3 alert(s) still owed by channel 'salon', which " + alerts + " no longer has");
    assertThat(chat.requests).as("nothing old is sent again under the new name").hasSize(3);
    CliTest.Run pending = vigie("alerts", "pending", "--db", dir.resolve("v.db").toString());
    assertThat(pending.out()).contains("3 alerte(s) en attente").contains("salon  scan 2  99401");

    CliTest.Run forget = vigie(
        "alerts", "forget", "--channel", "salon", "--db", dir.resolve("v.db").toString());
    assertThat(forget.code()).isEqualTo(ExitCodes.OK);
    assertThat(forget.out()).contains("3 alerte(s) en attente sur « salon » abandonnée(s)");
    CliTest.Run after = night(alerts, "--variant", "nuit-2");
    assertThat(after.code()).as(after.err()).isEqualTo(ExitCodes.OK);
    assertThat(after.err()).doesNotContain("still owed");
    assertThat(chat.requests).hasSize(3);
    assertThat(siem.requests).as("the SIEM took each commune's alerts once").hasSize(2);
  }
}
