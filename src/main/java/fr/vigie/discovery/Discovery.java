package fr.vigie.discovery;

import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.net.AddressGuard;
import fr.vigie.net.DnsClient;
import fr.vigie.net.ZoneTransfers;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.HostObservation.Source;
import fr.vigie.observation.Spf;
import fr.vigie.observation.ZoneTransferResult;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * DNS discovery of one commune: the records of each registrable domain, the seeds, the names of
 * the wordlist, MX and NS hosts, CNAME chains followed to their end. Questions run on virtual
 * threads; the {@link DnsClient} caps how many are in flight. Thread-safe.
 */
public final class Discovery {

  /** SPF names read through include/redirect: past 10 lookups SPF fails anyway. */
  static final int MAX_SPF_NAMES = 20;

  static final String[] APEX_TYPES = {"A", "AAAA", "MX", "NS", "TXT", "CAA", "SOA", "DS", "DNSKEY"};

  private final DnsClient dns;
  private final AddressGuard guard;
  private final List<String> wordlist;
  private final int maxCnameDepth;
  private final SecureRandom random = new SecureRandom();
  private final ZoneTransfers axfr;

  /** Names taken from one transferred zone (a provider's zone can list thousands). */
  static final int MAX_AXFR_NAMES = 300;

  public Discovery(DnsClient dns, AddressGuard guard, List<String> wordlist, int maxCnameDepth) {
    this(dns, guard, wordlist, maxCnameDepth, null);
  }

  /** @param axfr asks each name server of the commune's zones for a transfer; null: not asked */
  public Discovery(
      DnsClient dns,
      AddressGuard guard,
      List<String> wordlist,
      int maxCnameDepth,
      ZoneTransfers axfr) {
    this.dns = dns;
    this.guard = guard;
    this.wordlist = List.copyOf(wordlist);
    this.maxCnameDepth = maxCnameDepth;
    this.axfr = axfr;
  }

  public CommuneDiscovery discover(Commune commune) throws InterruptedException {
    Scope scope = Scope.of(commune);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<DomainObservation>> domainFutures = new ArrayList<>();
      for (String domain : scope.domains()) {
        // A name on a shared platform has no zone of the commune's: its seed is resolved as a
        // host, the platform's records and subdomains are left alone.
        if (!scope.isHosted(domain)) {
          domainFutures.add(pool.submit(() -> observeDomain(domain)));
        }
      }
      List<DomainObservation> domains = new ArrayList<>();
      for (Future<DomainObservation> f : domainFutures) {
        domains.add(get(f));
      }

      // Names to resolve, with how they were found; LinkedHashMap keeps the order stable.
      Map<String, Set<Source>> candidates = new LinkedHashMap<>();
      for (String seed : commune.seeds()) {
        add(candidates, seed, Source.SEED);
      }
      for (DomainObservation d : domains) {
        if (d.record("A") instanceof DnsAnswer.Resolved
            || d.record("AAAA") instanceof DnsAnswer.Resolved) {
          add(candidates, d.domain(), Source.APEX);
        }
        for (String mx : d.record("MX").recordsOrEmpty()) {
          String host = mxHost(mx);
          if (!host.isEmpty()) {
            add(candidates, host, Source.MX);
          }
        }
        for (String ns : d.record("NS").recordsOrEmpty()) {
          add(candidates, Spf.normalise(ns), Source.NS);
        }
        for (String name : transferredNames(d, scope)) {
          add(candidates, name, Source.AXFR);
        }
      }
      Map<String, DomainObservation> byDomain = new HashMap<>();
      List<String> wordlistDomains = new ArrayList<>();
      for (DomainObservation d : domains) {
        byDomain.put(d.domain(), d);
        if (unreachable(d) || wordlist.isEmpty()) {
          continue; // every apex question timed out: 100 more would too
        }
        wordlistDomains.add(d.domain());
        for (String word : wordlist) {
          add(candidates, word + "." + d.domain(), Source.WORDLIST);
        }
      }

      Map<String, Future<HostObservation>> hostFutures = new LinkedHashMap<>();
      for (Map.Entry<String, Set<Source>> c : candidates.entrySet()) {
        String name = c.getKey();
        Set<Source> sources = c.getValue();
        boolean inScope = scope.contains(name);
        hostFutures.put(name, pool.submit(() -> observeHost(name, sources, inScope)));
      }
      Map<String, HostObservation> hosts = new LinkedHashMap<>();
      Map<String, DnsAnswer> unanswered = new LinkedHashMap<>();
      for (Map.Entry<String, Future<HostObservation>> e : hostFutures.entrySet()) {
        HostObservation h = get(e.getValue());
        if (h.sources().equals(Set.of(Source.WORDLIST))) {
          if (!foundByWordlist(h)
              || matchesWildcard(h, byDomain.get(scope.domainOf(h.name()).orElse(null)))) {
            if (!foundByWordlist(h) && !conclusive(h)) {
              boolean aClear = h.a() instanceof DnsAnswer.Resolved || h.a().isNegative();
              unanswered.put(h.name(), aClear && h.aaaa() != null ? h.aaaa() : h.a());
            }
            continue;
          }
        }
        hosts.put(h.name(), h);
      }
      // CNAME targets are names of their own: in scope they get resolved, out of scope recorded.
      List<HostObservation> targets = new ArrayList<>();
      for (HostObservation h : List.copyOf(hosts.values())) {
        for (String target : h.cname().targets()) {
          if (!hosts.containsKey(target)
              && targets.stream().noneMatch(t -> t.name().equals(target))) {
            boolean inScope = scope.contains(target);
            targets.add(
                inScope && h.cname().end() == CnameChain.End.RESOLVED
                    ? observeHost(target, EnumSet.of(Source.CNAME), true)
                    : outOfScope(target, EnumSet.of(Source.CNAME), inScope));
          }
        }
      }
      for (HostObservation t : targets) {
        hosts.put(t.name(), t);
      }
      List<HostObservation> sorted = new ArrayList<>(hosts.values());
      sorted.sort(Comparator.comparing((HostObservation h) -> !h.inScope())
          .thenComparing(HostObservation::name));
      return new CommuneDiscovery(commune, scope, domains, sorted, wordlistDomains, unanswered);
    }
  }

  /**
   * The same discovery with more names, found after it (names in certificates): each in-scope
   * name not already known is resolved, once, concurrently. At most {@code limit} names.
   */
  public CommuneDiscovery addHosts(
      CommuneDiscovery found, Collection<String> names, Source source, int limit)
      throws InterruptedException {
    Set<String> known = new HashSet<>();
    found.hosts().forEach(h -> known.add(h.name()));
    List<Future<HostObservation>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (String name : names) {
        if (futures.size() >= limit) {
          break;
        }
        if (known.add(name) && found.scope().contains(name)) {
          futures.add(pool.submit(() -> observeHost(name, EnumSet.of(source), true)));
        }
      }
    }
    if (futures.isEmpty()) {
      return found;
    }
    List<HostObservation> hosts = new ArrayList<>(found.hosts());
    for (Future<HostObservation> f : futures) {
      HostObservation h = get(f);
      // A name in a certificate that DNS does not know is no host of the commune.
      if (h.hasAddress() || !h.cname().isEmpty()) {
        hosts.add(h);
      }
    }
    hosts.sort(Comparator.comparing((HostObservation h) -> !h.inScope())
        .thenComparing(HostObservation::name));
    return new CommuneDiscovery(
        found.commune(),
        found.scope(),
        found.domains(),
        hosts,
        found.wordlistDomains(),
        found.unanswered());
  }

  DomainObservation observeDomain(String domain) {
    Map<String, DnsAnswer> records = new LinkedHashMap<>();
    for (String type : APEX_TYPES) {
      records.put(type, dns.query(domain, type));
    }
    DnsAnswer dmarc = dns.query("_dmarc." + domain, "TXT");
    String probe = "vigie-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE) + "." + domain;
    DnsAnswer wildcard = dns.query(probe, "A");
    Map<String, DnsAnswer> includes = followSpf(Spf.records(records.get("TXT").recordsOrEmpty()));
    // MTA-STS (RFC 8461) and TLS reporting (RFC 8460) only mean something for a domain that
    // receives mail.
    boolean mx = !records.get("MX").recordsOrEmpty().isEmpty();
    DnsAnswer mtaSts = mx ? dns.query("_mta-sts." + domain, "TXT") : null;
    DnsAnswer tlsRpt = mx ? dns.query("_smtp._tls." + domain, "TXT") : null;
    Map<String, ZoneTransferResult> transfers =
        axfr == null ? null : transfers(domain, records.get("NS"));
    return new DomainObservation(
        domain, records, dmarc, includes, probe, wildcard, mtaSts, tlsRpt, transfers);
  }

  /**
   * One AXFR request to each name server of the zone, at its first address the guard allows:
   * a server that hands the zone over lists every host, and is itself a finding.
   */
  private Map<String, ZoneTransferResult> transfers(String domain, DnsAnswer ns) {
    Map<String, ZoneTransferResult> out = new TreeMap<>();
    for (String record : ns.recordsOrEmpty()) {
      String server = Spf.normalise(record);
      if (server.isEmpty() || out.containsKey(server)) {
        continue;
      }
      List<String> addresses = new ArrayList<>(dns.query(server, "A").recordsOrEmpty());
      if (addresses.isEmpty()) {
        addresses.addAll(dns.query(server, "AAAA").recordsOrEmpty());
      }
      ZoneTransferResult result = new ZoneTransferResult.NotAsked(server, "no address");
      for (String address : addresses) {
        HostObservation.Address a = guard(address);
        if (!a.probe()) {
          result = new ZoneTransferResult.NotAsked(
              server, "address " + a.address() + " is " + a.category());
          continue;
        }
        try {
          result = axfr.transfer(domain, server, literal(a.address()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          result = new ZoneTransferResult.NoAnswer(server, "interrupted");
        }
        break;
      }
      out.put(server, result);
    }
    return out;
  }

  /** The host names of the domain's transferred zone that are in scope (no service labels). */
  static List<String> transferredNames(DomainObservation d, Scope scope) {
    if (d.transfers() == null) {
      return List.of();
    }
    Set<String> names = new TreeSet<>();
    for (ZoneTransferResult r : d.transfers().values()) {
      if (r instanceof ZoneTransferResult.Transferred t) {
        for (String name : t.names()) {
          if (!name.startsWith("*")
              && !name.startsWith("_")
              && !name.contains("._")
              && scope.contains(name)
              && fr.vigie.inventory.DomainNames.isValidHostName(name)) {
            names.add(name);
          }
        }
      }
    }
    return names.stream().limit(MAX_AXFR_NAMES).toList();
  }

  /** Breadth-first over include/redirect targets, bounded: past 10 lookups SPF fails anyway. */
  private Map<String, DnsAnswer> followSpf(List<String> spfRecords) {
    Map<String, DnsAnswer> fetched = new LinkedHashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>();
    for (String r : spfRecords) {
      queue.addAll(Spf.referencedDomains(Spf.parse(r)));
    }
    while (!queue.isEmpty() && fetched.size() < MAX_SPF_NAMES) {
      String name = queue.poll();
      if (fetched.containsKey(name)) {
        continue;
      }
      DnsAnswer txt = dns.query(name, "TXT");
      fetched.put(name, txt);
      for (String r : Spf.records(txt.recordsOrEmpty())) {
        queue.addAll(Spf.referencedDomains(Spf.parse(r)));
      }
    }
    return fetched;
  }

  /**
   * The addresses of a name that the guard lets probes reach: for a redirect to an in-scope name
   * discovery did not list. The caller has checked the scope.
   */
  public List<InetAddress> probeableAddresses(String name) {
    List<InetAddress> out = new ArrayList<>();
    for (HostObservation.Address a :
        observeHost(name, EnumSet.of(Source.CNAME), true).addresses()) {
      if (a.probe()) {
        out.add(literal(a.address()));
      }
    }
    return out;
  }

  /** An address of a host observation as an InetAddress (a literal: no lookup). */
  public static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + address, e);
    }
  }

  HostObservation observeHost(String name, Set<Source> sources, boolean inScope) {
    if (!inScope) {
      return outOfScope(name, sources, false);
    }
    List<String> chain = new ArrayList<>();
    String current = name;
    CnameChain.End end = CnameChain.End.RESOLVED;
    DnsAnswer a;
    while (true) {
      a = dns.query(current, "A");
      List<String> hops = a.cnameChain();
      boolean loop = false;
      for (String hop : hops) {
        if (hop.equals(name) || chain.contains(hop)) {
          loop = true;
          break;
        }
        chain.add(hop);
      }
      if (loop) {
        end = CnameChain.End.LOOP;
        break;
      }
      if (chain.size() > maxCnameDepth) {
        end = CnameChain.End.TOO_DEEP;
        break;
      }
      // An authoritative server stops at the edge of its zones: a NODATA ending on a CNAME means
      // "ask the target yourself".
      if (a instanceof DnsAnswer.NoData && !hops.isEmpty()) {
        current = chain.get(chain.size() - 1);
        continue;
      }
      if (a instanceof DnsAnswer.NxDomain && !chain.isEmpty()) {
        end = CnameChain.End.DANGLING;
      } else if (a instanceof DnsAnswer.Timeout || a instanceof DnsAnswer.ServFail) {
        end = chain.isEmpty() ? CnameChain.End.RESOLVED : CnameChain.End.UNKNOWN;
      }
      break;
    }
    DnsAnswer aaaa = null;
    if (end == CnameChain.End.RESOLVED && !(a instanceof DnsAnswer.NxDomain)) {
      aaaa = dns.query(chain.isEmpty() ? name : chain.get(chain.size() - 1), "AAAA");
    }
    DnsAnswer mx = sources.contains(Source.SEED) ? dns.query(name, "MX") : null;
    Set<String> addresses = new TreeSet<>(a.recordsOrEmpty());
    if (aaaa != null) {
      addresses.addAll(aaaa.recordsOrEmpty());
    }
    List<HostObservation.Address> guarded = new ArrayList<>();
    for (String address : addresses) {
      guarded.add(guard(address));
    }
    return new HostObservation(
        name, sources, true, new CnameChain(chain, end), a, aaaa, mx, guarded);
  }

  private HostObservation.Address guard(String address) {
    try {
      // A literal from a DNS answer: getByName parses it without any lookup.
      InetAddress ip = InetAddress.getByName(address);
      return new HostObservation.Address(
          ip.getHostAddress(), AddressGuard.classify(ip).id(), guard.mayProbe(ip));
    } catch (UnknownHostException e) {
      return new HostObservation.Address(address, "invalid", false);
    }
  }

  private static HostObservation outOfScope(String name, Set<Source> sources, boolean inScope) {
    return new HostObservation(
        name, sources, inScope, CnameChain.none(), null, null, null, List.of());
  }

  /** Whether DNS said clearly what this name is (an answer, NXDOMAIN or no data, all the way). */
  static boolean conclusive(HostObservation h) {
    if (h.a() == null || h.cname().end() == CnameChain.End.UNKNOWN) {
      return false;
    }
    boolean a = h.a() instanceof DnsAnswer.Resolved || h.a().isNegative();
    boolean aaaa =
        h.aaaa() == null || h.aaaa() instanceof DnsAnswer.Resolved || h.aaaa().isNegative();
    return a && aaaa;
  }

  /** A wordlist name counts when it has addresses, or a CNAME that says something (dangling). */
  private static boolean foundByWordlist(HostObservation h) {
    return h.hasAddress() || (!h.cname().isEmpty() && h.cname().end() != CnameChain.End.UNKNOWN);
  }

  /**
   * The wildcard answered, not a host: the same CNAME end as the random name, or (without CNAME)
   * an address in common with it.
   */
  static boolean matchesWildcard(HostObservation h, DomainObservation domain) {
    if (domain == null || !domain.hasWildcard()) {
      return false;
    }
    DnsAnswer w = domain.wildcard();
    Set<String> wildcardAddresses = new HashSet<>(w.recordsOrEmpty());
    Set<String> hostAddresses = new HashSet<>(h.a() == null ? List.of() : h.a().recordsOrEmpty());
    List<String> wc = w.cnameChain();
    String wildcardEnd = wc.isEmpty() ? null : wc.get(wc.size() - 1);
    if (wildcardEnd != null) {
      return wildcardEnd.equals(h.cname().last());
    }
    // A load-balanced wildcard answers with rotating addresses: sharing one is enough.
    return h.cname().isEmpty() && hostAddresses.stream().anyMatch(wildcardAddresses::contains);
  }

  private static boolean unreachable(DomainObservation d) {
    return d.record("SOA") instanceof DnsAnswer.Timeout
        && d.record("NS") instanceof DnsAnswer.Timeout
        && d.record("A") instanceof DnsAnswer.Timeout;
  }

  static String mxHost(String mx) {
    String[] parts = mx.strip().split("\\s+");
    return parts.length == 2 ? Spf.normalise(parts[1]) : "";
  }

  private static void add(Map<String, Set<Source>> candidates, String name, Source source) {
    candidates.computeIfAbsent(name, k -> new LinkedHashSet<>()).add(source);
  }

  private static <T> T get(Future<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
