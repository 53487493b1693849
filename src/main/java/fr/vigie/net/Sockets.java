package fr.vigie.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

/** Closing a connection the way a polite client does. */
public final class Sockets {

  /** How long a close waits for the server to close its side. */
  public static final Duration LINGER = Duration.ofMillis(250);

  private Sockets() {}

  /**
   * Says the client is done (FIN), reads what the server still sends until it closes its side or
   * {@code linger} passes, then closes. The server has closed the connection before the client
   * opens its next one, so its own count of open connections never sees the two at once.
   */
  public static void closeGracefully(Socket s, Duration linger) {
    if (s.isClosed()) {
      return;
    }
    try {
      if (s.isConnected() && !s.isOutputShutdown() && !s.isInputShutdown()) {
        s.shutdownOutput();
        long until = System.nanoTime() + linger.toNanos();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[4096];
        int total = 0;
        while (total < 64 * 1024) {
          long left = (until - System.nanoTime()) / 1_000_000;
          if (left <= 0) {
            break;
          }
          s.setSoTimeout((int) left);
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          total += n;
        }
      }
    } catch (IOException ignored) {
      // closing anyway
    } finally {
      try {
        s.close();
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }
}
