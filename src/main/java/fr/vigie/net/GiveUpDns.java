package fr.vigie.net;

import fr.vigie.inventory.DomainNames;
import fr.vigie.inventory.InvalidTargetException;
import fr.vigie.observation.DnsAnswer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link DnsClient} that stops asking a zone whose servers did not answer twice and never
 * answered at all: the rest of its questions are timeouts at once, "not reached", instead of
 * minutes of waiting (a zone whose name servers never answer cost 87 s a commune). A zone that
 * answered once is never given up: a transient loss must not turn into a commune not scanned.
 * For one scan; thread-safe.
 */
public final class GiveUpDns implements DnsClient {

  /** Timeouts (each already retried by the client) after which a zone is given up. */
  static final int LIMIT = 2;

  private final DnsClient dns;
  private final ConcurrentHashMap<String, AtomicInteger> timeouts = new ConcurrentHashMap<>();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<String, String> zones = new ConcurrentHashMap<>();

  public GiveUpDns(DnsClient dns) {
    this.dns = dns;
  }

  @Override
  public DnsAnswer query(String name, String type) {
    String zone = zone(name);
    AtomicInteger count = timeouts.computeIfAbsent(zone, k -> new AtomicInteger());
    if (count.get() >= LIMIT && !answered.contains(zone)) {
      return new DnsAnswer.Timeout();
    }
    DnsAnswer answer = dns.query(name, type);
    if (answer instanceof DnsAnswer.Timeout) {
      count.incrementAndGet();
    } else {
      answered.add(zone); // even an error answer: something is there
    }
    return answer;
  }

  /** Whether this zone was given up. */
  public boolean givenUp(String name) {
    String zone = zone(name);
    AtomicInteger count = timeouts.get(zone);
    return count != null && count.get() >= LIMIT && !answered.contains(zone);
  }

  /**
   * The zone a name is in: its registrable domain, which is its parent's unless the parent is a
   * public suffix (then the name itself). Kept by parent — one per commune domain — since the
   * public suffix lookup of every DNS question was a tenth of a sweep's CPU.
   */
  private String zone(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    // _dmarc.x.fr, _smtp._tls.x.fr: service labels are not host names, the zone is below them.
    while (n.startsWith("_") && n.indexOf('.') > 0) {
      n = n.substring(n.indexOf('.') + 1);
    }
    int dot = n.indexOf('.');
    if (dot < 0) {
      return n;
    }
    String zone = zones.computeIfAbsent(n.substring(dot + 1), GiveUpDns::registrableOrNone);
    return zone.isEmpty() ? n : zone;
  }

  /** The registrable domain of a name, or "" when it is a public suffix (or no valid name). */
  private static String registrableOrNone(String name) {
    try {
      return DomainNames.registrableDomain(name);
    } catch (InvalidTargetException | RuntimeException e) {
      return "";
    }
  }
}
