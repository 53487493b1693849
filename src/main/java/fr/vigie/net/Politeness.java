package fr.vigie.net;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Politeness towards one IP address: hundreds of communes share a hosting provider's front end,
 * and a nightly sweep must not look like an attack on it. At most {@code perAddress} requests in
 * flight to an address, at least {@code spacing} between the starts of two of them, and a pause
 * when the server asks for one (429 or 503 with Retry-After). Thread-safe.
 */
public final class Politeness {

  /** Held while talking to an address; close it to let the next request go. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** The longest pause a server may impose on the whole scan through Retry-After. */
  static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  private final int perAddress;
  private final Duration spacing;
  private final Map<InetAddress, Semaphore> semaphores = new ConcurrentHashMap<>();
  private final Map<InetAddress, Long> nextStart = new ConcurrentHashMap<>();

  public Politeness(int perAddress) {
    this(perAddress, Duration.ZERO);
  }

  public Politeness(int perAddress, Duration spacing) {
    if (perAddress < 1) {
      throw new IllegalArgumentException("at least one request per address");
    }
    this.perAddress = perAddress;
    this.spacing = spacing;
  }

  public Permit acquire(InetAddress address) throws InterruptedException {
    Semaphore s = semaphores.computeIfAbsent(address, a -> new Semaphore(perAddress, true));
    s.acquire();
    try {
      waitTurn(address);
    } catch (InterruptedException e) {
      s.release();
      throw e;
    }
    return s::release;
  }

  /** Reserves the next start time for this address and sleeps until it. */
  private void waitTurn(InetAddress address) throws InterruptedException {
    long now = System.nanoTime();
    long[] mine = new long[1];
    nextStart.compute(address, (a, next) -> {
      long start = next == null ? now : Math.max(now, next);
      mine[0] = start;
      return start + spacing.toNanos();
    });
    long wait = mine[0] - now;
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }

  /** The server asked for a pause (Retry-After): no request to it starts before it ends. */
  public void pause(InetAddress address, Duration requested) {
    Duration pause = requested.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : requested;
    long until = System.nanoTime() + pause.toNanos();
    nextStart.merge(address, until, Math::max);
  }
}
