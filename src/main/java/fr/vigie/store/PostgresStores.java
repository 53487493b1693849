package fr.vigie.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.vigie.UserInputException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * Opens a history kept in PostgreSQL: the same migrations as SQLite (through {@link Dialect}),
 * applied once however many workers start together (an advisory lock), one writer connection
 * and a small pool of readers. The database must exist; vigie creates its tables (and the
 * {@code ?schema=} it is given) inside it.
 */
final class PostgresStores {

  /** The advisory lock key the migrations take: "VIGI" as for SQLite's application id. */
  private static final long MIGRATION_LOCK = Store.APPLICATION_ID;

  private PostgresStores() {}

  static Store open(StoreLocation.Postgres at, boolean create, boolean readOnly) {
    String home = System.getProperty("user.home");
    PgPass.Found password = PgPass.find(at, System.getenv(), home == null ? null : Path.of(home));
    Properties props = properties(at, password);
    Connection writer;
    try {
      writer = DriverManager.getConnection(at.jdbcUrl(), props);
    } catch (SQLException e) {
      throw unavailable(at, password, e);
    }
    HikariDataSource pool = null;
    try {
      Set<Long> abandoned;
      prepare(writer, at, create, readOnly);
      if (readOnly) {
        writer.setReadOnly(true);
        abandoned = Store.abandonedScans(writer);
      } else {
        Store.markAbandonedScans(writer);
        abandoned = Set.of();
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(at.jdbcUrl());
      config.setDataSourceProperties(props);
      config.setReadOnly(true);
      config.setMaximumPoolSize(4);
      config.setMinimumIdle(0);
      config.setConnectionTimeout(15_000);
      config.setPoolName("vigie-readers");
      config.setInitializationFailTimeout(-1);
      pool = new HikariDataSource(config);
      return Store.postgres(at, writer, pool, abandoned);
    } catch (SQLException e) {
      close(writer, pool);
      throw unavailable(at, password, e);
    } catch (RuntimeException e) {
      close(writer, pool);
      throw e;
    }
  }

  private static Properties properties(StoreLocation.Postgres at, PgPass.Found password) {
    Properties p = new Properties();
    p.setProperty("user", at.user());
    if (password != null && password.password() != null) {
      p.setProperty("password", password.password());
    }
    if (at.schema() != null) {
      p.setProperty("currentSchema", at.schema());
    }
    if (at.sslmode() != null) {
      p.setProperty("sslmode", at.sslmode());
    }
    p.setProperty("ApplicationName", "vigie");
    p.setProperty("connectTimeout", "15");
    // Not reWriteBatchedInserts: one multi-row upsert may not touch a row twice, and a batch
    // can carry the same key twice (the last wins, as in SQLite).
    return p;
  }

  /** Checks the schema is vigie's and no newer than this tool, then migrates it (writers). */
  private static void prepare(
      Connection c, StoreLocation.Postgres at, boolean create, boolean readOnly)
      throws SQLException {
    try (Statement s = c.createStatement()) {
      if (!readOnly) {
        s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
      }
      try {
        if (at.schema() != null && !readOnly && create) {
          s.execute("CREATE SCHEMA IF NOT EXISTS " + at.schema());
        }
        int version = version(c);
        int latest = Store.latestMigration();
        if (version < 0) {
          throw new UserInputException(at.shown() + " already holds tables of another"
              + " application (no schema_version); give vigie its own database or ?schema=");
        }
        if (version > latest) {
          throw new UserInputException(at.shown() + " was written by a newer vigie (schema "
              + version + ", this vigie " + fr.vigie.Version.get() + " knows up to " + latest
              + "); upgrade vigie. It was left untouched");
        }
        if (version == 0 && (readOnly || !create)) {
          throw new UserInputException("no vigie history in " + at.shown()
              + " yet (run a scan with --db " + at.shown() + " first)");
        }
        if (readOnly && version < latest) {
          throw new UserInputException(at.shown() + " was written by an older vigie (schema "
              + version + ", this vigie reads " + latest + "); the next 'vigie scan --db "
              + at.shown() + "' upgrades it. It was left untouched");
        }
        if (!readOnly) {
          Store.migrate(c, version, Dialect.POSTGRESQL);
        }
      } finally {
        if (!readOnly) {
          c.setAutoCommit(true);
          s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
        }
      }
    }
  }

  /** The schema version; 0 for an empty schema, -1 for one with someone else's tables. */
  private static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL,"
            + " (SELECT count(*) FROM information_schema.tables"
            + "  WHERE table_schema = current_schema())")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return rs.getLong(2) > 0 ? -1 : 0;
      }
    }
    try (PreparedStatement p =
            c.prepareStatement("SELECT coalesce(max(version), 0) FROM schema_version");
        ResultSet rs = p.executeQuery()) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  /** What went wrong, as someone at the terminal can act on it; the password never shown. */
  private static RuntimeException unavailable(
      StoreLocation.Postgres at, PgPass.Found password, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String said = e.getMessage() == null ? e.toString() : e.getMessage();
    if (password != null && password.password() != null) {
      said = said.replace(password.password(), "********");
    }
    String hint = switch (state) {
      case "28P01", "28000" ->
        password == null
            ? " (no password given: set PGPASSWORD or add a ~/.pgpass line"
                + " host:port:database:user:password, mode 0600)"
            : " (password from " + password.source() + ")";
      case "3D000" -> " (create it first: createdb " + at.database() + ")";
      case "08001", "08004", "08006" ->
        " (is PostgreSQL running and listening on " + at.host() + ":" + at.port() + "?)";
      default -> "";
    };
    if (password != null && password.password() == null) {
      hint += " [" + password.source() + "]";
    }
    return new StoreUnavailableException("cannot use " + at.shown() + ": " + said + hint, e);
  }

  private static void close(Connection c, HikariDataSource pool) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // already failing
    }
    if (pool != null) {
      pool.close();
    }
  }
}
