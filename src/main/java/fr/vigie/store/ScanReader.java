package fr.vigie.store;

import fr.vigie.coverage.Coverage;
import fr.vigie.fingerprint.Detection;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.Finding;
import fr.vigie.model.HttpGrade;
import fr.vigie.model.Severity;
import fr.vigie.model.TlsGrade;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of what a scan stored of a commune, on read-only connections. Thread-safe. */
public final class ScanReader {

  private final Store store;

  public ScanReader(Store store) {
    this.store = store;
  }

  public List<ServiceObservation> services(long scanId, long communeId) {
    return observations(scanId, communeId, "service").stream()
        .map(j -> Json.read(j, ServiceObservation.class))
        .toList();
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
    return observations(scanId, communeId, "http.web").stream()
        .map(j -> Json.read(j, WebObservation.class))
        .toList();
  }

  /** Host name to its HTTP grade in a scan. */
  public Map<String, HttpGrade> httpGrades(long scanId, long communeId) {
    return store.read("grades of scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement(
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
      }
    });
  }

  /** The technologies of a commune's hosts in a scan, by host name, in the order the scan found them. */
  public Map<String, List<Detection>> technologies(long scanId, long communeId) {
    return store.read("technologies of scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT host, details FROM host_technologies WHERE scan_id = ? AND commune_id = ? ORDER BY host, rowid")) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        Map<String, List<Detection>> out = new LinkedHashMap<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(Json.read(rs.getString(2), Detection.class));
          }
        }
        return out;
      }
    });
  }

  public List<TlsObservation> tls(long scanId, long communeId) {
    return observations(scanId, communeId, "tls").stream()
        .map(j -> Json.read(j, TlsObservation.class))
        .toList();
  }

  /** The TLS grades of a commune's hosts in a scan, by {@code host:port}. */
  public Map<String, TlsGrade> tlsGrades(long scanId, long communeId) {
    return store.read("TLS grades of scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT host, details FROM host_grades WHERE scan_id = ? AND commune_id = ? AND kind = 'tls'")) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        Map<String, TlsGrade> out = new LinkedHashMap<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), Json.read(rs.getString(2), TlsGrade.class));
          }
        }
        return out;
      }
    });
  }

  public List<DomainObservation> domains(long scanId, long communeId) {
    return observations(scanId, communeId, "dns.domain").stream()
        .map(j -> Json.read(j, DomainObservation.class))
        .toList();
  }

  private List<String> observations(long scanId, long communeId, String probe) {
    return store.read("observations of scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement(
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
      }
    });
  }

  /** A commune's findings in a scan, most severe first, each with the first scan that saw its key. */
  public List<StoredFinding> findings(long scanId, long communeId) {
    return store.read("findings of scan " + scanId, c -> {
      try (PreparedStatement p =
          c.prepareStatement("SELECT f.check_id, f.severity, f.asset, f.subject, f.evidence,"
              + " (SELECT min(f2.scan_id) FROM findings f2 WHERE f2.commune_id = f.commune_id AND f2.key = f.key)"
              + ", f.evidence_data FROM findings f WHERE f.scan_id = ? AND f.commune_id = ?"
              + " ORDER BY CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2"
              + " WHEN 'low' THEN 3 ELSE 4 END, f.check_id, f.asset, f.subject")) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        List<StoredFinding> out = new ArrayList<>();
        Map<Long, Instant> started = new LinkedHashMap<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            Finding f = new Finding(
                rs.getString(1),
                Severity.parse(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Json.evidence(rs.getString(7)));
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
            .map(sf -> new StoredFinding(
                sf.finding(), started.get(sf.firstSeenScan()), sf.firstSeenScan()))
            .toList();
      }
    });
  }

  /** What a scan asked of a commune, without the lists behind its digests; LEGACY before coverage. */
  public Coverage coverage(long scanId, long communeId) {
    return store.read("coverage of scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT coverage FROM scan_communes WHERE scan_id = ? AND commune_id = ?")) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next() && rs.getString(1) != null
              ? Json.read(rs.getString(1), Coverage.class)
              : Coverage.LEGACY;
        }
      }
    });
  }

  /**
   * What a scan carried of a commune from earlier scans (findings it could not look at), each
   * with when its key was first seen (null when never stored as found).
   */
  public List<StoredCarried> carried(long scanId, long communeId) {
    return store.read("carried findings of scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT cf.check_id, cf.severity, cf.asset, cf.subject, cf.evidence, cf.reason,"
              + " (SELECT min(s.started) FROM findings f JOIN scans s ON s.id = f.scan_id"
              + "   WHERE f.commune_id = cf.commune_id AND f.key = cf.key), cf.evidence_data"
              + " FROM carried_findings cf WHERE cf.scan_id = ? AND cf.commune_id = ? ORDER BY cf.key")) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
        List<StoredCarried> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            Finding f = new Finding(
                rs.getString(1),
                Severity.parse(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Json.evidence(rs.getString(8)));
            out.add(new StoredCarried(
                new CarriedFinding(f, rs.getString(6)),
                rs.getString(7) == null ? null : Instant.parse(rs.getString(7))));
          }
        }
        return out;
      }
    });
  }

  /** A carried finding and when its key was first seen as found (null if never). */
  public record StoredCarried(CarriedFinding carried, Instant firstSeen) {}

  /**
   * What a scan asked of a commune with the lists behind its digests (the wordlist names it
   * tried…), and the assets it carried from earlier scans; LEGACY coverage before coverage was
   * stored.
   */
  public CommuneCoverage communeCoverage(long scanId, long communeId) {
    return store.read("coverage of scan " + scanId, c -> {
      Coverage coverage = Coverage.LEGACY;
      Set<String> carriedAssets = new TreeSet<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT coverage, carried_assets FROM scan_communes WHERE scan_id = ? AND commune_id = ?")) {
        p.setLong(1, scanId);
        p.setLong(2, communeId);
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
        try (PreparedStatement p =
            c.prepareStatement("SELECT items FROM coverage_lists WHERE digest = ?")) {
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
      return new CommuneCoverage(coverage, carriedAssets);
    });
  }

  /** A commune's coverage in a scan and the assets it carried. */
  public record CommuneCoverage(Coverage coverage, Set<String> carriedAssets) {}

  /** When a scan started. */
  public Optional<Instant> started(long scanId) {
    return store.read("scan " + scanId, c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT started FROM scans WHERE id = ?")) {
        p.setLong(1, scanId);
        try (ResultSet rs = p.executeQuery()) {
          return rs.next()
              ? Optional.of(Instant.parse(rs.getString(1)))
              : Optional.<Instant>empty();
        }
      }
    });
  }
}
