package fr.vigie.store;

import fr.vigie.UserInputException;
import fr.vigie.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file that holds every scan. Opening checks that the file is a vigie database no
 * newer than this tool before anything is written, then applies the missing migrations. Writes
 * go through one {@link StoreWriter}; reads use their own read-only connections. Close it.
 */
public final class Store implements AutoCloseable {

  /** {@code PRAGMA application_id}: "VIGI", so that vigie can tell its files from others. */
  static final int APPLICATION_ID = 0x56494749;

  private static final String MIGRATIONS = "/fr/vigie/store/migrations/";

  /**
   * This machine's name, as scans record it: from the kernel, not a DNS lookup (which may hang
   * on a machine without network, and says nothing the kernel does not).
   */
  static final String HOST = hostName();

  private static String hostName() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    String env = System.getenv("HOSTNAME");
    if (env == null || env.isBlank()) {
      env = System.getenv("COMPUTERNAME");
    }
    return env == null || env.isBlank() ? "unknown" : env.strip();
  }

  private static final byte[] SQLITE_MAGIC =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final StoreLocation location;
  private final Dialect dialect;
  private final Connection connection;
  private final StoreWriter writer;
  private final Set<Long> abandoned;
  /** PostgreSQL only: the readers' pool (SQLite pools its own read-only files). */
  private final com.zaxxer.hikari.HikariDataSource pool;

  private Store(Path path, Connection connection) {
    this(path, connection, Set.of());
  }

  private Store(Path path, Connection connection, Set<Long> abandoned) {
    this(StoreLocation.file(path), Dialect.SQLITE, connection, null, abandoned);
  }

  private Store(
      StoreLocation location,
      Dialect dialect,
      Connection connection,
      com.zaxxer.hikari.HikariDataSource pool,
      Set<Long> abandoned) {
    this.location = location;
    this.dialect = dialect;
    this.connection = connection;
    this.writer = new StoreWriter(connection);
    this.abandoned = Set.copyOf(abandoned);
    this.pool = pool;
  }

  /** Opens the history wherever it is: {@link #open(Path, boolean)} or a PostgreSQL database. */
  public static Store open(StoreLocation location, boolean create) {
    return switch (location) {
      case StoreLocation.File f -> open(f.path(), create);
      case StoreLocation.Postgres pg -> PostgresStores.open(pg, create, false);
    };
  }

  /** Reads the history wherever it is, writing nothing. */
  public static Store openReadOnly(StoreLocation location) {
    return switch (location) {
      case StoreLocation.File f -> openReadOnly(f.path());
      case StoreLocation.Postgres pg -> PostgresStores.open(pg, false, true);
    };
  }

  static Store postgres(
      StoreLocation.Postgres location,
      Connection writer,
      com.zaxxer.hikari.HikariDataSource pool,
      Set<Long> abandoned) {
    return new Store(location, Dialect.POSTGRESQL, writer, pool, abandoned);
  }

  public StoreLocation location() {
    return location;
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Opens an existing database for reading only: nothing is created, migrated or marked, and the
   * file is left byte for byte as it was ({@code scans}, {@code report}, {@code diff}). A scan
   * whose process is gone is reported as interrupted without being rewritten.
   *
   * @throws UserInputException when there is no usable vigie database there (missing, empty,
   *     another application's, or written by an older or newer vigie)
   */
  public static Store openReadOnly(Path path) {
    Path file = path.toAbsolutePath();
    if (!Files.exists(file)) {
      throw new UserInputException(
          "no vigie database at " + path + " (run a scan first, or give --db)");
    }
    if (Files.isDirectory(file)) {
      throw new UserInputException(path + " is a directory, not a vigie database");
    }
    try {
      if (Files.size(file) == 0) {
        throw new UserInputException(
            path + " is empty, not a vigie database (run a scan first); it was left untouched");
      }
    } catch (IOException e) {
      throw new UserInputException("cannot read database " + path + ": " + e.getMessage(), e);
    }
    inspect(path, file);
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
      try {
        int version;
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'schema_version'")) {
          version = rs.next() && rs.getInt(1) > 0 ? schema(s) : 0;
        }
        if (version < latestMigration()) {
          throw new UserInputException(path + " was written by an older vigie (schema " + version
              + ", this vigie reads " + latestMigration() + "); the next 'vigie scan --db " + path
              + "' upgrades it. It was left untouched");
        }
        return new Store(path, c, abandonedScans(c));
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw StoreUnavailableException.of("cannot open database " + path, e);
    }
  }

  private static int schema(Statement s) throws SQLException {
    try (ResultSet v = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
      return v.next() ? v.getInt(1) : 0;
    }
  }

  /** Scans left "running" by a process that is gone: interrupted, as far as readers are concerned. */
  public boolean abandoned(long scanId) {
    return abandoned.contains(scanId);
  }

  /**
   * Opens (and creates, when {@code create} is true and the file does not exist) the database.
   *
   * @throws UserInputException when the file cannot be used; it is then left untouched
   */
  public static Store open(Path path, boolean create) {
    Path file = path.toAbsolutePath();
    boolean exists = Files.exists(file);
    if (!exists && !create) {
      throw new UserInputException(
          "no vigie database at " + path + " (run a scan first, or give --db)");
    }
    if (!exists) {
      Path dir = file.getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        throw new UserInputException(
            "cannot create database " + path + ": directory " + dir + " does not exist");
      }
      if (!Files.isWritable(dir)) {
        throw new StoreUnavailableException("cannot create database " + path + ": directory " + dir
            + " is not writable (permission denied)");
      }
    } else {
      if (Files.isDirectory(file)) {
        throw new UserInputException(path + " is a directory, not a vigie database");
      }
      inspect(path, file);
      if (!Files.isWritable(file)) {
        throw new StoreUnavailableException(
            "cannot write to database " + path + ": permission denied");
      }
    }
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.setBusyTimeout(10_000);
      config.enforceForeignKeys(true);
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
      try {
        migrate(c);
        markAbandonedScans(c);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
      return new Store(path, c);
    } catch (SQLException e) {
      throw StoreUnavailableException.of("cannot open database " + path, e);
    }
  }

  /** Refuses, without writing anything, a file that is not a vigie database this tool can use. */
  private static void inspect(Path shown, Path file) {
    byte[] header = new byte[SQLITE_MAGIC.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(header, 0, header.length);
    } catch (IOException e) {
      throw new UserInputException("cannot read database " + shown + ": " + e.getMessage(), e);
    }
    if (read == 0) {
      return; // an empty file: SQLite treats it as a new database
    }
    if (read < header.length || !Arrays.equals(header, SQLITE_MAGIC)) {
      throw new UserInputException(
          shown + " is not a vigie database (not an SQLite file); it was left untouched");
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    // immutable: SQLite takes no lock and creates no -wal/-shm beside a file it may be about to
    // refuse (a truncated or corrupted database is left exactly as it was).
    config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
    try (Connection c = DriverManager.getConnection(
            "jdbc:sqlite:" + file.toUri().toString().replaceFirst("^file:", "file:")
                + "?immutable=1",
            config.toProperties());
        Statement s = c.createStatement()) {
      int applicationId;
      try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
        applicationId = rs.next() ? rs.getInt(1) : 0;
      }
      if (applicationId != APPLICATION_ID) {
        int tables;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
          tables = rs.next() ? rs.getInt(1) : 0;
        }
        if (tables > 0) {
          throw new UserInputException(
              shown
                  + " is an SQLite database of another application, not a vigie database; it was left untouched");
        }
        return;
      }
      int version;
      try (ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      int latest = latestMigration();
      if (version > latest) {
        throw new UserInputException(shown + " was written by a newer vigie (schema " + version
            + ", this vigie " + Version.get() + " knows up to " + latest
            + "); upgrade vigie. The file was left untouched");
      }
    } catch (SQLException e) {
      throw new UserInputException(shown + " is not a usable vigie database: " + e.getMessage(), e);
    }
  }

  /**
   * The migrations, in order, from {@code index.txt}: one file name a line, {@code V<n>__what.sql}.
   * Resources cannot be listed from a jar, hence the index.
   */
  static List<String> migrations() {
    List<String> names = new ArrayList<>();
    for (String line : readResource(MIGRATIONS + "index.txt").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      if (!name.startsWith("V" + (names.size() + 1) + "__")) {
        throw new IllegalStateException("migration " + name + " is out of order in index.txt");
      }
      names.add(name);
    }
    return names;
  }

  static int latestMigration() {
    return migrations().size();
  }

  private static void migrate(Connection c) throws SQLException {
    int current = 0;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_version'")) {
      if (rs.next() && rs.getInt(1) > 0) {
        try (ResultSet v = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
          current = v.next() ? v.getInt(1) : 0;
        }
      }
    }
    migrate(c, current, Dialect.SQLITE);
  }

  /** Applies the migrations after {@code current}, each in one transaction with its row. */
  static void migrate(Connection c, int current, Dialect dialect) throws SQLException {
    List<String> migrations = migrations();
    for (int version = current + 1; version <= migrations.size(); version++) {
      String sql = readResource(MIGRATIONS + migrations.get(version - 1));
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String statement : splitStatements(sql)) {
          s.executeUpdate(dialect.ddl(statement));
        }
        if (dialect == Dialect.SQLITE) {
          s.executeUpdate("PRAGMA application_id = " + APPLICATION_ID);
        }
        try (PreparedStatement p = c.prepareStatement(
            "INSERT INTO schema_version (version, applied, tool_version) VALUES (?, ?, ?)")) {
          p.setInt(1, version);
          p.setString(2, Instant.now().toString());
          p.setString(3, Version.get());
          p.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw new SQLException("migration " + version + " failed: " + e.getMessage(), e);
      } finally {
        c.setAutoCommit(auto);
      }
    }
  }

  /** Statements end with a semicolon at the end of a line; comments are whole lines. */
  static List<String> splitStatements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String t = line.strip();
      if (t.startsWith("--") || t.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (t.endsWith(";")) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  /**
   * A scan left "running" by a process that no longer exists (killed, machine crash) is marked
   * interrupted, so that it is never mistaken for a complete one.
   */
  static void markAbandonedScans(Connection c) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("UPDATE scans SET status = 'interrupted' WHERE id = ?")) {
      for (long id : abandonedScans(c)) {
        p.setLong(1, id);
        p.executeUpdate();
      }
    }
  }

  static Set<Long> abandonedScans(Connection c) throws SQLException {
    Set<Long> abandoned = new HashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT id, pid, pid_started, host FROM scans WHERE status = 'running'")) {
      while (rs.next()) {
        String host = rs.getString(4);
        if (host != null && !host.equals(HOST)) {
          // Another machine's process: its pid means nothing here.
          continue;
        }
        long pid = rs.getLong(2);
        boolean noPid = rs.wasNull();
        String started = rs.getString(3);
        // The same pid started at another time is another process (pids are reused).
        boolean alive = !noPid
            && ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(h -> started == null
                    || h.info()
                        .startInstant()
                        .map(i -> i.toString().equals(started))
                        .orElse(true))
                .orElse(false);
        if (!alive) {
          abandoned.add(rs.getLong(1));
        }
      }
    }
    return abandoned;
  }

  private static String readResource(String name) {
    try (InputStream in = Store.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public StoreWriter writer() {
    return writer;
  }

  private final ConcurrentLinkedQueue<Connection> idleReaders = new ConcurrentLinkedQueue<>();

  /** What a read does with its connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs a read on a pooled read-only connection; an SQL error becomes one that says what was
   * being read, the one place the store's readers catch it.
   */
  public <T> T read(String what, SqlWork<T> work) {
    try (Connection c = readConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + what + ": " + e.getMessage(), e);
    }
  }

  /**
   * A read-only connection for one reader (any thread); the caller closes it, which returns it
   * to a small pool: a report of thousands of communes runs tens of thousands of queries, and
   * opening an SQLite connection for each cost most of its time.
   */
  public Connection readConnection() throws SQLException {
    if (pool != null) {
      return pool.getConnection();
    }
    Connection pooled = idleReaders.poll();
    if (pooled == null || pooled.isClosed()) {
      SQLiteConfig config = new SQLiteConfig();
      config.setReadOnly(true);
      config.setBusyTimeout(10_000);
      pooled = DriverManager.getConnection(
          "jdbc:sqlite:" + ((StoreLocation.File) location).path().toAbsolutePath(),
          config.toProperties());
    }
    Connection real = pooled;
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            if (!real.getAutoCommit()) {
              real.rollback();
            }
            idleReaders.offer(real);
            return null;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  public int schemaVersion() {
    return writer.call(c -> {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT max(version) FROM schema_version")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    });
  }

  @Override
  public void close() {
    writer.close();
    Connection idle;
    while ((idle = idleReaders.poll()) != null) {
      try {
        idle.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing " + location.shown() + ": " + e.getMessage(), e);
    } finally {
      if (pool != null) {
        pool.close();
      }
    }
  }
}
