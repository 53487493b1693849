package fr.vigie.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The relay passes every byte both ways and closes as the server closes. */
class LatencyRelayTest {

  @Test
  void shouldRelayBothWaysAndPassTheEndOn() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket echo = new ServerSocket(0, 10, loopback);
        ServerSocket free = new ServerSocket(0, 1, loopback)) {
      int publicPort = free.getLocalPort();
      free.close();
      Thread.ofVirtual().start(() -> {
        try (Socket s = echo.accept()) {
          byte[] b = s.getInputStream().readNBytes(5);
          s.getOutputStream()
              .write(("echo:" + new String(b, StandardCharsets.US_ASCII))
                  .getBytes(StandardCharsets.US_ASCII));
        } catch (Exception ignored) {
          // the test fails on what the client reads
        }
      });
      try (LatencyRelay relay = new LatencyRelay(loopback, publicPort, echo.getLocalPort(), 40);
          Socket client = new Socket(loopback, publicPort)) {
        OutputStream out = client.getOutputStream();
        out.write("hello".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = client.getInputStream();

        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
            .as("all bytes, then the end of the stream when the server closed")
            .isEqualTo("echo:hello");
      }
    }
  }
}
