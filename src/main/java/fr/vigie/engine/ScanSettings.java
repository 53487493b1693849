package fr.vigie.engine;

import fr.vigie.check.tls.TrustAnchors;
import fr.vigie.net.AddressGuard;
import fr.vigie.probe.HttpSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a scan runs.
 *
 * @param resolvers DNS servers to ask; empty means the system's
 * @param addressPolicy which addresses probes may connect to
 * @param concurrency communes in progress at once
 * @param dnsInFlight DNS questions in flight at once, across all communes
 * @param dnsTimeout per DNS attempt
 * @param dnsRetries further attempts after a timeout
 * @param maxCnameDepth CNAMEs followed before giving up
 * @param wordlist subdomain labels to try under each registrable domain
 * @param web whether to run the web probes (HTTP, HTTPS, exposed paths)
 * @param http how the web probes behave
 * @param perIp connections open to one IP address at once (idle keep-alive ones included)
 * @param spacing least time between the starts of two requests to one IP address (a floor: the
 *     pace also follows the server)
 * @param tls whether to run the TLS probe on each host's HTTPS ports
 * @param trust the authorities certificate chains are validated against
 * @param technologies whether to identify the software of each web host (and request the
 *     version sources its home page suggests)
 * @param ports the ports the service probe tries on each in-scope address (empty: none)
 * @param portTimeout how long a port has to accept the connection
 * @param intrusive whether to try FTP's anonymous login (it logs in)
 * @param communeTimeout the longest one commune may take: past three quarters of it no new probe
 *     family starts (what was not asked is "no answer"), at its end the commune is stopped and
 *     stored as unreachable
 * @param idleNotice after this long without a commune finishing, the listener hears what is
 *     still running
 * @param ctUrl a Certificate Transparency search URL with {@code {domain}}, or null: not asked
 * @param axfr whether discovery asks each name server of the commune's zones for one zone
 *     transfer
 */
public record ScanSettings(
    List<InetSocketAddress> resolvers,
    AddressGuard.Policy addressPolicy,
    int concurrency,
    int dnsInFlight,
    Duration dnsTimeout,
    int dnsRetries,
    int maxCnameDepth,
    List<String> wordlist,
    boolean web,
    HttpSettings http,
    int perIp,
    Duration spacing,
    boolean tls,
    TrustAnchors trust,
    boolean technologies,
    List<fr.vigie.probe.ServicePorts.Spec> ports,
    Duration portTimeout,
    boolean intrusive,
    Duration communeTimeout,
    Duration idleNotice,
    String ctUrl,
    boolean axfr) {

  public ScanSettings {
    resolvers = List.copyOf(resolvers);
    wordlist = List.copyOf(wordlist);
    ports = List.copyOf(ports);
    if (concurrency < 1 || dnsInFlight < 1 || perIp < 1) {
      throw new IllegalArgumentException("concurrency limits must be at least 1");
    }
  }

  /**
   * The options that left part of the default scan out, as a user would type them: what a
   * report says narrowed the scan (its findings there are "not asked", never resolved).
   */
  public List<String> narrowedBy() {
    List<String> out = new ArrayList<>();
    if (wordlist.isEmpty()) {
      out.add("--no-wordlist");
    } else if (!wordlist.equals(fr.vigie.discovery.Wordlist.builtIn())) {
      out.add("--wordlist (" + wordlist.size() + ")");
    }
    if (!web) {
      out.add("--no-web");
    } else if (!http.paths()) {
      out.add("--no-paths");
    }
    if (!tls) {
      out.add("--no-tls");
    }
    if (!axfr) {
      out.add("--no-axfr");
    }
    if (!technologies && web) {
      out.add("--no-tech");
    }
    if (ports.isEmpty()) {
      out.add("--no-ports");
    } else if (!ports.equals(fr.vigie.probe.ServicePorts.builtIn())) {
      out.add("--ports "
          + String.join(",", ports.stream().map(p -> String.valueOf(p.port())).toList()));
    }
    return out;
  }

  public static Builder builder(List<String> wordlist) {
    return new Builder(wordlist);
  }

  /** Defaults for real scans; change what differs. */
  public static final class Builder {
    private List<InetSocketAddress> resolvers = List.of();
    private AddressGuard.Policy addressPolicy = AddressGuard.Policy.PUBLIC_ONLY;
    private int concurrency = 16;
    private int dnsInFlight = 64;
    private Duration dnsTimeout = Duration.ofSeconds(3);
    private int dnsRetries = 1;
    private int maxCnameDepth = 8;
    private final List<String> wordlist;
    private boolean web = true;
    private HttpSettings http = HttpSettings.defaults();
    private int perIp = 2;
    private Duration spacing = Duration.ZERO;
    private boolean tls = true;
    private TrustAnchors trust;
    private boolean technologies = true;
    private List<fr.vigie.probe.ServicePorts.Spec> ports = fr.vigie.probe.ServicePorts.builtIn();
    private Duration portTimeout = Duration.ofMillis(1500);
    private boolean intrusive;
    private Duration communeTimeout = Duration.ofMinutes(10);
    private Duration idleNotice = Duration.ofMinutes(1);
    private String ctUrl;
    private boolean axfr = true;

    private Builder(List<String> wordlist) {
      this.wordlist = wordlist;
    }

    public Builder resolvers(List<InetSocketAddress> value) {
      resolvers = value;
      return this;
    }

    public Builder addressPolicy(AddressGuard.Policy value) {
      addressPolicy = value;
      return this;
    }

    public Builder concurrency(int communes, int dns) {
      concurrency = communes;
      dnsInFlight = dns;
      return this;
    }

    public Builder dnsTimeout(Duration timeout, int retries) {
      dnsTimeout = timeout;
      dnsRetries = retries;
      return this;
    }

    public Builder web(boolean value) {
      web = value;
      return this;
    }

    public Builder http(HttpSettings value) {
      http = value;
      return this;
    }

    public Builder perIp(int value) {
      perIp = value;
      return this;
    }

    public Builder spacing(Duration value) {
      spacing = value;
      return this;
    }

    public Builder ports(List<fr.vigie.probe.ServicePorts.Spec> value) {
      ports = value;
      return this;
    }

    public Builder portTimeout(Duration value) {
      portTimeout = value;
      return this;
    }

    public Builder intrusive(boolean value) {
      intrusive = value;
      return this;
    }

    public Builder communeTimeout(Duration value) {
      communeTimeout = value;
      return this;
    }

    public Builder axfr(boolean value) {
      axfr = value;
      return this;
    }

    public Builder ct(String urlTemplate) {
      ctUrl = urlTemplate;
      return this;
    }

    public Builder idleNotice(Duration value) {
      idleNotice = value;
      return this;
    }

    public Builder technologies(boolean value) {
      technologies = value;
      return this;
    }

    public Builder tls(boolean value) {
      tls = value;
      return this;
    }

    public Builder trust(TrustAnchors value) {
      trust = value;
      return this;
    }

    public ScanSettings build() {
      return new ScanSettings(
          resolvers,
          addressPolicy,
          concurrency,
          dnsInFlight,
          dnsTimeout,
          dnsRetries,
          maxCnameDepth,
          wordlist,
          web,
          http,
          perIp,
          spacing,
          tls,
          trust == null ? TrustAnchors.jdkAnd(List.of()) : trust,
          technologies,
          ports,
          portTimeout,
          intrusive,
          communeTimeout,
          idleNotice,
          ctUrl,
          axfr);
    }
  }
}
