package fr.vigie.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many TCP connections the scanner holds open to each testbed address, counted on the
 * server's side: the kernel's socket table ({@code /proc/net/tcp}, {@code /proc/net/tcp6}) is
 * read every few milliseconds and the established sockets whose local end is a testbed address
 * and one of its web ports are counted, idle keep-alive connections included — what a hosting
 * provider sees, whatever the scanner thinks it holds. Linux only; elsewhere it counts nothing.
 *
 * <p>The kernel gives its table bucket by bucket, not at one instant: a connection closed while
 * the table is read can be listed with the one opened just after it, and a busy table lists some
 * sockets twice. So a connection is named by its two ends (listed twice, counted once), and the
 * figure kept is the most connections listed in two successive readings: each was open from the
 * first reading to the second, so all of them were open together in the pause between the two —
 * a count the server really saw, which can only miss an overlap shorter than that pause. The
 * most listed in one reading is kept too, as an upper bound.
 */
final class ConnectionCounter implements AutoCloseable {

  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String ESTABLISHED = "01";

  private final Set<String> addresses;
  private final Set<Integer> ports;
  private final Map<String, Integer> max = new ConcurrentHashMap<>();
  private final Map<String, Integer> maxInOneReading = new ConcurrentHashMap<>();
  private Map<String, Set<String>> previous = Map.of();
  private final Thread sampler;
  private volatile boolean running = true;

  /** @param addresses the testbed's addresses, as literals; @param ports its server ports */
  ConnectionCounter(Set<String> addresses, Set<Integer> ports, long everyMillis) {
    this.addresses = Set.copyOf(addresses);
    this.ports = Set.copyOf(ports);
    this.sampler = Thread.ofPlatform().daemon(true).name("testbed-connections").start(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(everyMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
  }

  /** Whether this system has the tables: on another one, the counts stay at zero. */
  static boolean available() {
    return Files.isReadable(TABLES.get(0));
  }

  /** Reads the tables once and counts, against the reading before. */
  synchronized void sample() {
    Map<String, Set<String>> now = new HashMap<>();
    for (Path table : TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        continue;
      }
      for (int i = 1; i < lines.size(); i++) {
        String[] f = fields(lines.get(i));
        if (f == null || !f[3].equals(ESTABLISHED)) {
          continue;
        }
        int colon = f[1].indexOf(':');
        if (colon < 0) {
          continue;
        }
        int port = Integer.parseInt(f[1].substring(colon + 1), 16);
        if (!ports.contains(port)) {
          continue;
        }
        String address = address(f[1].substring(0, colon));
        if (address != null && addresses.contains(address)) {
          now.computeIfAbsent(address, k -> new HashSet<>()).add(f[1] + " " + f[2]);
        }
      }
    }
    record(now);
  }

  /** Counts one reading (each address's connections, by their two ends) against the one before. */
  synchronized void record(Map<String, Set<String>> now) {
    for (Map.Entry<String, Set<String>> e : now.entrySet()) {
      maxInOneReading.merge(e.getKey(), e.getValue().size(), Math::max);
      Set<String> before = previous.getOrDefault(e.getKey(), Set.of());
      int both = 0;
      for (String connection : e.getValue()) {
        if (before.contains(connection)) {
          both++;
        }
      }
      if (both > 0) {
        max.merge(e.getKey(), both, Math::max);
      }
    }
    previous = now;
  }

  /** The first four fields of a table line (slot, local end, remote end, state), or null. */
  private static String[] fields(String line) {
    String[] f = new String[4];
    int n = 0;
    int i = 0;
    while (n < 4) {
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
      int from = i;
      while (i < line.length() && line.charAt(i) != ' ') {
        i++;
      }
      if (from == i) {
        return null;
      }
      f[n++] = line.substring(from, i);
    }
    return f;
  }

  /** The kernel's hex form: IPv4 as one little-endian word, IPv6 as four; null if unreadable. */
  static String address(String hex) {
    try {
      byte[] b = new byte[hex.length() / 2];
      for (int word = 0; word < b.length / 4; word++) {
        for (int i = 0; i < 4; i++) {
          int at = (word * 4 + 3 - i) * 2;
          b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
        }
      }
      return InetAddress.getByAddress(b).getHostAddress();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The most connections open at once to any one address, and which. */
  Map.Entry<String, Integer> busiest() {
    return busiest(max);
  }

  /**
   * The most listed in one reading of the table, for any one address: an upper bound, which a
   * connection closing while the next one opens can raise by one.
   */
  Map.Entry<String, Integer> busiestInOneReading() {
    return busiest(maxInOneReading);
  }

  private static Map.Entry<String, Integer> busiest(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .orElse(Map.entry("none", 0));
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
