package fr.vigie.net;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A total deadline on one network exchange, enforced where the socket is read: when it passes,
 * the socket is closed, so that no loop of a library (BouncyCastle reading warning alerts
 * forever, a server dripping one byte every 2 s under the per-read timeout) can outlive it. Per-
 * read timeouts bound silence; this bounds the whole exchange. Close it when the exchange ends.
 */
public final class Deadline implements AutoCloseable {

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon(true).name("vigie-deadlines").unstarted(r));

  private final AtomicBoolean expired = new AtomicBoolean();
  private final ScheduledFuture<?> task;
  private final Duration length;

  private Deadline(Closeable target, Duration length) {
    this.length = length;
    this.task = TIMER.schedule(
        () -> {
          expired.set(true);
          try {
            target.close();
          } catch (IOException | RuntimeException ignored) {
            // closing is all the deadline can do
          }
        },
        Math.max(1, length.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  /** Closes {@code target} (a socket) when {@code length} has passed, unless closed before. */
  public static Deadline closing(Closeable target, Duration length) {
    return new Deadline(target, length);
  }

  /** Whether the deadline passed (and closed the socket). */
  public boolean expired() {
    return expired.get();
  }

  public Duration length() {
    return length;
  }

  /**
   * The stream, with the failure a closed socket gives turned into a {@link
   * SocketTimeoutException} once the deadline passed: callers that already treat a timeout as
   * "no more answer" need nothing else.
   */
  public InputStream guard(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException e) {
          throw translate(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          throw translate(e);
        }
      }
    };
  }

  private IOException translate(IOException e) {
    if (expired() && !(e instanceof SocketTimeoutException)) {
      SocketTimeoutException t =
          new SocketTimeoutException("deadline of " + length.toMillis() + " ms passed");
      t.initCause(e);
      return t;
    }
    return e;
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
