package fr.vigie.engine;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How a scan runs.
 *
 * @param resolvers DNS servers to ask; empty means the system's
 * @param allowPrivate probe private, loopback and other non-public addresses (tests, demo)
 * @param concurrency communes in progress at once
 * @param dnsInFlight DNS questions in flight at once, across all communes
 * @param dnsTimeout per DNS attempt
 * @param dnsRetries further attempts after a timeout
 * @param maxCnameDepth CNAMEs followed before giving up
 * @param wordlist subdomain labels to try under each registrable domain
 */
public record ScanSettings(
    List<InetSocketAddress> resolvers,
    boolean allowPrivate,
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
    return new ScanSettings(List.of(), false, 16, 64, Duration.ofSeconds(3), 1, 8, wordlist);
  }

  public ScanSettings withResolvers(List<InetSocketAddress> r) {
    return new ScanSettings(r, allowPrivate, concurrency, dnsInFlight, dnsTimeout, dnsRetries, maxCnameDepth, wordlist);
  }

  public ScanSettings withAllowPrivate(boolean allow) {
    return new ScanSettings(resolvers, allow, concurrency, dnsInFlight, dnsTimeout, dnsRetries, maxCnameDepth, wordlist);
  }

  public ScanSettings withDnsTimeout(Duration timeout, int retries) {
    return new ScanSettings(resolvers, allowPrivate, concurrency, dnsInFlight, timeout, retries, maxCnameDepth, wordlist);
  }

  public ScanSettings withConcurrency(int communes, int dns) {
    return new ScanSettings(resolvers, allowPrivate, communes, dns, dnsTimeout, dnsRetries, maxCnameDepth, wordlist);
  }
}
