package fr.vigie.engine;

import fr.vigie.net.AddressGuard;
import java.net.InetSocketAddress;
import java.time.Duration;
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
 */
public record ScanSettings(
    List<InetSocketAddress> resolvers,
    AddressGuard.Policy addressPolicy,
    int concurrency,
    int dnsInFlight,
    Duration dnsTimeout,
    int dnsRetries,
    int maxCnameDepth,
    List<String> wordlist) {

  public ScanSettings {
    resolvers = List.copyOf(resolvers);
    wordlist = List.copyOf(wordlist);
    if (concurrency < 1 || dnsInFlight < 1) {
      throw new IllegalArgumentException("concurrency limits must be at least 1");
    }
  }

  public static ScanSettings defaults(List<String> wordlist) {
    return new ScanSettings(List.of(), AddressGuard.Policy.PUBLIC_ONLY, 16, 64, Duration.ofSeconds(3), 1, 8, wordlist);
  }

  public ScanSettings withResolvers(List<InetSocketAddress> r) {
    return new ScanSettings(r, addressPolicy, concurrency, dnsInFlight, dnsTimeout, dnsRetries, maxCnameDepth, wordlist);
  }

  public ScanSettings withAddressPolicy(AddressGuard.Policy policy) {
    return new ScanSettings(resolvers, policy, concurrency, dnsInFlight, dnsTimeout, dnsRetries, maxCnameDepth, wordlist);
  }

  public ScanSettings withDnsTimeout(Duration timeout, int retries) {
    return new ScanSettings(resolvers, addressPolicy, concurrency, dnsInFlight, timeout, retries, maxCnameDepth, wordlist);
  }

  public ScanSettings withConcurrency(int communes, int dns) {
    return new ScanSettings(resolvers, addressPolicy, communes, dns, dnsTimeout, dnsRetries, maxCnameDepth, wordlist);
  }
}
