package fr.vigie.store;

import fr.vigie.model.CommuneResult;
import fr.vigie.model.CarriedFinding;
import fr.vigie.observation.Asset;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.model.TlsGrade;
import fr.vigie.coverage.Coverage;
import fr.vigie.diff.Snapshot;
import fr.vigie.model.HttpGrade;
import fr.vigie.fingerprint.Detection;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.inventory.Commune;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scans, communes, assets, observations and findings in the {@link Store}. Thread-safe. */
public final class ScanRepository {

  /** A commune as covered by a stored scan. */
  public record ScanCommune(long id, String key, String insee, String name, List<String> seeds, String status) {}

  private final Store store;

  public ScanRepository(Store store) {
    this.store = store;
  }

  /** Creates a running scan covering these communes, all pending; returns its id. */
  public long createScan(Instant started, String arguments, List<Commune> communes) {
    return createScan(started, arguments, List.of(), communes);
  }

  /** @param narrowed the options that left something out of the scan ({@code --no-paths}…) */
  public long createScan(Instant started, String arguments, List<String> narrowed, List<Commune> communes) {
    return store.writer().call(
        c -> {
          long id;
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO scans (started, status, tool_version, arguments, pid, pid_started, narrowed)"
                      + " VALUES (?, 'running', ?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            p.setString(1, started.toString());
            p.setString(2, fr.vigie.Version.get());
            p.setString(3, arguments);
            p.setLong(4, ProcessHandle.current().pid());
            p.setString(5, ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(null));
            p.setString(6, Json.write(narrowed));
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO scan_communes (scan_id, commune_id, seeds, status) VALUES (?, ?, ?, 'pending')")) {
            for (Commune commune : communes) {
              p.setLong(1, id);
              p.setLong(2, communeId(c, commune));
              p.setString(3, Json.write(commune.seeds()));
              p.addBatch();
            }
            p.executeBatch();
          }
          return id;
        });
  }

  /** The keys of the communes a scan finished. */
  public java.util.Set<String> doneCommunes(long scanId) {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (ScanCommune c : communes(scanId)) {
      if (c.status().equals("done")) {
        out.add(c.key());
      }
    }
    return out;
  }

  /** Marks an interrupted scan running again, in this process. */
  public void reopenScan(long scanId) {
    store.writer().call(
        c -> {
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE scans SET status = 'running', finished = NULL, pid = ?, pid_started = ? WHERE id = ?")) {
            p.setLong(1, ProcessHandle.current().pid());
            p.setString(2, ProcessHandle.current().info().startInstant().map(Instant::toString).orElse(null));
            p.setLong(3, scanId);
            p.executeUpdate();
          }
          try (PreparedStatement p =
              c.prepareStatement("UPDATE scan_communes SET status = 'pending', finished = NULL WHERE scan_id = ? AND status = 'failed'")) {
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
    java.util.Set<String> wanted = new java.util.HashSet<>();
    communes.forEach(c -> wanted.add(c.key()));
    List<ScanRecord> scans = new ArrayList<>(listScans());
    java.util.Collections.reverse(scans);
    for (ScanRecord s : scans) {
      if (!s.status().equals("interrupted")) {
        continue;
      }
      java.util.Set<String> covered = new java.util.HashSet<>();
      communes(s.id()).forEach(c -> covered.add(c.key()));
      if (covered.equals(wanted)) {
        return Optional.of(s.id());
      }
    }
    return Optional.empty();
  }

  /** Queues a commune's results; they are committed together with its "done" mark. */
  public void saveCommune(long scanId, CommuneResult result, Instant observed) {
    store.writer().submit(c -> {
      writeCommune(c, scanId, result, observed);
      return null;
    });
  }

  /**
   * Records that a commune could not be scanned (its scan threw), so that it is not taken for a
   * clean one: its coverage says unreachable and why, and what earlier scans had is carried,
   * unknown. It stays {@code failed}, so that {@code --resume} tries it again.
   */
  public void markCommuneFailed(long scanId, Commune commune, Instant when, Coverage coverage,
      List<CarriedFinding> carried, java.util.Set<String> carriedAssets) {
    store.writer().submit(
        c -> {
          long communeId = communeId(c, commune);
          clearCommune(c, scanId, communeId);
          writeCarried(c, scanId, communeId, coverage, carried, carriedAssets);
          try (PreparedStatement p =
              c.prepareStatement(
                  "UPDATE scan_communes SET status = 'failed', finished = ? WHERE scan_id = ? AND commune_id = ?")) {
            p.setString(1, when.toString());
            p.setLong(2, scanId);
            p.setLong(3, communeId);
            p.executeUpdate();
          }
          return null;
        });
  }

  /** The eight columns a finding shares in {@code findings} and {@code carried_findings}. */
  private static void bindFinding(PreparedStatement p, long scanId, long communeId, Finding f) throws SQLException {
    p.setLong(1, scanId);
    p.setLong(2, communeId);
    p.setString(3, f.key());
    p.setString(4, f.check());
    p.setString(5, f.severity().id());
    p.setString(6, f.asset());
    p.setString(7, f.subject());
    p.setString(8, f.evidence());
  }

  /** A commune retried by --resume: what its failed attempt wrote goes first. */
  private static void clearCommune(Connection c, long scanId, long communeId) throws SQLException {
    for (String table : List.of("carried_findings", "findings", "observations", "host_grades", "host_technologies")) {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM " + table + " WHERE scan_id = ? AND commune_id = ?")) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        p.executeUpdate();
      }
    }
  }

  private static void writeCarried(Connection c, long scanId, long communeId, Coverage coverage,
      List<CarriedFinding> carried, java.util.Set<String> carriedAssets) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT OR REPLACE INTO carried_findings (scan_id, commune_id, key, check_id, severity, asset, subject, evidence, reason)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (CarriedFinding u : carried) {
        bindFinding(p, scanId, communeId, u.finding());
        p.setString(9, u.reason());
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO coverage_lists (digest, items) VALUES (?, ?)")) {
      for (Map.Entry<String, List<String>> e : coverage.lists().entrySet()) {
        p.setString(1, e.getKey());
        p.setString(2, Json.write(e.getValue()));
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p =
        c.prepareStatement("UPDATE scan_communes SET coverage = ?, carried_assets = ? WHERE scan_id = ? AND commune_id = ?")) {
      p.setString(1, Json.write(coverage));
      p.setString(2, Json.write(new java.util.TreeSet<>(carriedAssets)));
      p.setLong(3, scanId);
      p.setLong(4, communeId);
      p.executeUpdate();
    }
  }

  public void finishScan(long scanId, String status, Instant finished) {
    store.writer().call(
        c -> {
          try (PreparedStatement p = c.prepareStatement("UPDATE scans SET status = ?, finished = ? WHERE id = ?")) {
            p.setString(1, status);
            p.setString(2, finished.toString());
            p.setLong(3, scanId);
            p.executeUpdate();
          }
          return null;
        });
  }

  private static void writeCommune(Connection c, long scanId, CommuneResult result, Instant observed)
      throws SQLException {
    Commune commune = result.discovery().commune();
    long communeId = communeId(c, commune);
    String when = observed.toString();
    clearCommune(c, scanId, communeId);
    writeCarried(c, scanId, communeId, result.coverage(), result.carried(), result.carriedAssets());
    for (DomainObservation d : result.discovery().domains()) {
      long asset = upsertAsset(c, communeId, "domain", d.domain(), scanId, when);
      scanAsset(c, scanId, asset, Map.of());
      observation(c, scanId, communeId, d.domain(), "dns.domain", when, Json.write(d));
    }
    for (HostObservation h : result.discovery().hosts()) {
      if (h.inScope()) {
        long asset = upsertAsset(c, communeId, "host", h.name(), scanId, when);
        scanAsset(c, scanId, asset, Map.of("sources", h.sources(), "inScope", true));
        for (HostObservation.Address a : h.addresses()) {
          long address = upsertAsset(c, communeId, "address", a.address(), scanId, when);
          scanAsset(c, scanId, address, Map.of("category", a.category(), "probe", a.probe()));
        }
      }
      observation(c, scanId, communeId, h.name(), "dns.host", when, Json.write(h));
    }
    for (WebObservation w : result.web()) {
      observation(c, scanId, communeId, w.host(), "http.web", when, Json.write(w));
    }
    for (ServiceObservation o : result.services()) {
      observation(c, scanId, communeId, o.address(), "service", when, Json.write(o));
      for (ServiceObservation.Port p : o.ports()) {
        // An identified open service is an asset of its own: its first and last sighting is
        // what makes "RDP newly open on this address" visible the next morning.
        if (p.open() && !p.protocol().equals("unknown")) {
          long service = upsertAsset(c, communeId, "service", fr.vigie.coverage.Assets.service(o.address(), p), scanId, when);
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("protocol", p.protocol());
          details.put("product", p.product() == null ? "" : p.product());
          details.put("version", p.version() == null ? "" : p.version());
          details.put("hosts", o.hosts());
          scanAsset(c, scanId, service, details);
        }
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT OR REPLACE INTO host_grades (scan_id, commune_id, host, kind, grade, score, details) VALUES (?, ?, ?, 'http', ?, ?, ?)")) {
      for (Map.Entry<String, HttpGrade> g : result.httpGrades().entrySet()) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        p.setString(3, g.getKey());
        p.setString(4, g.getValue().grade());
        p.setInt(5, g.getValue().score());
        p.setString(6, Json.write(g.getValue().penalties()));
        p.addBatch();
      }
      p.executeBatch();
    }
    for (TlsObservation t : result.tls()) {
      observation(c, scanId, communeId, Asset.endpoint(t.host(), t.port()), "tls", when, Json.write(t));
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT OR REPLACE INTO host_grades (scan_id, commune_id, host, kind, grade, score, details) VALUES (?, ?, ?, 'tls', ?, 0, ?)")) {
      for (Map.Entry<String, TlsGrade> g : result.tlsGrades().entrySet()) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        p.setString(3, g.getKey());
        p.setString(4, g.getValue().grade());
        p.setString(5, Json.write(g.getValue()));
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT OR REPLACE INTO host_technologies (scan_id, commune_id, host, name, category, version, precision, confidence, details)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (TechObservation t : result.technologies()) {
        for (Detection d : t.technologies()) {
          p.setLong(1, scanId);
          p.setLong(2, communeId);
          p.setString(3, t.host());
          p.setString(4, d.name());
          p.setString(5, d.category());
          p.setString(6, d.version());
          p.setString(7, d.precision().name().toLowerCase(java.util.Locale.ROOT));
          p.setInt(8, d.confidence());
          p.setString(9, Json.write(d));
          p.addBatch();
        }
      }
      p.executeBatch();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT OR REPLACE INTO findings (scan_id, commune_id, key, check_id, severity, asset, subject, evidence)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Finding f : result.findings()) {
        bindFinding(p, scanId, communeId, f);
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE scan_communes SET status = 'done', finished = ? WHERE scan_id = ? AND commune_id = ?")) {
      p.setString(1, when);
      p.setLong(2, scanId);
      p.setLong(3, communeId);
      p.executeUpdate();
    }
  }

  private static long communeId(Connection c, Commune commune) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO communes (key, insee, name) VALUES (?, ?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET name = excluded.name RETURNING id")) {
      p.setString(1, commune.key());
      p.setString(2, commune.insee());
      p.setString(3, commune.name());
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  public List<ServiceObservation> services(long scanId, long communeId) {
    return observations(scanId, communeId, "service").stream().map(j -> Json.read(j, ServiceObservation.class)).toList();
  }

  private static long upsertAsset(Connection c, long communeId, String kind, String name, long scanId, String when)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO assets (commune_id, kind, name, first_seen_scan, last_seen_scan, first_seen, last_seen)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (commune_id, kind, name) DO UPDATE SET last_seen_scan = excluded.last_seen_scan,"
                + " last_seen = excluded.last_seen RETURNING id")) {
      p.setLong(1, communeId);
      p.setString(2, kind);
      p.setString(3, name);
      p.setLong(4, scanId);
      p.setLong(5, scanId);
      p.setString(6, when);
      p.setString(7, when);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void scanAsset(Connection c, long scanId, long assetId, Map<String, ?> details) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("INSERT OR REPLACE INTO scan_assets (scan_id, asset_id, details) VALUES (?, ?, ?)")) {
      p.setLong(1, scanId);
      p.setLong(2, assetId);
      p.setString(3, Json.write(details));
      p.executeUpdate();
    }
  }

  private static void observation(
      Connection c, long scanId, long communeId, String asset, String probe, String when, String json)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO observations (scan_id, commune_id, asset, probe, observed, data) VALUES (?, ?, ?, ?, ?, ?)")) {
      p.setLong(1, scanId);
      p.setLong(2, communeId);
      p.setString(3, asset);
      p.setString(4, probe);
      p.setString(5, when);
      p.setString(6, json);
      p.executeUpdate();
    }
  }

  // ---- reads, on their own read-only connections ----

  public List<ScanRecord> listScans() {
    try (Connection c = store.readConnection()) {
      List<ScanRecord> scans = new ArrayList<>();
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT s.id, s.started, s.finished, s.status, s.tool_version, s.arguments,"
                      + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id),"
                      + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id AND sc.status = 'done'),"
                      + " (SELECT count(*) FROM scan_assets sa JOIN assets a ON a.id = sa.asset_id"
                      + "   WHERE sa.scan_id = s.id AND a.kind = 'host'),"
                      + " s.narrowed,"
                      + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id AND json_extract(sc.coverage, '$.status') = 'complete'),"
                      + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id AND json_extract(sc.coverage, '$.status') = 'partial'),"
                      + " (SELECT count(*) FROM scan_communes sc WHERE sc.scan_id = s.id"
                      + "   AND (json_extract(sc.coverage, '$.status') = 'unreachable' OR (sc.coverage IS NULL AND sc.status = 'failed')))"
                      + " FROM scans s ORDER BY s.id")) {
        while (rs.next()) {
          long id = rs.getLong(1);
          scans.add(
              new ScanRecord(
                  id,
                  Instant.parse(rs.getString(2)),
                  rs.getString(3) == null ? null : Instant.parse(rs.getString(3)),
                  // A scan whose process is gone, read without writing: interrupted.
                  "running".equals(rs.getString(4)) && store.abandoned(id) ? "interrupted" : rs.getString(4),
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
    } catch (SQLException e) {
      throw new IllegalStateException("reading scans from " + store.path() + ": " + e.getMessage(), e);
    }
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
    try (Connection c = store.readConnection();
        PreparedStatement p =
            c.prepareStatement(
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
        return Optional.of(new ScanCommune(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), seeds, rs.getString(6)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading scan " + scanId + ": " + e.getMessage(), e);
    }
  }

  private static Map<Severity, Integer> severityCounts(Connection c, long scanId) throws SQLException {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      counts.put(s, 0);
    }
    try (PreparedStatement p =
        c.prepareStatement("SELECT severity, count(*) FROM findings WHERE scan_id = ? GROUP BY severity")) {
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
    try (Connection c = store.readConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT co.id, co.key, co.insee, co.name, sc.seeds, sc.status FROM scan_communes sc"
                    + " JOIN communes co ON co.id = sc.commune_id WHERE sc.scan_id = ? ORDER BY co.key")) {
      p.setLong(1, scanId);
      List<ScanCommune> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          @SuppressWarnings("unchecked")
          List<String> seeds = Json.read(rs.getString(5), List.class);
          out.add(new ScanCommune(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), seeds, rs.getString(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading scan " + scanId + ": " + e.getMessage(), e);
    }
  }

  /** The host observations of a commune in a scan, by host name. */
  public Map<String, HostObservation> hosts(long scanId, long communeId) {
    Map<String, HostObservation> hosts = new LinkedHashMap<>();
    for (String json : observations(scanId, communeId, "dns.host")) {
      HostObservation h = Json.read(json, HostObservation.class);
      hosts.put(h.name(), h);
    }
    return hosts;
  }

  public List<WebObservation> web(long scanId, long communeId) {
    return observations(scanId, communeId, "http.web").stream().map(j -> Json.read(j, WebObservation.class)).toList();
  }

  /** Host name to its HTTP grade in a scan. */
  public Map<String, HttpGrade> httpGrades(long scanId, long communeId) {
    try (Connection c = store.readConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT host, grade, score, details FROM host_grades WHERE scan_id = ? AND commune_id = ? AND kind = 'http'")) {
      p.setLong(1, scanId);
      p.setLong(2, communeId);
      Map<String, HttpGrade> out = new LinkedHashMap<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          @SuppressWarnings("unchecked")
          List<String> penalties = Json.read(rs.getString(4), List.class);
          out.put(rs.getString(1), new HttpGrade(rs.getString(2), rs.getInt(3), penalties));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading grades of scan " + scanId + ": " + e.getMessage(), e);
    }
  }

  /** The technologies of a commune's hosts in a scan, by host name, in the order the scan found them. */
  public Map<String, List<Detection>> technologies(long scanId, long communeId) {
    try (Connection c = store.readConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT host, details FROM host_technologies WHERE scan_id = ? AND commune_id = ? ORDER BY host, rowid")) {
      p.setLong(1, scanId);
      p.setLong(2, communeId);
      Map<String, List<Detection>> out = new LinkedHashMap<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(Json.read(rs.getString(2), Detection.class));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading technologies of scan " + scanId + ": " + e.getMessage(), e);
    }
  }

  public List<TlsObservation> tls(long scanId, long communeId) {
    return observations(scanId, communeId, "tls").stream().map(j -> Json.read(j, TlsObservation.class)).toList();
  }

  /** The TLS grades of a commune's hosts in a scan, by {@code host:port}. */
  public Map<String, TlsGrade> tlsGrades(long scanId, long communeId) {
    try (Connection c = store.readConnection();
        PreparedStatement p =
            c.prepareStatement("SELECT host, details FROM host_grades WHERE scan_id = ? AND commune_id = ? AND kind = 'tls'")) {
      p.setLong(1, scanId);
      p.setLong(2, communeId);
      Map<String, TlsGrade> out = new LinkedHashMap<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), Json.read(rs.getString(2), TlsGrade.class));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading TLS grades of scan " + scanId + ": " + e.getMessage(), e);
    }
  }

  public List<DomainObservation> domains(long scanId, long communeId) {
    return observations(scanId, communeId, "dns.domain").stream()
        .map(j -> Json.read(j, DomainObservation.class))
        .toList();
  }

  private List<String> observations(long scanId, long communeId, String probe) {
    try (Connection c = store.readConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT data FROM observations WHERE scan_id = ? AND commune_id = ? AND probe = ? ORDER BY id")) {
      p.setLong(1, scanId);
      p.setLong(2, communeId);
      p.setString(3, probe);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading observations of scan " + scanId + ": " + e.getMessage(), e);
    }
  }

  /** A commune's findings in a scan, most severe first, each with the first scan that saw its key. */
  public List<StoredFinding> findings(long scanId, long communeId) {
    try (Connection c = store.readConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT f.check_id, f.severity, f.asset, f.subject, f.evidence,"
                    + " (SELECT min(f2.scan_id) FROM findings f2 WHERE f2.commune_id = f.commune_id AND f2.key = f.key)"
                    + " FROM findings f WHERE f.scan_id = ? AND f.commune_id = ?"
                    + " ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2"
                    + " WHEN 'low' THEN 3 ELSE 4 END, f.check_id, f.asset, f.subject")) {
      p.setLong(1, scanId);
      p.setLong(2, communeId);
      List<StoredFinding> out = new ArrayList<>();
      Map<Long, Instant> started = new LinkedHashMap<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          Finding f =
              new Finding(rs.getString(1), Severity.parse(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5));
          long first = rs.getLong(6);
          out.add(new StoredFinding(f, null, first));
          started.putIfAbsent(first, null);
        }
      }
      for (Long id : started.keySet()) {
        try (PreparedStatement s = c.prepareStatement("SELECT started FROM scans WHERE id = ?")) {
          s.setLong(1, id);
          try (ResultSet rs = s.executeQuery()) {
            started.put(id, rs.next() ? Instant.parse(rs.getString(1)) : null);
          }
        }
      }
      return out.stream()
          .map(sf -> new StoredFinding(sf.finding(), started.get(sf.firstSeenScan()), sf.firstSeenScan()))
          .toList();
    } catch (SQLException e) {
      throw new IllegalStateException("reading findings of scan " + scanId + ": " + e.getMessage(), e);
    }
  }

  /**
   * A commune as a scan left it, for the diff: what the scan asked, its findings with first-seen
   * dates, what it carried from earlier scans, and its assets.
   */
  public Snapshot snapshot(ScanRecord scan, ScanCommune commune) {
    return snapshot(scan.id(), scan.started(), commune);
  }

  /** The commune as the newest completed scan before {@code scanId} left it, if any. */
  public Optional<Snapshot> previousSnapshot(long scanId, String communeKey) {
    Optional<Long> previous = previousScan(scanId, communeKey);
    if (previous.isEmpty()) {
      return Optional.empty();
    }
    Optional<ScanCommune> then = commune(previous.get(), communeKey);
    Instant started;
    try (Connection c = store.readConnection();
        PreparedStatement p = c.prepareStatement("SELECT started FROM scans WHERE id = ?")) {
      p.setLong(1, previous.get());
      try (ResultSet rs = p.executeQuery()) {
        started = rs.next() ? Instant.parse(rs.getString(1)) : Instant.EPOCH;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading scan " + previous.get() + ": " + e.getMessage(), e);
    }
    return then.map(c -> snapshot(previous.get(), started, c));
  }

  private Snapshot snapshot(long scanId, Instant scanStarted, ScanCommune commune) {
    List<Finding> findings = new ArrayList<>();
    Map<String, Instant> firstSeen = new LinkedHashMap<>();
    for (StoredFinding sf : findings(scanId, commune.id())) {
      findings.add(sf.finding());
      if (sf.firstSeen() != null) {
        firstSeen.put(sf.finding().key(), sf.firstSeen());
      }
    }
    List<CarriedFinding> carried = new ArrayList<>();
    java.util.Set<String> carriedAssets = new java.util.TreeSet<>();
    Coverage coverage = Coverage.LEGACY;
    try (Connection c = store.readConnection()) {
      try (PreparedStatement p =
          c.prepareStatement(
              "SELECT cf.check_id, cf.severity, cf.asset, cf.subject, cf.evidence, cf.reason,"
                  + " (SELECT min(s.started) FROM findings f JOIN scans s ON s.id = f.scan_id"
                  + "   WHERE f.commune_id = cf.commune_id AND f.key = cf.key)"
                  + " FROM carried_findings cf WHERE cf.scan_id = ? AND cf.commune_id = ? ORDER BY cf.key")) {
        p.setLong(1, scanId);
        p.setLong(2, commune.id());
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            Finding f = new Finding(rs.getString(1), Severity.parse(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5));
            carried.add(new CarriedFinding(f, rs.getString(6)));
            if (rs.getString(7) != null) {
              firstSeen.put(f.key(), Instant.parse(rs.getString(7)));
            }
          }
        }
      }
      try (PreparedStatement p =
          c.prepareStatement("SELECT coverage, carried_assets FROM scan_communes WHERE scan_id = ? AND commune_id = ?")) {
        p.setLong(1, scanId);
        p.setLong(2, commune.id());
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next()) {
            if (rs.getString(1) != null) {
              coverage = Json.read(rs.getString(1), Coverage.class);
            }
            if (rs.getString(2) != null) {
              @SuppressWarnings("unchecked")
              List<String> list = Json.read(rs.getString(2), List.class);
              carriedAssets.addAll(list);
            }
          }
        }
      }
      if (!coverage.digests().isEmpty()) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT items FROM coverage_lists WHERE digest = ?")) {
          for (String digest : coverage.digests()) {
            p.setString(1, digest);
            try (ResultSet rs = p.executeQuery()) {
              if (rs.next()) {
                @SuppressWarnings("unchecked")
                List<String> items = Json.read(rs.getString(1), List.class);
                lists.put(digest, items);
              }
            }
          }
        }
        coverage = coverage.withLists(lists);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading coverage of scan " + scanId + ": " + e.getMessage(), e);
    }
    if ("failed".equals(commune.status()) && Coverage.LEGACY.equals(coverage)) {
      coverage = Coverage.unreachable("error", null, List.of(), List.of(), List.of());
    }
    if ("pending".equals(commune.status())) {
      coverage = Coverage.unreachable("not-scanned", null, List.of(), List.of(), List.of());
    }
    java.util.Set<String> assets = fr.vigie.coverage.Assets.of(hosts(scanId, commune.id()).values(), services(scanId, commune.id()));
    return new Snapshot(scanId, scanStarted, coverage, findings, carried, assets, carriedAssets, firstSeen);
  }

  /** What a scan asked of a commune, without the lists behind its digests; LEGACY before coverage. */
  public Coverage coverage(long scanId, long communeId) {
    try (Connection c = store.readConnection();
        PreparedStatement p = c.prepareStatement("SELECT coverage FROM scan_communes WHERE scan_id = ? AND commune_id = ?")) {
      p.setLong(1, scanId);
      p.setLong(2, communeId);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() && rs.getString(1) != null ? Json.read(rs.getString(1), Coverage.class) : Coverage.LEGACY;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading coverage of scan " + scanId + ": " + e.getMessage(), e);
    }
  }

  /** A CT answer fetched for this domain since {@code notBefore}, if any. */
  public Optional<String> ctCached(String domain, Instant notBefore) {
    try (Connection c = store.readConnection();
        PreparedStatement p = c.prepareStatement("SELECT fetched, body FROM ct_cache WHERE domain = ?")) {
      p.setString(1, domain);
      try (ResultSet rs = p.executeQuery()) {
        if (rs.next() && !Instant.parse(rs.getString(1)).isBefore(notBefore)) {
          return Optional.of(rs.getString(2));
        }
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the CT cache: " + e.getMessage(), e);
    }
  }

  /** Keeps a CT answer for the day (written with the next commits). */
  public void ctStore(String domain, Instant fetched, String body) {
    store.writer().submit(c -> {
      try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO ct_cache (domain, fetched, body) VALUES (?, ?, ?)")) {
        p.setString(1, domain);
        p.setString(2, fetched.toString());
        p.setString(3, body);
        p.executeUpdate();
      }
      return null;
    });
  }

  /** The newest completed scan before {@code scanId} in which this commune was scanned. */
  public Optional<Long> previousScan(long scanId, String communeKey) {
    try (Connection c = store.readConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT max(s.id) FROM scans s JOIN scan_communes sc ON sc.scan_id = s.id"
                    + " JOIN communes co ON co.id = sc.commune_id"
                    + " WHERE s.id < ? AND s.status = 'completed' AND co.key = ?"
                    + " AND (sc.status = 'done' OR (sc.status = 'failed' AND sc.coverage IS NOT NULL))")) {
      p.setLong(1, scanId);
      p.setString(2, communeKey);
      try (ResultSet rs = p.executeQuery()) {
        long id = rs.next() ? rs.getLong(1) : 0;
        return id == 0 ? Optional.empty() : Optional.of(id);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading scans: " + e.getMessage(), e);
    }
  }

  /** The newest completed scan, if any. */
  public Optional<Long> latestCompletedScanId() {
    try (Connection c = store.readConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(id) FROM scans WHERE status = 'completed'")) {
      long id = rs.next() ? rs.getLong(1) : 0;
      return id == 0 ? Optional.empty() : Optional.of(id);
    } catch (SQLException e) {
      throw new IllegalStateException("reading scans: " + e.getMessage(), e);
    }
  }

  /** The newest scan id, or empty when the database has none. */
  public Optional<Long> latestScanId() {
    try (Connection c = store.readConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT max(id) FROM scans")) {
      long id = rs.next() ? rs.getLong(1) : 0;
      return id == 0 ? Optional.empty() : Optional.of(id);
    } catch (SQLException e) {
      throw new IllegalStateException("reading scans: " + e.getMessage(), e);
    }
  }
}
