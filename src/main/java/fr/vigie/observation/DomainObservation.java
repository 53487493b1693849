package fr.vigie.observation;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What DNS said about one registrable domain of a commune: the records at its apex, its DMARC
 * record, the SPF records its SPF includes, and whether a random name under it resolves.
 *
 * @param records answers at the apex by type (A, AAAA, MX, NS, TXT, CAA, SOA, DS, DNSKEY)
 * @param dmarc the TXT answer at {@code _dmarc.<domain>}
 * @param spfIncludes TXT answers of the names reached through {@code include:} and {@code
 *     redirect=}, so that SPF lookups can be counted without I/O
 * @param wildcardProbe the random name asked to detect a wildcard
 * @param wildcard the A answer for that name: resolved means the zone has a wildcard
 * @param transfers what each name server of the domain did with one AXFR request, by server
 *     name; null when the scan did not ask
 */
public record DomainObservation(
    String domain,
    Map<String, DnsAnswer> records,
    DnsAnswer dmarc,
    Map<String, DnsAnswer> spfIncludes,
    String wildcardProbe,
    DnsAnswer wildcard,
    DnsAnswer mtaSts,
    DnsAnswer tlsRpt,
    Map<String, ZoneTransferResult> transfers) {

  public DomainObservation {
    records = Map.copyOf(new TreeMap<>(records));
    spfIncludes = Map.copyOf(spfIncludes);
    transfers = transfers == null ? null : Collections.unmodifiableMap(new TreeMap<>(transfers));
  }

  /** Without zone transfers: not asked. */
  public DomainObservation(
      String domain,
      Map<String, DnsAnswer> records,
      DnsAnswer dmarc,
      Map<String, DnsAnswer> spfIncludes,
      String wildcardProbe,
      DnsAnswer wildcard,
      DnsAnswer mtaSts,
      DnsAnswer tlsRpt) {
    this(domain, records, dmarc, spfIncludes, wildcardProbe, wildcard, mtaSts, tlsRpt, null);
  }

  /** Without the mail transport records (TXT at {@code _mta-sts} and {@code _smtp._tls}): not asked. */
  public DomainObservation(
      String domain,
      Map<String, DnsAnswer> records,
      DnsAnswer dmarc,
      Map<String, DnsAnswer> spfIncludes,
      String wildcardProbe,
      DnsAnswer wildcard) {
    this(domain, records, dmarc, spfIncludes, wildcardProbe, wildcard, null, null, null);
  }

  public DnsAnswer record(String type) {
    return records.getOrDefault(type, new DnsAnswer.Timeout());
  }

  /** The TXT strings at the apex that are SPF records ({@code v=spf1} then a space or nothing). */
  public List<String> spfRecords() {
    return Spf.records(record("TXT").recordsOrEmpty());
  }

  /**
   * False when the domain itself does not exist (NXDOMAIN at its apex): a lapsed domain has no
   * zone to sign and no CAA to publish, and saying so would bury the one finding that matters.
   */
  public boolean exists() {
    return !(record("SOA") instanceof DnsAnswer.NxDomain);
  }

  public boolean hasWildcard() {
    return wildcard instanceof DnsAnswer.Resolved;
  }
}
