package fr.vigie.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A round trip in front of one web server of the testbed: every connection accepted on the
 * public port is relayed to the server's own port, with each chunk of bytes held back half the
 * round trip in each direction — the accept, every TLS flight and every response arrive as
 * late as over the internet, while chunks already in flight stay pipelined (a queue per
 * direction, not a sleep per read).
 */
final class LatencyRelay implements AutoCloseable {

  private static final byte[] END = new byte[0];

  private record Chunk(byte[] bytes, long due) {}

  private final ServerSocket server;
  private final long oneWayNanos;

  LatencyRelay(InetAddress address, int publicPort, int targetPort, int roundTripMillis)
      throws IOException {
    this.oneWayNanos = roundTripMillis * 1_000_000L / 2;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(address, publicPort), 256);
    Thread.ofPlatform().daemon(true).name("testbed-latency-" + publicPort).start(() -> {
      while (!server.isClosed()) {
        Socket client;
        try {
          client = server.accept();
        } catch (IOException closed) {
          return;
        }
        Thread.ofVirtual().start(() -> relay(client, address, targetPort));
      }
    });
  }

  private void relay(Socket client, InetAddress address, int targetPort) {
    try (client;
        Socket upstream = new Socket()) {
      pause(oneWayNanos); // the handshake's half round trip
      upstream.connect(new InetSocketAddress(address, targetPort));
      Thread up = pipe(client.getInputStream(), upstream, upstream.getOutputStream());
      Thread down = pipe(upstream.getInputStream(), client, client.getOutputStream());
      up.join();
      down.join();
    } catch (IOException | InterruptedException e) {
      // a connection the scanner dropped, or the testbed stopping
    }
  }

  /** Reads on one thread, writes each chunk half a round trip later on another. */
  private Thread pipe(InputStream in, Socket to, OutputStream out) {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    Thread writer = Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          Chunk c = queue.take();
          pause(c.due() - System.nanoTime());
          if (c.bytes() == END) {
            to.shutdownOutput();
            return;
          }
          out.write(c.bytes());
          out.flush();
        }
      } catch (IOException | InterruptedException e) {
        closeQuietly(to);
      }
    });
    Thread.ofVirtual().start(() -> {
      byte[] buffer = new byte[16 * 1024];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + oneWayNanos));
        }
      } catch (IOException e) {
        // reset by one side: pass the end on
      }
      queue.add(new Chunk(END, System.nanoTime() + oneWayNanos));
    });
    return writer;
  }

  private static void pause(long nanos) throws InterruptedException {
    if (nanos > 0) {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
