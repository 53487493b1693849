package fr.vigie.store;

import fr.vigie.coverage.Coverage;
import fr.vigie.fingerprint.Detection;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.inventory.Commune;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.CommuneResult;
import fr.vigie.model.Finding;
import fr.vigie.model.HttpGrade;
import fr.vigie.model.TlsGrade;
import fr.vigie.observation.Asset;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one commune's results of a scan (assets, observations, grades, technologies, findings,
 * coverage and what was carried) in one transaction on the store's writer thread. Thread-safe.
 */
public final class CommuneWriter {

  private final Store store;

  public CommuneWriter(Store store) {
    this.store = store;
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
  /** The commune's scan begins: its time, with the one it finishes at, orders the next sweep. */
  public void markCommuneStarted(long scanId, Commune commune, Instant when) {
    store.writer().submit(c -> {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE scan_communes SET started = ? WHERE scan_id = ? AND commune_id = ?")) {
        p.setString(1, when.toString());
        p.setLong(2, scanId);
        p.setLong(3, communeId(c, commune));
        p.executeUpdate();
      }
      return null;
    });
  }

  public void markCommuneFailed(
      long scanId,
      Commune commune,
      Instant when,
      Coverage coverage,
      List<CarriedFinding> carried,
      Set<String> carriedAssets) {
    store.writer().submit(c -> {
      long communeId = communeId(c, commune);
      clearCommune(c, scanId, communeId);
      writeCarried(c, scanId, communeId, coverage, carried, carriedAssets);
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE scan_communes SET status = 'failed', finished = ? WHERE scan_id = ? AND commune_id = ?")) {
        p.setString(1, when.toString());
        p.setLong(2, scanId);
        p.setLong(3, communeId);
        p.executeUpdate();
      }
      return null;
    });
  }

  /** The nine columns a finding shares in {@code findings} and {@code carried_findings}. */
  private static void bindFinding(PreparedStatement p, long scanId, long communeId, Finding f)
      throws SQLException {
    p.setLong(1, scanId);
    p.setLong(2, communeId);
    p.setString(3, f.key());
    p.setString(4, f.check());
    p.setString(5, f.severity().id());
    p.setString(6, f.asset());
    p.setString(7, f.subject());
    p.setString(8, f.evidence());
    p.setString(9, f.data() == null ? null : Json.write(f.data()));
  }

  /** A commune retried by --resume: what its failed attempt wrote goes first. */
  private static void clearCommune(Connection c, long scanId, long communeId) throws SQLException {
    for (String table : List.of(
        "carried_findings", "findings", "observations", "host_grades", "host_technologies")) {
      try (PreparedStatement p =
          c.prepareStatement("DELETE FROM " + table + " WHERE scan_id = ? AND commune_id = ?")) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        p.executeUpdate();
      }
    }
  }

  private static void writeCarried(
      Connection c,
      long scanId,
      long communeId,
      Coverage coverage,
      List<CarriedFinding> carried,
      Set<String> carriedAssets)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO carried_findings (scan_id, commune_id, key, check_id, severity, asset, subject, evidence, evidence_data, reason)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (scan_id, commune_id, key) DO UPDATE SET check_id = excluded.check_id, severity = excluded.severity, asset = excluded.asset, subject = excluded.subject, evidence = excluded.evidence, evidence_data = excluded.evidence_data, reason = excluded.reason")) {
      for (CarriedFinding u : carried) {
        bindFinding(p, scanId, communeId, u.finding());
        p.setString(10, u.reason());
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO coverage_lists (digest, items) VALUES (?, ?)"
            + " ON CONFLICT (digest) DO NOTHING")) {
      for (Map.Entry<String, List<String>> e : coverage.lists().entrySet()) {
        p.setString(1, e.getKey());
        p.setString(2, Json.write(e.getValue()));
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement(
        "UPDATE scan_communes SET coverage = ?, carried_assets = ? WHERE scan_id = ? AND commune_id = ?")) {
      p.setString(1, Json.write(coverage));
      p.setString(2, Json.write(new TreeSet<>(carriedAssets)));
      p.setLong(3, scanId);
      p.setLong(4, communeId);
      p.executeUpdate();
    }
  }

  private static void writeCommune(
      Connection c, long scanId, CommuneResult result, Instant observed) throws SQLException {
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
          long service = upsertAsset(
              c,
              communeId,
              "service",
              fr.vigie.coverage.Assets.service(o.address(), p),
              scanId,
              when);
          Map<String, Object> details = new LinkedHashMap<>();
          details.put("protocol", p.protocol());
          details.put("product", p.product() == null ? "" : p.product());
          details.put("version", p.version() == null ? "" : p.version());
          details.put("hosts", o.hosts());
          scanAsset(c, scanId, service, details);
        }
      }
    }
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO host_grades (scan_id, commune_id, host, kind, grade, score, details) VALUES (?, ?, ?, 'http', ?, ?, ?)"
            + " ON CONFLICT (scan_id, commune_id, host, kind) DO UPDATE SET grade = excluded.grade, score = excluded.score, details = excluded.details")) {
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
      observation(
          c, scanId, communeId, Asset.endpoint(t.host(), t.port()), "tls", when, Json.write(t));
    }
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO host_grades (scan_id, commune_id, host, kind, grade, score, details) VALUES (?, ?, ?, 'tls', ?, 0, ?)"
            + " ON CONFLICT (scan_id, commune_id, host, kind) DO UPDATE SET grade = excluded.grade, score = excluded.score, details = excluded.details")) {
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
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO host_technologies (scan_id, commune_id, host, name, category, version, precision, confidence, details)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (scan_id, commune_id, host, name) DO UPDATE SET category = excluded.category, version = excluded.version, precision = excluded.precision, confidence = excluded.confidence, details = excluded.details")) {
      for (TechObservation t : result.technologies()) {
        for (Detection d : t.technologies()) {
          p.setLong(1, scanId);
          p.setLong(2, communeId);
          p.setString(3, t.host());
          p.setString(4, d.name());
          p.setString(5, d.category());
          p.setString(6, d.version());
          p.setString(7, d.precision().name().toLowerCase(Locale.ROOT));
          p.setInt(8, d.confidence());
          p.setString(9, Json.write(d));
          p.addBatch();
        }
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO findings (scan_id, commune_id, key, check_id, severity, asset, subject, evidence, evidence_data)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (scan_id, commune_id, key) DO UPDATE SET check_id = excluded.check_id, severity = excluded.severity, asset = excluded.asset, subject = excluded.subject, evidence = excluded.evidence, evidence_data = excluded.evidence_data")) {
      for (Finding f : result.findings()) {
        bindFinding(p, scanId, communeId, f);
        p.addBatch();
      }
      p.executeBatch();
    }
    try (PreparedStatement p = c.prepareStatement(
        "UPDATE scan_communes SET status = 'done', finished = ? WHERE scan_id = ? AND commune_id = ?")) {
      p.setString(1, when);
      p.setLong(2, scanId);
      p.setLong(3, communeId);
      p.executeUpdate();
    }
  }

  static long communeId(Connection c, Commune commune) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO communes (key, insee, name) VALUES (?, ?, ?)"
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

  private static long upsertAsset(
      Connection c, long communeId, String kind, String name, long scanId, String when)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
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

  private static void scanAsset(Connection c, long scanId, long assetId, Map<String, ?> details)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO scan_assets (scan_id, asset_id, details) VALUES (?, ?, ?)"
            + " ON CONFLICT (scan_id, asset_id) DO UPDATE SET details = excluded.details")) {
      p.setLong(1, scanId);
      p.setLong(2, assetId);
      p.setString(3, Json.write(details));
      p.executeUpdate();
    }
  }

  private static void observation(
      Connection c,
      long scanId,
      long communeId,
      String asset,
      String probe,
      String when,
      String json)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
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
}
