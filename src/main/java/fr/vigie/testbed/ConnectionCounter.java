package fr.vigie.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 */
final class ConnectionCounter implements AutoCloseable {

  private static final List<Path> TABLES =
      List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
  private static final String ESTABLISHED = "01";

  private final Set<String> addresses;
  private final Set<Integer> ports;
  private final Map<String, Integer> max = new ConcurrentHashMap<>();
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

  void sample() {
    Map<String, Integer> now = new HashMap<>();
    for (Path table : TABLES) {
      List<String> lines;
      try {
        lines = Files.readAllLines(table);
      } catch (IOException e) {
        continue;
      }
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).strip().split("\\s+");
        if (f.length < 4 || !f[3].equals(ESTABLISHED)) {
          continue;
        }
        int colon = f[1].indexOf(':');
        String address = address(f[1].substring(0, colon));
        int port = Integer.parseInt(f[1].substring(colon + 1), 16);
        if (address != null && ports.contains(port) && addresses.contains(address)) {
          now.merge(address, 1, Integer::sum);
        }
      }
    }
    now.forEach((a, n) -> max.merge(a, n, Math::max));
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
    return max.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(Map.entry("none", 0));
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
