package fr.vigie.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The alerts a nightly run owes, by channel, and the nights that ran. An alert is written before a
 * channel is tried and marked sent only once the channel took it, so a channel that is down keeps
 * it for the next night, and a row that exists is never written again: the same finding, first
 * seen at the same time, is sent once per channel whatever reruns.
 */
public final class AlertOutbox {

  /** One alert owed to one channel; {@code payload} is the alert as the alert package wrote it. */
  public record Row(
      long id,
      String channel,
      long scanId,
      String communeKey,
      String alertKey,
      String since,
      String severity,
      String payload,
      int attempts,
      String lastError,
      String sent) {}

  /** What to write: the channel and identity of an alert, and its payload. */
  public record Entry(
      String channel,
      long scanId,
      String communeKey,
      String alertKey,
      String since,
      String severity,
      String payload) {}

  private final Store store;

  public AlertOutbox(Store store) {
    this.store = store;
  }

  /** Writes the entries not already known (sent or not); returns those that were new. */
  public List<Entry> enqueue(Collection<Entry> entries, Instant now) {
    if (entries.isEmpty()) {
      return List.of();
    }
    return store.writer().call(c -> {
      List<Entry> added = new ArrayList<>();
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO alerts (channel, scan_id, commune_key, alert_key, since, severity, payload,"
              + " created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
              + " ON CONFLICT (channel, commune_key, alert_key, since) DO NOTHING")) {
        for (Entry e : entries) {
          p.setString(1, e.channel());
          p.setLong(2, e.scanId());
          p.setString(3, e.communeKey());
          p.setString(4, e.alertKey());
          p.setString(5, e.since());
          p.setString(6, e.severity());
          p.setString(7, e.payload());
          p.setString(8, now.toString());
          if (p.executeUpdate() > 0) {
            added.add(e);
          }
        }
      }
      return added;
    });
  }

  /** The alerts not yet sent on this channel, oldest first. */
  public List<Row> pending(String channel) {
    return rows("WHERE channel = ? AND sent IS NULL ORDER BY id", channel);
  }

  /** Every alert of a scan, sent or not, in the order they were written. */
  public List<Row> ofScan(long scanId) {
    return rows("WHERE scan_id = ? ORDER BY id", scanId);
  }

  /** Every alert not yet sent, on any channel. */
  public List<Row> unsent() {
    return rows("WHERE sent IS NULL ORDER BY id");
  }

  public void markSent(Collection<Long> ids, int attempts, Instant when) {
    update(
        "UPDATE alerts SET sent = ?, attempts = attempts + ?, last_error = NULL WHERE id = ?",
        ids,
        when.toString(),
        attempts);
  }

  public void markFailed(Collection<Long> ids, int attempts, String error) {
    update(
        "UPDATE alerts SET attempts = attempts + ?, last_error = ? WHERE id = ?",
        ids,
        attempts,
        error);
  }

  /**
   * Gives up what a channel still owes (one removed from the configuration on purpose): its
   * unsent alerts are deleted, what it was sent is kept. Returns how many were given up.
   */
  public int forget(String channel) {
    return store.writer().call(c -> {
      try (PreparedStatement p =
          c.prepareStatement("DELETE FROM alerts WHERE channel = ? AND sent IS NULL")) {
        p.setString(1, channel);
        return p.executeUpdate();
      }
    });
  }

  /** Records that the night of this scan ran to its end (its alerts are written). */
  public void nightDone(long scanId, Instant finished, String site) {
    store.writer().call(c -> {
      try (PreparedStatement p =
          c.prepareStatement("INSERT INTO nightly_runs (scan_id, finished, site) VALUES (?, ?, ?)"
              + " ON CONFLICT (scan_id) DO UPDATE SET finished = excluded.finished,"
              + " site = excluded.site")) {
        p.setLong(1, scanId);
        p.setString(2, finished.toString());
        p.setString(3, site);
        p.executeUpdate();
      }
      return null;
    });
  }

  /** The newest night before {@code scanId} that ran to its end: the previous night. */
  public Optional<Long> previousNight(long scanId) {
    return store.read("nightly runs", c -> {
      try (PreparedStatement p =
          c.prepareStatement("SELECT max(scan_id) FROM nightly_runs WHERE scan_id < ?")) {
        p.setLong(1, scanId);
        try (ResultSet rs = p.executeQuery()) {
          long id = rs.next() ? rs.getLong(1) : 0;
          return id == 0 ? Optional.<Long>empty() : Optional.of(id);
        }
      }
    });
  }

  private void update(String sql, Collection<Long> ids, Object first, Object second) {
    if (ids.isEmpty()) {
      return;
    }
    store.writer().call(c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (long id : ids) {
          p.setObject(1, first);
          p.setObject(2, second);
          p.setLong(3, id);
          p.executeUpdate();
        }
      }
      return null;
    });
  }

  private List<Row> rows(String where, Object... params) {
    return store.read("alerts", c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT id, channel, scan_id, commune_key, alert_key, since, severity, payload,"
              + " attempts, last_error, sent FROM alerts " + where)) {
        for (int i = 0; i < params.length; i++) {
          p.setObject(i + 1, params[i]);
        }
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.add(new Row(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getInt(9),
                rs.getString(10),
                rs.getString(11)));
          }
        }
        return out;
      }
    });
  }
}
