package fr.vigie.testbed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * For {@code scripts/bench}: the finding keys of a store's last scan, one {@code commune key} a
 * line, sorted, so that two builds' sweeps of one scenario can be compared line by line. With a
 * second file, prints what one has and the other lacks.
 */
public final class FindingKeys {

  private FindingKeys() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("compare")) {
      compare(Path.of(args[1]), Path.of(args[2]));
      return;
    }
    if (args.length != 2) {
      System.err.println("usage: FindingKeys DB OUT | FindingKeys compare BEFORE AFTER");
      System.exit(2);
    }
    Files.write(Path.of(args[1]), keys(Path.of(args[0])));
  }

  static List<String> keys(Path db) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT c.key, f.key FROM findings f"
            + " JOIN communes c ON c.id = f.commune_id"
            + " WHERE f.scan_id = (SELECT max(id) FROM scans)")) {
      while (r.next()) {
        out.add(r.getString(1) + " " + r.getString(2));
      }
    }
    return new ArrayList<>(out);
  }

  private static void compare(Path before, Path after) throws Exception {
    TreeSet<String> b = new TreeSet<>(Files.readAllLines(before));
    TreeSet<String> a = new TreeSet<>(Files.readAllLines(after));
    TreeSet<String> lost = new TreeSet<>(b);
    lost.removeAll(a);
    TreeSet<String> gained = new TreeSet<>(a);
    gained.removeAll(b);
    System.out.println("finding keys: " + b.size() + " before, " + a.size() + " after, "
        + lost.size() + " lost, " + gained.size() + " new");
    lost.stream().limit(40).forEach(k -> System.out.println("- " + k));
    gained.stream().limit(40).forEach(k -> System.out.println("+ " + k));
  }
}
