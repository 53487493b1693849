package fr.vigie.alert;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.CheckCatalogue;
import fr.vigie.inventory.Commune;
import fr.vigie.model.Severity;
import fr.vigie.report.Words;
import fr.vigie.store.AlertOutbox;
import fr.vigie.store.Json;
import fr.vigie.store.ScanLog;
import fr.vigie.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryTest {

  @TempDir
  Path dir;

  /** A channel that records what it is given and refuses the first {@code failures} sends. */
  static final class Fake implements Channel {
    final List<AlertMessages.Batch> sent = new ArrayList<>();
    int failures;

    @Override
    public String id() {
      return "fake";
    }

    @Override
    public String shown() {
      return "fake";
    }

    @Override
    public Severity threshold() {
      return Severity.HIGH;
    }

    @Override
    public void send(AlertMessages.Batch batch) throws IOException {
      if (failures-- > 0) {
        throw new IOException("HTTP 503");
      }
      sent.add(batch);
    }

    @Override
    public void test() {}
  }

  private static Alert alert(String insee, String key, String severity) {
    var finding = Json.MAPPER
        .createObjectNode()
        .put("key", key)
        .put("check", "service.rdp.exposed")
        .put("severity", severity)
        .put("asset", "192.0.2.1:3389")
        .put("title", "Bureau à distance (RDP) ouvert sur Internet");
    return new Alert(
        Alert.FINDING,
        severity,
        new Alert.Commune(insee, insee, "Commune " + insee, List.of()),
        new Alert.Scan(1, "2026-12-04T02:15:00Z"),
        "2026-12-04T02:16:00Z",
        null,
        finding,
        null);
  }

  private static AlertConfig config(boolean digest) {
    return new AlertConfig(
        CheckCatalogue.Lang.FR,
        Severity.HIGH,
        true,
        digest,
        3,
        Duration.ofMillis(10),
        null,
        List.of(),
        List.of());
  }

  @Test
  void shouldSendOneDigestRetryingWithADoublingPauseAndNeverTwice() throws Exception {
    try (Store store = Store.open(dir.resolve("v.db"), true)) {
      new ScanLog(store)
          .createScan(
              Instant.parse("2026-12-04T02:15:00Z"),
              "nightly",
              List.of(
                  new Commune("99001", "A", List.of("a.test")),
                  new Commune("99002", "B", List.of("b.test"))));
      Fake fake = new Fake();
      fake.failures = 2;
      List<Duration> pauses = new ArrayList<>();
      StringWriter log = new StringWriter();
      Delivery d = new Delivery(
          new AlertOutbox(store),
          List.of(fake),
          config(true),
          Clock.fixed(Instant.parse("2026-12-04T03:00:00Z"), ZoneOffset.UTC),
          pauses::add,
          new PrintWriter(log));
      List<Alert> night = List.of(
          alert("99001", "k1", "critical"),
          alert("99002", "k2", "high"),
          alert("99002", "k3", "medium"));

      assertThat(d.enqueue(night)).isEqualTo(new Delivery.Enqueued(2, 2));
      Delivery.Outcome out = d.deliver();

      assertThat(out.complete()).isTrue();
      assertThat(fake.sent).hasSize(1);
      assertThat(fake.sent.get(0).digest()).isTrue();
      assertThat(fake.sent.get(0).alerts())
          .extracting(a -> a.finding().path("key").asText())
          .containsExactly("k1", "k2");
      assertThat(pauses).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
      assertThat(log.toString()).contains("attempt 1 of 3 failed (HTTP 503)");
      AlertMessages m = new AlertMessages(Words.of(CheckCatalogue.Lang.FR));
      assertThat(m.subject(fake.sent.get(0)))
          .isEqualTo("[vigie] Nuit du 4 décembre 2026 : 2 communes, 2 nouveaux constats"
              + " (1 critique)");

      assertThat(d.enqueue(night))
          .as("the same night again")
          .isEqualTo(new Delivery.Enqueued(0, 0));
      assertThat(d.deliver().messages()).isZero();
      assertThat(fake.sent).hasSize(1);
    }
  }
}
