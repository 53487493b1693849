package fr.vigie.alert;

import fr.vigie.store.AlertOutbox;
import fr.vigie.store.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a night's alerts to the outbox, one row per channel that wants each, then sends what
 * every channel owes (tonight's and what earlier nights could not deliver): per commune, or as
 * one digest where the channel allows it. A message is tried {@code attempts} times with a
 * doubling pause; a channel that still refuses keeps its alerts, with the error, for next time.
 */
public final class Delivery {

  /** How the sending went, for the night's summary and its exit code. */
  public record Outcome(int sent, int messages, int pending, List<String> failures) {
    public boolean complete() {
      return failures.isEmpty();
    }
  }

  /** Pauses between attempts; tests replace it to count the pauses and not wait. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final AlertOutbox outbox;
  private final List<Channel> channels;
  private final AlertConfig config;
  private final Clock clock;
  private final Sleeper sleeper;
  private final PrintWriter log;

  public Delivery(
      AlertOutbox outbox,
      List<Channel> channels,
      AlertConfig config,
      Clock clock,
      Sleeper sleeper,
      PrintWriter log) {
    this.outbox = outbox;
    this.channels = List.copyOf(channels);
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
    this.log = log;
  }

  /** What a night wrote to the outbox: alerts never written before, and their deliveries. */
  public record Enqueued(int alerts, int deliveries) {}

  /** Writes the alerts each channel wants; counts only what was not already owed or sent. */
  public Enqueued enqueue(List<Alert> alerts) {
    List<AlertOutbox.Entry> entries = new ArrayList<>();
    for (Channel ch : channels) {
      for (Alert a : alerts) {
        if (ch.wants(a)) {
          entries.add(new AlertOutbox.Entry(
              ch.id(),
              a.scan().id(),
              a.commune().key(),
              a.key(),
              a.since() == null ? a.scan().started() : a.since(),
              a.severity(),
              Json.write(a)));
        }
      }
    }
    List<AlertOutbox.Entry> added = outbox.enqueue(entries, clock.instant());
    long distinct = added.stream()
        .map(e -> e.communeKey() + "|" + e.alertKey() + "|" + e.since())
        .distinct()
        .count();
    return new Enqueued((int) distinct, added.size());
  }

  /**
   * Alerts still owed by channels the configuration no longer has (renamed, removed), by name:
   * a channel is remembered by its name, and these would otherwise wait silently for ever.
   */
  public java.util.SortedMap<String, Integer> orphaned() {
    java.util.Set<String> known = new java.util.HashSet<>();
    channels.forEach(ch -> known.add(ch.id()));
    java.util.SortedMap<String, Integer> out = new java.util.TreeMap<>();
    outbox.unsent().stream()
        .filter(r -> !known.contains(r.channel()))
        .forEach(r -> out.merge(r.channel(), 1, Integer::sum));
    return out;
  }

  /** Sends everything the channels owe. */
  public Outcome deliver() throws InterruptedException {
    int sent = 0;
    int messages = 0;
    int pending = 0;
    List<String> failures = new ArrayList<>();
    for (Channel ch : channels) {
      List<AlertOutbox.Row> rows = outbox.pending(ch.id());
      if (rows.isEmpty()) {
        continue;
      }
      Map<String, List<AlertOutbox.Row>> groups = new LinkedHashMap<>();
      boolean digest = config.digest() && ch.digestible();
      for (AlertOutbox.Row r : rows) {
        groups
            .computeIfAbsent(digest ? "" : r.communeKey(), k -> new ArrayList<>())
            .add(r);
      }
      for (List<AlertOutbox.Row> group : groups.values()) {
        List<Alert> alerts = new ArrayList<>();
        for (AlertOutbox.Row r : group) {
          try {
            alerts.add(Json.MAPPER.readValue(r.payload(), Alert.class));
          } catch (IOException e) {
            throw new IllegalStateException(
                "alert " + r.id() + " in the database is unreadable: " + e.getMessage(), e);
          }
        }
        List<Long> ids = group.stream().map(AlertOutbox.Row::id).toList();
        AlertMessages.Batch batch = new AlertMessages.Batch(alerts, digest);
        String error = null;
        int attempt = 0;
        Duration pause = config.backoff();
        while (attempt < config.attempts()) {
          attempt++;
          try {
            ch.send(batch);
            error = null;
            break;
          } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (attempt < config.attempts()) {
              log.println("vigie: " + ch.shown() + ": attempt " + attempt + " of "
                  + config.attempts() + " failed (" + error + "); again in " + pause.toMillis()
                  + " ms");
              log.flush();
              sleeper.sleep(pause);
              pause = pause.multipliedBy(2);
            }
          }
        }
        if (error == null) {
          outbox.markSent(ids, attempt, clock.instant());
          sent += ids.size();
          messages++;
        } else {
          outbox.markFailed(ids, attempt, error);
          pending += ids.size();
          failures.add(ch.shown() + ": " + error);
          log.println("vigie: " + ch.shown() + ": " + ids.size() + " alert(s) not delivered after "
              + attempt + " attempts (" + error + "); kept in the database for the next run");
          log.flush();
        }
      }
    }
    return new Outcome(sent, messages, pending, List.copyOf(failures));
  }
}
