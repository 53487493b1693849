package fr.vigie.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import okhttp3.Dns;

/**
 * The only name resolution the web probes use: addresses discovery found and the address guard
 * allowed. A name not seen yet (a redirect to another in-scope host) is resolved through the
 * given function, which applies the guard too. Never the system resolver. Thread-safe.
 */
public final class AddressBook implements Dns {

  private final Map<String, List<InetAddress>> known = new ConcurrentHashMap<>();
  private final Function<String, List<InetAddress>> resolver;

  /** @param resolver resolves a name to the addresses that may be probed (maybe none) */
  public AddressBook(Function<String, List<InetAddress>> resolver) {
    this.resolver = resolver;
  }

  /** Records the probe-able addresses of a host, as discovery found them. */
  public void put(String host, List<InetAddress> addresses) {
    known.put(host, List.copyOf(addresses));
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = known.computeIfAbsent(hostname, resolver);
    if (addresses.isEmpty()) {
      throw new UnknownHostException(hostname + ": no address vigie may probe");
    }
    return addresses;
  }
}
