package fr.vigie.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An HTTP/1.1 keep-alive server on loopback that knows, exactly, how many TCP connections are
 * open to it (accepted and not yet closed, idle ones included) and when each request arrived: what
 * a shared host sees of a scanner's politeness.
 */
final class CountingHttpServer implements AutoCloseable {

  /** What the server answers to one request (its Host and path), and after how long. */
  record Answer(int status, String headers, String body, long delayMillis) {
    static Answer ok(String body) {
      return new Answer(200, "", body, 0);
    }
  }

  /** One request as it reached the server. */
  record Arrival(long nanos, String host, String path) {}

  private final ServerSocket server;
  private final Function<Arrival, Answer> answers;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger maxOpen = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());
  private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
  private final Thread acceptor;

  CountingHttpServer(Function<Arrival, Answer> answers) throws IOException {
    this.answers = answers;
    this.server = new ServerSocket(0, 200, InetAddress.getByName("127.0.0.1"));
    this.acceptor = Thread.ofVirtual().start(this::acceptAll);
  }

  int port() {
    return server.getLocalPort();
  }

  /** The most connections open at once. */
  int maxOpen() {
    return maxOpen.get();
  }

  int accepted() {
    return accepted.get();
  }

  /** The most requests being answered at once (each on a connection of its own, HTTP/1.1). */
  int maxInFlight() {
    return maxInFlight.get();
  }

  List<Arrival> arrivals() {
    synchronized (arrivals) {
      return List.copyOf(arrivals);
    }
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        accepted.incrementAndGet();
        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        sockets.add(s);
        Thread.ofVirtual().start(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try {
      BufferedReader in = new BufferedReader(
          new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = s.getOutputStream();
      while (true) {
        String line = in.readLine();
        if (line == null) {
          return;
        }
        if (line.isEmpty()) {
          continue;
        }
        String path = line.split(" ")[1];
        String host = "";
        boolean close = false;
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
          String lower = h.toLowerCase();
          if (lower.startsWith("host:")) {
            host = h.substring(5).strip().replaceFirst(":\\d+$", "");
          } else if (lower.startsWith("connection:") && lower.contains("close")) {
            close = true;
          }
        }
        Arrival arrival = new Arrival(System.nanoTime(), host, path);
        arrivals.add(arrival);
        Answer a = answers.apply(arrival);
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          if (a.delayMillis() > 0) {
            Thread.sleep(a.delayMillis());
          }
        } finally {
          inFlight.decrementAndGet();
        }
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + a.status() + " X\r\nContent-Type: text/html\r\nContent-Length: "
            + body.length + "\r\n" + a.headers() + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        if (close) {
          return;
        }
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      // the client went away
    } finally {
      // Counted as closed just before it is: once the client sees the close it may open the next
      // one, and that one must not find this one still counted.
      open.decrementAndGet();
      try {
        s.close();
      } catch (IOException e) {
        // closed already
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
    acceptor.interrupt();
  }
}
