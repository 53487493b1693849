package fr.vigie.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
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
  private static final byte[] ESTABLISHED = {'0', '1'};
  /** The length of a line of /proc/net/tcp, its newline included (the kernel pads them). */
  private static final int LINE = 150;
  /** The kernel's hex form of the addresses seen on watched ports, and their literal (or ""). */
  private final Map<String, String> known = new HashMap<>();

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
      // The pause comes first: a reading made while a caller records its own (the tests) would
      // be taken for the one before theirs.
      while (running) {
        try {
          Thread.sleep(everyMillis);
        } catch (InterruptedException e) {
          return;
        }
        sample();
      }
    });
  }

  /** Whether this system has the tables: on another one, the counts stay at zero. */
  static boolean available() {
    return Files.isReadable(TABLES.get(0));
  }

  /**
   * Reads the tables once and counts, against the reading before. Byte by byte, and a string
   * made only for an established connection to a watched port: the table holds every socket of
   * the machine (thousands in TIME_WAIT during a sweep) and is read forty times a second on the
   * cores the scanner measured shares — a line-by-line parse cost the testbed a fifth of a core.
   */
  synchronized void sample() {
    Map<String, Set<String>> now = new HashMap<>();
    for (Path table : TABLES) {
      byte[] data;
      try {
        data = Files.readAllBytes(table);
      } catch (IOException e) {
        continue;
      }
      int line = next(data, 0); // the header
      while (line < data.length) {
        int end = lineEnd(data, line);
        int slot = skipSpaces(data, line, end);
        int localFrom = token(data, slot, end) + 1; // after "12:" and its space
        // The kernel writes "%08X:%04X %08X:%04X %02X" (IPv4) or 32 hex digits an address (IPv6):
        // the state is two bytes after the remote end, found by the local end's width alone.
        int localTo = token(data, localFrom, end);
        int state = localTo + 1 + (localTo - localFrom) + 1;
        line = end + 1;
        if (state + 2 > end || data[state] != ESTABLISHED[0] || data[state + 1] != ESTABLISHED[1]) {
          continue;
        }
        int remoteTo = state - 1;
        int colon = localTo - 5;
        if (colon <= localFrom
            || data[colon] != ':'
            || !ports.contains(hex(data, colon + 1, localTo))) {
          continue;
        }
        String address = known.computeIfAbsent(
            new String(data, localFrom, colon - localFrom, StandardCharsets.ISO_8859_1), hex -> {
              String a = address(hex);
              return a == null ? "" : a;
            });
        if (addresses.contains(address)) {
          now.computeIfAbsent(address, k -> new HashSet<>())
              .add(new String(data, localFrom, remoteTo - localFrom, StandardCharsets.ISO_8859_1));
        }
      }
    }
    record(now);
  }

  /**
   * Where the line at {@code from} ends (its newline). The kernel pads every line of
   * /proc/net/tcp to 149 characters: the newline is looked for there first, and the bytes of
   * thousands of TIME_WAIT lines are not walked one by one.
   */
  private static int lineEnd(byte[] data, int from) {
    int padded = from + LINE - 1;
    if (padded < data.length && data[padded] == '\n') {
      return padded;
    }
    return next(data, from) - 1;
  }

  /** Where the line after the one at {@code from} starts. */
  private static int next(byte[] data, int from) {
    int i = from;
    while (i < data.length && data[i] != '\n') {
      i++;
    }
    return i + 1;
  }

  private static int skipSpaces(byte[] data, int from, int end) {
    int i = from;
    while (i < end && data[i] == ' ') {
      i++;
    }
    return i;
  }

  /** Where the token starting at {@code from} ends. */
  private static int token(byte[] data, int from, int end) {
    int i = from;
    while (i < end && data[i] != ' ') {
      i++;
    }
    return i;
  }

  /** A hexadecimal number, or -1. */
  private static int hex(byte[] data, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit(data[i], 16);
      if (d < 0) {
        return -1;
      }
      n = n * 16 + d;
    }
    return n;
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

  /** The maxima start again from the next reading. */
  synchronized void reset() {
    max.clear();
    maxInOneReading.clear();
    previous = Map.of();
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
