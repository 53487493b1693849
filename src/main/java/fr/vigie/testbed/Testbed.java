package fr.vigie.testbed;

import fr.vigie.UserInputException;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.DomainNames;
import fr.vigie.inventory.InvalidTargetException;
import fr.vigie.testbed.Scenario.CommuneSpec;
import fr.vigie.testbed.Scenario.HostSpec;
import fr.vigie.testbed.Scenario.Site;
import fr.vigie.testbed.Scenario.ZoneSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.xbill.DNS.Name;
import org.xbill.DNS.Zone;

/**
 * Simulated communes on loopback: a DNS server for their zones and web servers for their hosts,
 * each host on a loopback address of its own unless it shares a hosting address. For the demo,
 * the benchmark and every integration test; nothing here leaves 127.0.0.0/8. Close it.
 */
public final class Testbed implements AutoCloseable {

  /** The testbed's name servers: outside every commune's scope, as a DNS host's would be. */
  static final String NAME_SERVERS = "ns1.dns-testbed.test. ns2.dns-testbed.test.";

  private final TestbedDns dns;
  private final List<AutoCloseable> web;
  private final TestbedCertificates certificates;
  private final List<Commune> communes;
  private final Map<String, String> hostAddresses;
  private final int httpPort;
  private final int httpsPort;
  private final Map<Integer, Integer> servicePorts = new TreeMap<>();
  private volatile ConnectionCounter connections;

  private Testbed(
      TestbedDns dns,
      List<AutoCloseable> web,
      TestbedCertificates certificates,
      List<Commune> communes,
      Map<String, String> hostAddresses,
      int httpPort,
      int httpsPort) {
    this.dns = dns;
    this.web = web;
    this.certificates = certificates;
    this.communes = communes;
    this.hostAddresses = hostAddresses;
    this.httpPort = httpPort;
    this.httpsPort = httpsPort;
  }

  /** Starts the scenario's servers: DNS on {@code dnsPort} (0: any free port). */
  public static Testbed start(Scenario scenario, int dnsPort) throws IOException {
    return start(scenario, dnsPort, true);
  }

  /**
   * @param withWeb false to start DNS only (tests of discovery need no web servers)
   */
  public static Testbed start(Scenario scenario, int dnsPort, boolean withWeb) throws IOException {
    return start(scenario, dnsPort, withWeb, 0);
  }

  /**
   * @param latencyMillis a round trip added to every web connection (0: none): accepts, TLS
   *     flights and responses arrive as late as over the internet ({@link LatencyRelay})
   */
  public static Testbed start(Scenario scenario, int dnsPort, boolean withWeb, int latencyMillis)
      throws IOException {
    TestbedCertificates certificates = new TestbedCertificates(Instant.now());
    AddressPlan plan = new AddressPlan(scenario.addresses());
    List<Zone> zones = new ArrayList<>();
    List<Commune> communes = new ArrayList<>();
    // address -> (host -> site), for the web servers
    Map<String, Map<String, Site>> httpByAddress = new LinkedHashMap<>();
    Map<String, Map<String, Site>> httpsByAddress = new LinkedHashMap<>();
    Map<String, String> hostAddresses = new LinkedHashMap<>();
    Map<String, Map<Integer, String>> servicesByAddress = new LinkedHashMap<>();
    Map<String, String> serviceHosts = new LinkedHashMap<>();
    Map<String, List<String>> starttlsNames = new LinkedHashMap<>();
    for (CommuneSpec c : scenario.communes()) {
      String where = "commune " + c.insee() + " (" + c.name() + ")";
      String domain = ascii(c.domain(), where);
      zones.add(zone(
          domain,
          c.records(),
          c.hosts(),
          plan,
          httpByAddress,
          httpsByAddress,
          hostAddresses,
          where));
      collectServices(
          domain, c.hosts(), hostAddresses, servicesByAddress, serviceHosts, starttlsNames);
      List<String> seeds = new ArrayList<>();
      for (String seed : c.seeds().isEmpty() ? List.of(c.domain()) : c.seeds()) {
        seeds.add(ascii(seed, where));
      }
      communes.add(new Commune(c.insee(), c.name(), seeds));
    }
    List<ZoneSpec> extraZones = new ArrayList<>(scenario.extraZones());
    extraZones.add(authorityZone(certificates));
    for (ZoneSpec z : extraZones) {
      String where = "zone " + z.domain();
      String domain = ascii(z.domain(), where);
      zones.add(zone(
          domain,
          z.records(),
          z.hosts(),
          plan,
          httpByAddress,
          httpsByAddress,
          hostAddresses,
          where));
      collectServices(
          domain, z.hosts(), hostAddresses, servicesByAddress, serviceHosts, starttlsNames);
    }
    zones.add(nameServerZone());
    TestbedDns dns = new TestbedDns(zones, dnsPort);
    for (CommuneSpec c : scenario.communes()) {
      if (c.dns() != null) {
        dns.misbehave(ascii(c.domain(), "commune " + c.insee()), c.dns());
      }
      if ("open".equals(c.axfr())) {
        dns.openTransfers(ascii(c.domain(), "commune " + c.insee()));
      }
    }
    List<AutoCloseable> servers = new ArrayList<>();
    int[] ports = {0, 0};
    Map<Integer, Integer> servicePorts = new TreeMap<>();
    if (withWeb) {
      try {
        ports = startWeb(httpByAddress, httpsByAddress, certificates, servers, latencyMillis);
        servicePorts = startServices(
            servicesByAddress,
            serviceHosts,
            starttlsNames,
            servers,
            certificates,
            hostAddresses.values().stream()
                .filter(a -> a.startsWith("127."))
                .collect(Collectors.toCollection(TreeSet::new)),
            ports[0],
            ports[1]);
      } catch (IOException | RuntimeException e) {
        dns.close();
        closeAll(servers);
        throw e;
      }
    }
    Map<String, List<String>> ct = new LinkedHashMap<>();
    for (CommuneSpec c : scenario.communes()) {
      if (!c.ct().isEmpty()) {
        ct.put(ascii(c.domain(), "commune " + c.insee()), c.ct());
      }
    }
    TestbedCt ctServer = new TestbedCt(ct);
    servers.add(ctServer);
    Testbed t = new Testbed(
        dns, servers, certificates, List.copyOf(communes), hostAddresses, ports[0], ports[1]);
    t.servicePorts.putAll(servicePorts);
    t.ctUrl = ctServer.urlTemplate();
    t.kinds = kinds(hostAddresses, httpByAddress, httpsByAddress);
    return t;
  }

  /**
   * What kind of web host each name is, for counting what a scan costs each kind: on an address
   * shared with other sites or on one of its own, with an HTTPS site or HTTP only (a redirect to
   * another name), a name the address's servers do not know (the hoster's default page), or an
   * address without web servers.
   */
  private static Map<String, String> kinds(
      Map<String, String> hostAddresses,
      Map<String, Map<String, Site>> httpByAddress,
      Map<String, Map<String, Site>> httpsByAddress) {
    Map<String, String> kinds = new TreeMap<>();
    hostAddresses.forEach((name, address) -> {
      Map<String, Site> http = httpByAddress.getOrDefault(address, Map.of());
      Map<String, Site> https = httpsByAddress.getOrDefault(address, Map.of());
      Set<String> sites = new HashSet<>(http.keySet());
      sites.addAll(https.keySet());
      String where = sites.size() > 1 ? "shared" : "own";
      if (sites.isEmpty()) {
        kinds.put(name, "no-web");
      } else if (https.containsKey(name)) {
        kinds.put(name, where + "-https");
      } else if (http.containsKey(name)) {
        kinds.put(name, where + "-http-only");
      } else {
        kinds.put(name, where + "-unconfigured");
      }
    });
    return kinds;
  }

  /**
   * By kind of web host (see {@link #kinds}): how many names, and the HTTP requests and full TLS
   * handshakes the testbed's servers saw for them since the start, in total.
   */
  public Map<String, long[]> costByKind() {
    Map<String, long[]> out = new TreeMap<>();
    Map<String, Long> requests = new HashMap<>();
    Map<String, Long> handshakes = new HashMap<>();
    for (AutoCloseable c : web) {
      if (c instanceof TestbedWeb w) {
        w.requests().forEach((name, n) -> requests.merge(name, n.sum(), Long::sum));
        w.handshakes().forEach((name, n) -> handshakes.merge(name, n.sum(), Long::sum));
      }
    }
    kinds.forEach((name, kind) -> {
      long[] cost = out.computeIfAbsent(kind, k -> new long[3]);
      cost[0]++;
      cost[1] += requests.getOrDefault(name, 0L);
      cost[2] += handshakes.getOrDefault(name, 0L);
    });
    return out;
  }

  private static void collectServices(
      String domain,
      Map<String, HostSpec> hosts,
      Map<String, String> hostAddresses,
      Map<String, Map<Integer, String>> servicesByAddress,
      Map<String, String> serviceHosts,
      Map<String, List<String>> starttlsNames) {
    for (Map.Entry<String, HostSpec> h : hosts.entrySet()) {
      if (h.getValue() == null || h.getValue().services().isEmpty()) {
        continue;
      }
      String label = h.getKey().strip();
      String host = label.equals("@") ? domain : ascii(label, domain) + "." + domain;
      servicesByAddress
          .computeIfAbsent(hostAddresses.get(host), k -> new TreeMap<>())
          .putAll(h.getValue().services());
      serviceHosts.putIfAbsent(hostAddresses.get(host), host);
      starttlsNames
          .computeIfAbsent(hostAddresses.get(host), k -> new ArrayList<>())
          .addAll(h.getValue().starttlsNames());
    }
  }

  /**
   * Gives every port of the probe's list (and every port a scenario uses) a high port, and binds
   * the scenario's services there on their addresses only: on every other address that high port
   * refuses, as a closed port does. The map goes to the scan's --port-map.
   */
  private static Map<Integer, Integer> startServices(
      Map<String, Map<Integer, String>> servicesByAddress,
      Map<String, String> serviceHosts,
      Map<String, List<String>> starttlsNames,
      List<AutoCloseable> servers,
      TestbedCertificates certificates,
      Collection<String> probed,
      int... reserved)
      throws IOException {
    Set<Integer> wanted = new TreeSet<>();
    fr.vigie.probe.ServicePorts.builtIn().forEach(p -> wanted.add(p.port()));
    servicesByAddress.values().forEach(m -> wanted.addAll(m.keySet()));
    Map<Integer, Integer> map = new TreeMap<>();
    // The web servers' two ports are bound on the sites' addresses, not on 127.0.0.1 where free
    // ports are looked for: without this, a service port could be the web port, and every site
    // would seem to run a second web server (on "8080") — a finding that came and went.
    Set<Integer> taken = new HashSet<>();
    for (int r : reserved) {
      taken.add(r);
    }
    for (int port : wanted) {
      int high;
      do {
        high = freePort();
      } while (!freeOn(high, probed) || !taken.add(high));
      map.put(port, high);
    }
    for (Map.Entry<String, Map<Integer, String>> a : servicesByAddress.entrySet()) {
      for (Map.Entry<Integer, String> s : a.getValue().entrySet()) {
        SSLContext tls = s.getValue().equals("smtp-starttls")
            ? TestbedWeb.serverContext(
                serviceHosts.getOrDefault(a.getKey(), "mx.testbed.test"),
                certificates,
                starttlsNames.getOrDefault(a.getKey(), List.of()))
            : null;
        servers.add(new TestbedService(
            InetAddress.getByName(a.getKey()), map.get(s.getKey()), s.getValue(), tls));
      }
    }
    return map;
  }

  /** The ports to give the scan's --port-map: 80 and 443, and every service port of the probe's list. */
  public Map<Integer, Integer> portMap() {
    Map<Integer, Integer> out = new TreeMap<>(servicePorts);
    out.put(53, dns.port());
    out.put(80, httpPort);
    out.put(443, httpsPort);
    return out;
  }

  /** Binds every address on one HTTP and one HTTPS port, trying other ports if one is taken. */
  private static int[] startWeb(
      Map<String, Map<String, Site>> httpByAddress,
      Map<String, Map<String, Site>> httpsByAddress,
      TestbedCertificates certificates,
      List<AutoCloseable> servers,
      int latencyMillis)
      throws IOException {
    List<String> addresses = new ArrayList<>(httpByAddress.keySet());
    httpsByAddress.keySet().stream().filter(a -> !addresses.contains(a)).forEach(addresses::add);
    IOException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      int httpPort = freePort();
      int httpsPort = freePort();
      // With a latency, the servers listen on ports of their own behind a relay on the public ones.
      int serverHttp = latencyMillis > 0 ? freePort() : httpPort;
      int serverHttps = latencyMillis > 0 ? freePort() : httpsPort;
      try {
        for (String a : addresses) {
          Map<String, Site> https = httpsByAddress.getOrDefault(a, Map.of());
          boolean legacy = https.values().stream()
              .anyMatch(site -> Boolean.TRUE.equals(site.insecureRenegotiation()));
          servers.add(new TestbedWeb(
              InetAddress.getByName(a),
              serverHttp,
              serverHttps,
              httpByAddress.getOrDefault(a, Map.of()),
              legacy ? Map.of() : https,
              certificates));
          if (legacy) {
            servers.add(new TestbedLegacyTls(InetAddress.getByName(a), serverHttps));
          }
          if (latencyMillis > 0) {
            InetAddress address = InetAddress.getByName(a);
            servers.add(new LatencyRelay(address, httpPort, serverHttp, latencyMillis));
            servers.add(new LatencyRelay(address, httpsPort, serverHttps, latencyMillis));
          }
        }
        return new int[] {httpPort, httpsPort};
      } catch (BindException e) {
        closeAll(servers);
        servers.clear();
        last = e;
      }
    }
    throw new IOException("could not bind the testbed's web servers: " + last.getMessage(), last);
  }

  /**
   * Whether nothing listens on this port on any of these addresses: a port free on 127.0.0.1 may
   * be held on another loopback address (by another testbed of the same process), and a scan would
   * then meet a service that is not this scenario's.
   */
  private static boolean freeOn(int port, Collection<String> addresses) {
    for (String a : addresses) {
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(InetAddress.getByName(a), port), 1);
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  /**
   * The name servers' own zone: they are the DNS server itself (127.0.0.1, port 53 mapped to its
   * port), so that a zone transfer asked of a commune's name server reaches it.
   */
  private static ZoneSpec authorityZone(TestbedCertificates certificates) {
    Scenario.Page issuer = new Scenario.Page(
        200, certificates.intermediatePem(), Map.of("Content-Type", "application/x-pem-file"));
    Scenario.Site site = new Scenario.Site(
        404,
        null,
        Map.of(),
        "",
        Map.of(TestbedCertificates.INTERMEDIATE_PATH, issuer),
        null,
        null,
        null,
        null,
        null,
        null);
    return new ZoneSpec(
        TestbedCertificates.AUTHORITY_HOST.substring(
            TestbedCertificates.AUTHORITY_HOST.indexOf('.') + 1),
        List.of(),
        Map.of(
            TestbedCertificates.AUTHORITY_HOST.substring(
                0, TestbedCertificates.AUTHORITY_HOST.indexOf('.')),
            new HostSpec(null, site, null)));
  }

  private static Zone nameServerZone() {
    StringBuilder master = new StringBuilder(
        "$TTL 300\n@ SOA ns1.dns-testbed.test. hostmaster.dns-testbed.test. 1 3600 600 86400 300\n");
    for (String ns : NAME_SERVERS.split(" ")) {
      master.append("@ NS ").append(ns).append('\n');
      master.append(ns).append(" A 127.0.0.1\n");
    }
    try {
      return new Zone(
          Name.fromString("dns-testbed.test."),
          new ByteArrayInputStream(master.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Zone zone(
      String domain,
      List<String> records,
      Map<String, HostSpec> hosts,
      AddressPlan plan,
      Map<String, Map<String, Site>> httpByAddress,
      Map<String, Map<String, Site>> httpsByAddress,
      Map<String, String> hostAddresses,
      String where) {
    StringBuilder master = new StringBuilder();
    master.append("$TTL 300\n");
    master
        .append("@ SOA ns1.dns-testbed.test. hostmaster.")
        .append(domain)
        .append(". 1 3600 600 86400 300\n");
    for (String ns : NAME_SERVERS.split(" ")) {
      master.append("@ NS ").append(ns).append('\n');
    }
    for (Map.Entry<String, HostSpec> h : hosts.entrySet()) {
      String label = h.getKey().strip();
      String host = label.equals("@") ? domain : ascii(label, where) + "." + domain;
      HostSpec spec = h.getValue() == null ? new HostSpec(null, null, null) : h.getValue();
      String address = plan.addressOf(host, spec.address(), where);
      master
          .append(label.equals("@") ? "@" : ascii(label, where))
          .append(address.contains(":") ? " AAAA " : " A ")
          .append(address)
          .append('\n');
      hostAddresses.put(host, address);
      if (spec.http() != null) {
        httpByAddress.computeIfAbsent(address, k -> new LinkedHashMap<>()).put(host, spec.http());
      }
      if (spec.https() != null) {
        httpsByAddress.computeIfAbsent(address, k -> new LinkedHashMap<>()).put(host, spec.https());
      }
    }
    for (String line : records) {
      master.append(line).append('\n');
    }
    try {
      return new Zone(
          Name.fromString(domain + "."),
          new ByteArrayInputStream(master.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      throw new UserInputException(
          "scenario, " + where + ": invalid records: " + e.getMessage(), e);
    }
  }

  private static String ascii(String name, String where) {
    try {
      if (name.equals("*")) {
        return name;
      }
      if (name.startsWith("*.")) {
        return "*." + DomainNames.normalise(name.substring(2) + ".x").replaceFirst("\\.x$", "");
      }
      return name.contains(".")
          ? DomainNames.normalise(name)
          : DomainNames.normalise(name + ".x").replaceFirst("\\.x$", "");
    } catch (InvalidTargetException e) {
      throw new UserInputException("scenario, " + where + ": " + e.getMessage());
    }
  }

  /** Gives each host its address: a literal, a named shared one, or a fresh loopback one. */
  private static final class AddressPlan {
    private final Map<String, String> named;
    private int next = 0;

    AddressPlan(Map<String, String> named) {
      this.named = named;
    }

    String addressOf(String host, String wanted, String where) {
      if (wanted == null || wanted.isBlank()) {
        next++;
        // 127.1.0.1 onwards; 127.0.0.x stays free for the DNS server and other tools.
        return "127." + (1 + next / 65_024) + "." + ((next / 254) % 256) + "." + (next % 254 + 1);
      }
      String literal = named.getOrDefault(wanted, wanted);
      if (!literal.matches("[0-9.]+|[0-9a-fA-F:]+")) {
        throw new UserInputException(
            "scenario, " + where + ": host " + host + ": unknown address '" + wanted + "'");
      }
      return literal;
    }
  }

  private String ctUrl;
  private Map<String, String> kinds = Map.of();

  /** The testbed's Certificate Transparency search, for {@code --ct-url}. */
  public String ctUrl() {
    return ctUrl;
  }

  public InetSocketAddress dnsAddress() {
    return dns.address();
  }

  public List<Commune> communes() {
    return communes;
  }

  public String caPem() {
    return certificates.caPem();
  }

  public int httpPort() {
    return httpPort;
  }

  public int httpsPort() {
    return httpsPort;
  }

  /** The most HTTP requests any one address served at once since the start. */
  public int maxConcurrentPerAddress() {
    int max = 0;
    for (AutoCloseable c : web) {
      if (c instanceof TestbedWeb w) {
        max = Math.max(max, w.maxInFlight());
      }
    }
    return max;
  }

  /**
   * Every count starts again from nothing: requests, handshakes, requests and connections at
   * once. The bench warms the testbed's JVM with a first sweep and counts only the one it times.
   */
  public void resetCounts() {
    for (AutoCloseable c : web) {
      if (c instanceof TestbedWeb w) {
        w.resetCounts();
      }
    }
    ConnectionCounter c = connections;
    if (c != null) {
      c.reset();
    }
  }

  /** Host name to the address its A (or AAAA) record gives. */
  public Map<String, String> hostAddresses() {
    return hostAddresses;
  }

  private static void closeAll(List<AutoCloseable> servers) {
    for (AutoCloseable c : servers) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() {
    ConnectionCounter c = connections;
    if (c != null) {
      c.close();
    }
    dns.close();
    closeAll(web);
  }

  /**
   * Starts counting, on the servers' side, the TCP connections open to each web address (see
   * {@link ConnectionCounter}); false where the system cannot tell (not Linux).
   */
  public boolean countConnections() {
    if (!ConnectionCounter.available()) {
      return false;
    }
    connections = new ConnectionCounter(
        new HashSet<>(hostAddresses.values()), Set.of(httpPort, httpsPort), 25);
    return true;
  }

  /**
   * The most TCP connections open at once to one web address since {@link #countConnections},
   * and that address; {@code none=0} when not counted.
   */
  public Map.Entry<String, Integer> maxOpenConnectionsPerAddress() {
    ConnectionCounter c = connections;
    return c == null ? Map.entry("none", 0) : c.busiest();
  }

  /**
   * The most connections to one address listed in a single reading of the kernel's table: an upper
   * bound of {@link #maxOpenConnectionsPerAddress} (see {@link ConnectionCounter}).
   */
  public Map.Entry<String, Integer> maxListedConnectionsPerAddress() {
    ConnectionCounter c = connections;
    return c == null ? Map.entry("none", 0) : c.busiestInOneReading();
  }
}
