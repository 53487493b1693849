package fr.vigie.check;

import fr.vigie.observation.CnameChain;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.ZoneTransferResult;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Observations built in memory for check tests: a signed-off zone unless told otherwise. */
public final class DnsFixtures {

  private DnsFixtures() {}

  public static DomainBuilder domain(String domain) {
    return new DomainBuilder(domain);
  }

  public static final class DomainBuilder {
    private final String domain;
    private final Map<String, DnsAnswer> records = new LinkedHashMap<>();
    private DnsAnswer dmarc = DnsAnswer.nxDomain();
    private final Map<String, DnsAnswer> includes = new HashMap<>();
    private DnsAnswer wildcard = DnsAnswer.nxDomain();
    private Map<String, ZoneTransferResult> transfers;

    DomainBuilder(String domain) {
      this.domain = domain;
      for (String type : List.of("A", "AAAA", "MX", "TXT", "CAA", "DS", "DNSKEY")) {
        records.put(type, DnsAnswer.noData());
      }
      records.put(
          "SOA",
          DnsAnswer.resolved(
              List.of("ns1.h.test. hostmaster." + domain + ". 1 3600 600 86400 300")));
      records.put("NS", DnsAnswer.resolved(List.of("ns1.h.test.", "ns2.h.test.")));
    }

    public DomainBuilder record(String type, DnsAnswer answer) {
      records.put(type, answer);
      return this;
    }

    public DomainBuilder records(String type, String... values) {
      return record(type, DnsAnswer.resolved(Arrays.asList(values)));
    }

    public DomainBuilder mx(String... values) {
      return records("MX", values);
    }

    public DomainBuilder txt(String... values) {
      return records("TXT", values);
    }

    public DomainBuilder dmarc(DnsAnswer answer) {
      dmarc = answer;
      return this;
    }

    public DomainBuilder dmarc(String... values) {
      return dmarc(DnsAnswer.resolved(Arrays.asList(values)));
    }

    public DomainBuilder include(String name, DnsAnswer answer) {
      includes.put(name, answer);
      return this;
    }

    public DomainBuilder include(String name, String spf) {
      return include(name, DnsAnswer.resolved(List.of(spf)));
    }

    public DomainBuilder wildcard(DnsAnswer answer) {
      wildcard = answer;
      return this;
    }

    /** What one name server did with an AXFR request (without any: the scan did not ask). */
    public DomainBuilder transfer(ZoneTransferResult result) {
      if (transfers == null) {
        transfers = new LinkedHashMap<>();
      }
      transfers.put(result.server(), result);
      return this;
    }

    public DomainObservation build() {
      return new DomainObservation(
          domain,
          records,
          dmarc,
          includes,
          "vigie-0123456789abcdef." + domain,
          wildcard,
          null,
          null,
          transfers);
    }
  }

  public static HostObservation host(
      String name,
      Set<HostObservation.Source> sources,
      CnameChain cname,
      DnsAnswer a,
      DnsAnswer aaaa,
      DnsAnswer mx) {
    List<HostObservation.Address> addresses = a == null
        ? List.of()
        : a.recordsOrEmpty().stream()
            .map(ip -> new HostObservation.Address(ip, "public", true))
            .toList();
    return new HostObservation(name, sources, true, cname, a, aaaa, mx, addresses);
  }
}
