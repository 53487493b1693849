package fr.vigie.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
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
      try (PreparedStatement p =
          c.prepareStatement("SELECT fetched, body FROM ct_cache WHERE domain = ?")) {
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
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO ct_cache (domain, fetched, body) VALUES (?, ?, ?)"
              + " ON CONFLICT (domain) DO UPDATE SET fetched = excluded.fetched, body = excluded.body")) {
        p.setString(1, domain);
        p.setString(2, fetched.toString());
        p.setString(3, body);
        p.executeUpdate();
      }
      return null;
    });
  }
}
