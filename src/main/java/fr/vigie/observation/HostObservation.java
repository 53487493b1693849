package fr.vigie.observation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What DNS said about one host name of a commune.
 *
 * @param name the ASCII host name
 * @param sources how it was found
 * @param inScope under one of the commune's registrable domains; out-of-scope hosts are recorded
 *     but neither resolved further nor probed
 * @param cname the CNAME chain, if any
 * @param a the A answer for the end of the chain (null when not asked: out of scope)
 * @param aaaa the AAAA answer for the end of the chain (null when not asked)
 * @param mx the MX answer, asked for seeds only (null otherwise)
 * @param addresses the addresses found, each with what the address guard said of it
 */
public record HostObservation(
    String name,
    Set<Source> sources,
    boolean inScope,
    CnameChain cname,
    DnsAnswer a,
    DnsAnswer aaaa,
    DnsAnswer mx,
    List<Address> addresses) {

  public enum Source {
    SEED,
    APEX,
    WORDLIST,
    MX,
    NS,
    CNAME,
    /** A subject alternative name of a certificate a host of the commune presented. */
    SAN,
    /** A link, form or redirect on a page a probe fetched anyway. */
    LINK,
    /** A certificate of the commune's domain logged in Certificate Transparency. */
    CT,
    /** A record of a zone one of its name servers handed over (AXFR). */
    AXFR
  }

  /**
   * @param category the address guard's category ({@code public}, {@code private}, {@code loopback}…)
   * @param probe whether probes may connect to it in this scan
   */
  public record Address(String address, String category, boolean probe) {}

  public HostObservation {
    // Enum order, so that stored observations are the same bytes for the same answers.
    sources = sources.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(sources));
    cname = cname == null ? CnameChain.none() : cname;
    addresses = List.copyOf(addresses);
  }

  public boolean isSeed() {
    return sources.contains(Source.SEED);
  }

  public boolean hasAddress() {
    return !addresses.isEmpty();
  }
}
