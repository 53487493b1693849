package fr.vigie.net;

import fr.vigie.target.DomainNames;
import fr.vigie.target.InvalidTargetException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DnsClient} that stops asking a zone whose servers did not answer twice: the rest of
 * its questions are timeouts at once, "not reached", instead of minutes of waiting (a zone
 * whose name servers never answer cost 86 s a commune). For one scan; thread-safe.
 */
public final class GiveUpDns implements DnsClient {

  /** Timeouts (each already retried by the client) after which a zone is given up. */
  static final int LIMIT = 2;

  private final DnsClient dns;
  private final ConcurrentHashMap<String, AtomicInteger> timeouts = new ConcurrentHashMap<>();

  public GiveUpDns(DnsClient dns) {
    this.dns = dns;
  }

  @Override
  public DnsAnswer query(String name, String type) {
    String zone = zone(name);
    AtomicInteger count = timeouts.computeIfAbsent(zone, k -> new AtomicInteger());
    if (count.get() >= LIMIT) {
      return new DnsAnswer.Timeout();
    }
    DnsAnswer answer = dns.query(name, type);
    if (answer instanceof DnsAnswer.Timeout) {
      count.incrementAndGet();
    } else if (answer instanceof DnsAnswer.Resolved || answer.isNegative()) {
      count.set(0); // a zone that answers again is not dead: only consecutive silence counts
    }
    return answer;
  }

  /** Whether this zone was given up. */
  public boolean givenUp(String name) {
    AtomicInteger count = timeouts.get(zone(name));
    return count != null && count.get() >= LIMIT;
  }

  private static String zone(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    // _dmarc.x.fr, _smtp._tls.x.fr: service labels are not host names, the zone is below them.
    while (n.startsWith("_") && n.indexOf('.') > 0) {
      n = n.substring(n.indexOf('.') + 1);
    }
    try {
      return DomainNames.registrableDomain(n);
    } catch (InvalidTargetException | RuntimeException e) {
      return n;
    }
  }
}
