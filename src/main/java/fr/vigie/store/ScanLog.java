package fr.vigie.store;

import fr.vigie.inventory.Commune;
import fr.vigie.model.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scan log: a scan's creation, the communes it covers and their state, its end, and what an
 * interrupted scan left for {@code --resume}. Thread-safe.
 */
public final class ScanLog {

  /** How far back {@link #lastDurations} looks. */
  static final int TIMED_SCANS = 10;

  private final Store store;

  public ScanLog(Store store) {
    this.store = store;
  }

  /** Creates a running scan covering these communes, all pending; returns its id. */
  public long createScan(Instant started, String arguments, List<Commune> communes) {
    return createScan(started, arguments, List.of(), communes);
  }

  /** @param narrowed the options that left something out of the scan ({@code --no-paths}…) */
  public long createScan(
      Instant started, String arguments, List<String> narrowed, List<Commune> communes) {
    return store.writer().call(c -> {
      long id;
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO scans (started, status, tool_version, arguments, pid, pid_started, narrowed,"
              + " host) VALUES (?, 'running', ?, ?, ?, ?, ?, ?) RETURNING id")) {
        p.setString(1, started.toString());
        p.setString(2, fr.vigie.Version.get());
        p.setString(3, arguments);
        p.setLong(4, ProcessHandle.current().pid());
        p.setString(
            5,
            ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(null));
        p.setString(6, Json.write(narrowed));
        p.setString(7, Store.HOST);
        try (ResultSet keys = p.executeQuery()) {
          keys.next();
          id = keys.getLong(1);
        }
      }
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO scan_communes (scan_id, commune_id, seeds, status) VALUES (?, ?, ?, 'pending')")) {
        for (Commune commune : communes) {
          p.setLong(1, id);
          p.setLong(2, CommuneWriter.communeId(c, commune));
          p.setString(3, Json.write(commune.seeds()));
          p.addBatch();
        }
        p.executeBatch();
      }
      return id;
    });
  }

  /** The keys of the communes a scan finished. */
  public Set<String> doneCommunes(long scanId) {
    Set<String> out = new HashSet<>();
    for (ScanCommune c : communes(scanId)) {
      if (c.status().equals("done")) {
        out.add(c.key());
      }
    }
    return out;
  }

  /** Marks an interrupted scan running again, in this process. */
  public void reopenScan(long scanId) {
    store.writer().call(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE scans SET status = 'running', finished = NULL, pid = ?, pid_started = ? WHERE id = ?")) {
        p.setLong(1, ProcessHandle.current().pid());
        p.setString(
            2,
            ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(null));
        p.setLong(3, scanId);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE scan_communes SET status = 'pending', finished = NULL WHERE scan_id = ? AND status = 'failed'")) {
        p.setLong(1, scanId);
        p.executeUpdate();
      }
      return null;
    });
  }

  /**
   * The newest interrupted scan that covers exactly these communes, if any: what {@code --resume}
   * continues.
   */
  public Optional<Long> interruptedScanOf(List<Commune> communes) {
    Set<String> wanted = new HashSet<>();
    communes.forEach(c -> wanted.add(c.key()));
    List<ScanRecord> scans = new ArrayList<>(listScans());
    Collections.reverse(scans);
    for (ScanRecord s : scans) {
      if (!s.status().equals("interrupted")) {
        continue;
      }
      Set<String> covered = new HashSet<>();
      communes(s.id()).forEach(c -> covered.add(c.key()));
      if (covered.equals(wanted)) {
        return Optional.of(s.id());
      }
    }
    return Optional.empty();
  }

  public void finishScan(long scanId, String status, Instant finished) {
    store.writer().call(c -> {
      try (PreparedStatement p =
          c.prepareStatement("UPDATE scans SET status = ?, finished = ? WHERE id = ?")) {
        p.setString(1, status);
        p.setString(2, finished.toString());
        p.setLong(3, scanId);
        p.executeUpdate();
      }
      return null;
    });
  }

  // ---- reads, on their own read-only connections ----
  public List<ScanRecord> listScans() {
    String coverage = store.dialect().jsonText("sc.coverage", "status");
    return store.read("scans from " + store.location().shown(), c -> {
      List<ScanRecord> scans = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "SELECT s.id, s.started, s.finished, s.status, s.tool_version, s.arguments,"
                  + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id),"
                  + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id AND sc.status = 'done'),"
                  + " (SELECT count(*) FROM scan_assets sa JOIN assets a ON a.id = sa.asset_id"
                  + "   WHERE sa.scan_id = s.id AND a.kind = 'host'),"
                  + " s.narrowed,"
                  + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id AND "
                  + coverage
                  + " = 'complete'),"
                  + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id AND "
                  + coverage
                  + " = 'partial'),"
                  + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id"
                  + "   AND (" + coverage
                  + " = 'unreachable' OR (sc.coverage IS NULL AND sc.status = 'failed')))"
                  + " FROM scans s ORDER BY s.id")) {
        while (rs.next()) {
          long id = rs.getLong(1);
          scans.add(new ScanRecord(
              id,
              Instant.parse(rs.getString(2)),
              rs.getString(3) == null ? null : Instant.parse(rs.getString(3)),
              // A scan whose process is gone, read without writing: interrupted.
              "running".equals(rs.getString(4)) && store.abandoned(id)
                  ? "interrupted"
                  : rs.getString(4),
              rs.getString(5),
              rs.getString(6),
              rs.getInt(7),
              rs.getInt(8),
              rs.getInt(9),
              severityCounts(c, id),
              narrowed(rs.getString(10)),
              rs.getInt(11),
              rs.getInt(12),
              rs.getInt(13)));
        }
      }
      return scans;
    });
  }

  @SuppressWarnings("unchecked")
  private static List<String> narrowed(String json) {
    return json == null ? null : (List<String>) Json.read(json, List.class);
  }

  public Optional<ScanRecord> scan(long id) {
    return listScans().stream().filter(s -> s.id() == id).findFirst();
  }

  /** One commune of a scan, by its key. */
  public Optional<ScanCommune> commune(long scanId, String key) {
    return store.read("scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT co.id, co.key, co.insee, co.name, sc.seeds, sc.status FROM scan_communes sc"
              + " JOIN communes co ON co.id = sc.commune_id WHERE sc.scan_id = ? AND co.key = ?")) {
        p.setLong(1, scanId);
        p.setString(2, key);
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          @SuppressWarnings("unchecked")
          List<String> seeds = Json.read(rs.getString(5), List.class);
          return Optional.of(new ScanCommune(
              rs.getLong(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              seeds,
              rs.getString(6)));
        }
      }
    });
  }

  private static Map<Severity, Integer> severityCounts(Connection c, long scanId)
      throws SQLException {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    try (PreparedStatement p = c.prepareStatement(
        "SELECT severity, count(*) FROM findings WHERE scan_id = ? GROUP BY severity")) {
      p.setLong(1, scanId);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          counts.put(Severity.parse(rs.getString(1)), rs.getInt(2));
        }
      }
    }
    return counts;
  }

  public List<ScanCommune> communes(long scanId) {
    return store.read("scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT co.id, co.key, co.insee, co.name, sc.seeds, sc.status FROM scan_communes sc"
              + " JOIN communes co ON co.id = sc.commune_id WHERE sc.scan_id = ? ORDER BY co.key")) {
        p.setLong(1, scanId);
        List<ScanCommune> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            @SuppressWarnings("unchecked")
            List<String> seeds = Json.read(rs.getString(5), List.class);
            out.add(new ScanCommune(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                seeds,
                rs.getString(6)));
          }
        }
        return out;
      }
    });
  }

  /**
   * How long each commune's scan took the last time it was timed (started and finished, any
   * status but pending) in the last {@value #TIMED_SCANS} scans, by commune key; the others are
   * absent. Only recent scans: a year of nightly sweeps is millions of rows.
   */
  public Map<String, Duration> lastDurations() {
    return store.read("scans", c -> {
      Map<String, Duration> out = new HashMap<>();
      try (PreparedStatement p =
              c.prepareStatement("SELECT co.key, sc.started, sc.finished FROM scan_communes sc"
                  + " JOIN communes co ON co.id = sc.commune_id"
                  + " WHERE sc.started IS NOT NULL AND sc.finished IS NOT NULL AND sc.status <> 'pending'"
                  + " AND sc.scan_id IN (SELECT id FROM scans ORDER BY id DESC LIMIT " + TIMED_SCANS
                  + ")"
                  + " ORDER BY sc.scan_id");
          ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          try {
            out.put(
                rs.getString(1),
                Duration.between(Instant.parse(rs.getString(2)), Instant.parse(rs.getString(3))));
          } catch (java.time.format.DateTimeParseException e) {
            // a time written by hand or by another tool: that commune is simply not timed
          }
        }
      }
      return out;
    });
  }

  /**
   * Each commune of scan {@code scanId}, in that scan and the earlier ones that looked at it,
   * oldest first, at most {@code limit} of them: three grouped reads for the whole scan, not
   * three a commune.
   */
  public Map<String, List<CommuneHistory>> history(long scanId, int limit) {
    return store.read("history up to scan " + scanId, c -> {
      String communes = " IN (SELECT commune_id FROM scan_communes WHERE scan_id = ?)";
      Map<String, Map<Severity, Integer>> found = new HashMap<>();
      Map<String, Integer> unknown = new HashMap<>();
      try (PreparedStatement p =
          c.prepareStatement("SELECT scan_id, commune_id, severity, count(*) FROM findings"
              + " WHERE scan_id <= ? AND commune_id" + communes
              + " GROUP BY scan_id, commune_id, severity")) {
        p.setLong(1, scanId);
        p.setLong(2, scanId);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            found
                .computeIfAbsent(
                    rs.getLong(1) + "/" + rs.getLong(2), k -> new EnumMap<>(Severity.class))
                .put(Severity.parse(rs.getString(3)), rs.getInt(4));
          }
        }
      }
      try (PreparedStatement p =
          c.prepareStatement("SELECT scan_id, commune_id, count(*) FROM carried_findings"
              + " WHERE scan_id <= ? AND commune_id" + communes
              + " GROUP BY scan_id, commune_id")) {
        p.setLong(1, scanId);
        p.setLong(2, scanId);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            unknown.put(rs.getLong(1) + "/" + rs.getLong(2), rs.getInt(3));
          }
        }
      }
      Map<String, List<CommuneHistory>> out = new HashMap<>();
      try (PreparedStatement p =
          c.prepareStatement("SELECT co.key, sc.scan_id, sc.commune_id, s.started, sc.status,"
              + " " + store.dialect().jsonText("sc.coverage", "status")
              + " FROM scan_communes sc JOIN scans s ON s.id = sc.scan_id"
              + " JOIN communes co ON co.id = sc.commune_id"
              + " WHERE sc.scan_id <= ? AND sc.status IN ('done', 'failed') AND sc.commune_id"
              + communes + " ORDER BY sc.scan_id")) {
        p.setLong(1, scanId);
        p.setLong(2, scanId);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            String at = rs.getLong(2) + "/" + rs.getLong(3);
            String coverage = rs.getString(6);
            if (coverage == null && "failed".equals(rs.getString(5))) {
              coverage = "unreachable";
            }
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new CommuneHistory(
                    rs.getLong(2),
                    Instant.parse(rs.getString(4)),
                    coverage,
                    found.getOrDefault(at, Map.of()),
                    unknown.getOrDefault(at, 0)));
          }
        }
      }
      out.replaceAll((k, v) -> List.copyOf(v.subList(Math.max(0, v.size() - limit), v.size())));
      return out;
    });
  }

  /** The newest completed scan before {@code scanId} in which this commune was scanned. */
  public Optional<Long> previousScan(long scanId, String communeKey) {
    return maxId(
        "SELECT max(s.id) FROM scans s JOIN scan_communes sc ON sc.scan_id = s.id"
            + " JOIN communes co ON co.id = sc.commune_id"
            + " WHERE s.id < ? AND s.status = 'completed' AND co.key = ?"
            + " AND (sc.status = 'done' OR (sc.status = 'failed' AND sc.coverage IS NOT NULL))",
        scanId,
        communeKey);
  }

  /** The newest completed scan, if any. */
  public Optional<Long> latestCompletedScanId() {
    return maxId("SELECT max(id) FROM scans WHERE status = 'completed'");
  }

  /** The newest scan id, or empty when the database has none. */
  public Optional<Long> latestScanId() {
    return maxId("SELECT max(id) FROM scans");
  }

  /** The id a {@code SELECT max(id)} query gives, empty when it gives none. */
  private Optional<Long> maxId(String sql, Object... params) {
    return store.read("scans", c -> {
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          p.setObject(i + 1, params[i]);
        }
        try (ResultSet rs = p.executeQuery()) {
          long id = rs.next() ? rs.getLong(1) : 0;
          return id == 0 ? Optional.<Long>empty() : Optional.of(id);
        }
      }
    });
  }
}
