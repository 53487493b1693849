package fr.vigie.net;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Caps the requests in flight to one IP address: hundreds of communes share one hosting
 * provider's front end, and a nightly sweep must not look like an attack on it. Thread-safe.
 */
public final class Politeness {

  /** Held while talking to an address; close it to let the next request go. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  private final int perAddress;
  private final Map<InetAddress, Semaphore> semaphores = new ConcurrentHashMap<>();

  public Politeness(int perAddress) {
    if (perAddress < 1) {
      throw new IllegalArgumentException("at least one request per address");
    }
    this.perAddress = perAddress;
  }

  public Permit acquire(InetAddress address) throws InterruptedException {
    Semaphore s = semaphores.computeIfAbsent(address, a -> new Semaphore(perAddress, true));
    s.acquire();
    return s::release;
  }
}
