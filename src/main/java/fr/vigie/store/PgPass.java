package fr.vigie.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL password as psql finds it: {@code PGPASSWORD}, else the first matching line of
 * {@code PGPASSFILE} or {@code ~/.pgpass} ({@code host:port:database:user:password}, {@code *}
 * matches anything, {@code \:} and {@code \\} escape), ignored when group or others can read it,
 * as libpq does. Pure but for reading that one file.
 */
public final class PgPass {

  private PgPass() {}

  /** What was found, and where, so a refused login can say which source it tried. */
  public record Found(String password, String source) {}

  public static Found find(StoreLocation.Postgres at, Map<String, String> env, Path home) {
    String direct = env.get("PGPASSWORD");
    if (direct != null && !direct.isEmpty()) {
      return new Found(direct, "PGPASSWORD");
    }
    Path file = env.containsKey("PGPASSFILE")
        ? Path.of(env.get("PGPASSFILE"))
        : home == null ? null : home.resolve(".pgpass");
    if (file == null || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        return new Found(null, file + " ignored: group or others can read it (chmod 0600)");
      }
      for (String line : Files.readAllLines(file)) {
        String password = match(line, at);
        if (password != null) {
          return new Found(password, file.toString());
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
    return null;
  }

  /** The password of a {@code .pgpass} line when it matches the location, else null. */
  static String match(String line, StoreLocation.Postgres at) {
    if (line.isBlank() || line.stripLeading().startsWith("#")) {
      return null;
    }
    List<String> fields = fields(line);
    if (fields.size() != 5) {
      return null;
    }
    String[] want = {at.host(), Integer.toString(at.port()), at.database(), at.user()};
    for (int i = 0; i < 4; i++) {
      String f = fields.get(i);
      boolean host = i == 0 && f.equals("localhost") && want[0].equals("127.0.0.1");
      if (!f.equals("*") && !f.equals(want[i]) && !host) {
        return null;
      }
    }
    return fields.get(4);
  }

  private static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (ch == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
      } else if (ch == ':' && out.size() < 4) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
