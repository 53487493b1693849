package fr.vigie.store;

import fr.vigie.UserInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the history lives: an SQLite file (the default, embedded) or a PostgreSQL database shared
 * by several workers or regions, named {@code postgresql://user@host:5432/vigie}. A password never
 * appears here (it would show in {@code ps} and shell histories): it comes from {@code PGPASSWORD}
 * or a {@code .pgpass} file, as for psql.
 */
public sealed interface StoreLocation {

  /** How the location is written in messages: never with a secret. */
  String shown();

  static StoreLocation parse(String text) {
    if (text == null || text.isBlank()) {
      throw new UserInputException("--db: empty; give a file (vigie.db) or postgresql://…");
    }
    if (text.startsWith("postgresql://") || text.startsWith("postgres://")) {
      return Postgres.parse(text);
    }
    if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new UserInputException("--db " + text
          + ": only SQLite files and postgresql://user@host:port/database are supported");
    }
    return new File(Path.of(text));
  }

  static StoreLocation file(Path path) {
    return new File(path);
  }

  /** An SQLite file. */
  record File(Path path) implements StoreLocation {
    @Override
    public String shown() {
      return path.toString();
    }

    @Override
    public String toString() {
      return shown();
    }
  }

  /**
   * A PostgreSQL database; {@code schema} (the URL's {@code ?schema=}) lets several histories
   * share one database, one schema each.
   */
  record Postgres(
      String host, int port, String database, String user, String schema, String sslmode)
      implements StoreLocation {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> SSLMODES =
        Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    static Postgres parse(String text) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (URISyntaxException e) {
        throw new UserInputException("--db: not a postgresql:// URL (" + e.getReason() + ")");
      }
      String info = uri.getRawUserInfo();
      if (info != null && info.contains(":")) {
        throw new UserInputException("--db: the password must not be on the command line (it"
            + " shows in ps and in shell histories): give postgresql://"
            + decode(info.substring(0, info.indexOf(':'))) + "@" + uri.getHost()
            + "/… and set PGPASSWORD or a ~/.pgpass line");
      }
      String host = uri.getHost();
      if (host == null || host.isEmpty()) {
        throw new UserInputException(
            "--db " + text + ": no host; write postgresql://user@host:5432/database");
      }
      String path = uri.getRawPath() == null ? "" : decode(uri.getRawPath());
      String database = path.startsWith("/") ? path.substring(1) : path;
      if (database.isEmpty() || database.contains("/")) {
        throw new UserInputException(
            "--db " + text + ": no database name; write postgresql://user@host:5432/database");
      }
      String user = info != null ? decode(info) : System.getenv("PGUSER");
      if (user == null || user.isEmpty()) {
        user = System.getProperty("user.name");
      }
      Map<String, String> query = query(uri.getRawQuery(), text);
      String schema = query.remove("schema");
      if (schema != null && !NAME.matcher(schema).matches()) {
        throw new UserInputException(
            "--db: schema '" + schema + "' must be lower-case letters, digits and _ (at most 63)");
      }
      String sslmode = query.remove("sslmode");
      if (sslmode != null && !SSLMODES.contains(sslmode)) {
        throw new UserInputException("--db: sslmode '" + sslmode + "' is not one of " + SSLMODES);
      }
      if (!query.isEmpty()) {
        throw new UserInputException(
            "--db: unknown parameter(s) " + query.keySet() + " (vigie takes schema= and sslmode=)");
      }
      return new Postgres(
          host, uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, schema, sslmode);
    }

    private static Map<String, String> query(String raw, String text) {
      Map<String, String> out = new LinkedHashMap<>();
      if (raw == null || raw.isEmpty()) {
        return out;
      }
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new UserInputException("--db " + text + ": parameter '" + pair + "' has no value");
        }
        out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
      return out;
    }

    private static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The driver's URL; the password goes in the connection properties, never here. */
    public String jdbcUrl() {
      return "jdbc:postgresql://" + server();
    }

    @Override
    public String shown() {
      return "postgresql://" + user + "@" + server() + (schema == null ? "" : "?schema=" + schema);
    }

    /** {@code host:port/database}, an IPv6 address in brackets. */
    private String server() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
      return shown();
    }
  }
}
