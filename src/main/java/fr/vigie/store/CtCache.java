package fr.vigie.store;

import fr.vigie.coverage.Coverage;
import fr.vigie.fingerprint.Detection;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.inventory.Commune;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.CommuneResult;
import fr.vigie.model.Finding;
import fr.vigie.model.HttpGrade;
import fr.vigie.model.Severity;
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
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Certificate Transparency answers kept for the day, so that a second scan does not ask crt.sh again. */
public final class CtCache {

  private final Store store;

  public CtCache(Store store) {
    this.store = store;
  }

  /** A CT answer fetched for this domain since {@code notBefore}, if any. */
  public Optional<String> ctCached(String domain, Instant notBefore) {
    return store.read("the CT cache", c -> {
      try (PreparedStatement p = c.prepareStatement("SELECT fetched, body FROM ct_cache WHERE domain = ?")) {
        p.setString(1, domain);
        try (ResultSet rs = p.executeQuery()) {
          if (rs.next() && !Instant.parse(rs.getString(1)).isBefore(notBefore)) {
            return Optional.of(rs.getString(2));
          }
          return Optional.empty();
        }
      }
    });
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
}
