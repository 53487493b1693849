package fr.vigie.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectionCounterTest {

  @Test
  void shouldReadTheKernelsHexAddresses() {
    assertThat(ConnectionCounter.address("0100007F")).isEqualTo("127.0.0.1");
    assertThat(ConnectionCounter.address("0103007F")).isEqualTo("127.0.3.1");
    assertThat(ConnectionCounter.address("0000000000000000FFFF00000103007F"))
        .isEqualTo("127.0.3.1");
    assertThat(ConnectionCounter.address("zz")).isNull();
  }

  @Test
  void shouldCountOpenConnectionsOnTheServersSideIdleOnesIncluded() throws Exception {
    assumeTrue(ConnectionCounter.available(), "no /proc/net/tcp on this system");
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
      int port = server.getLocalPort();
      List<Socket> clients = new ArrayList<>();
      List<Socket> accepted = new ArrayList<>();
      try (ConnectionCounter counter =
          new ConnectionCounter(Set.of("127.0.0.1"), Set.of(port), 1_000_000)) {
        for (int i = 0; i < 3; i++) {
          clients.add(new Socket(loopback, port));
          accepted.add(server.accept());
        }
        counter.sample();
        counter.sample();
        assertThat(counter.busiest().getKey()).isEqualTo("127.0.0.1");
        assertThat(counter.busiest().getValue()).isEqualTo(3);
        clients.get(0).close();
        accepted.get(0).close();
        counter.sample();
        assertThat(counter.busiest().getValue()).as("the most at once, kept").isEqualTo(3);
      } finally {
        for (Socket s : clients) {
          s.close();
        }
        for (Socket s : accepted) {
          s.close();
        }
      }
    }
  }

  @Test
  void shouldNotCountAConnectionClosingWithTheOneOpenedAfterIt() {
    // The kernel's table is read bucket by bucket: the connection a client closes and the one it
    // opens next can be listed in the same reading, never in two.
    try (ConnectionCounter counter =
        new ConnectionCounter(Set.of("127.0.3.1"), Set.of(443), 1_000_000)) {
      counter.record(Map.of("127.0.3.1", Set.of("a", "b")));
      counter.record(Map.of("127.0.3.1", Set.of("b", "c", "d")));
      counter.record(Map.of("127.0.3.1", Set.of("b", "d")));
      assertThat(counter.busiest()).isEqualTo(Map.entry("127.0.3.1", 2));
      assertThat(counter.busiestInOneReading().getValue()).isEqualTo(3);
      counter.record(Map.of("127.0.3.1", Set.of("b", "d", "e")));
      counter.record(Map.of("127.0.3.1", Set.of("b", "d", "e")));
      assertThat(counter.busiest().getValue()).as("three held together").isEqualTo(3);
    }
  }

  @Test
  void shouldIgnoreConnectionsToOtherPorts() throws Exception {
    assumeTrue(ConnectionCounter.available(), "no /proc/net/tcp on this system");
    try (ServerSocket server = new ServerSocket();
        ConnectionCounter counter =
            new ConnectionCounter(Set.of("127.0.0.1"), Set.of(1), 1_000_000)) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      try (Socket c = new Socket("127.0.0.1", server.getLocalPort());
          Socket a = server.accept()) {
        counter.sample();
        assertThat(counter.busiest().getValue()).isZero();
      }
    }
  }
}
