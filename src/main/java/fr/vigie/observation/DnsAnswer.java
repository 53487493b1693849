package fr.vigie.observation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one DNS question. Every outcome is data, stored with the scan: a timeout is
 * not a "no", and checks must tell them apart (a dangling CNAME needs an NXDOMAIN, not a
 * timeout).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonSubTypes({
  @JsonSubTypes.Type(value = DnsAnswer.Resolved.class, name = "resolved"),
  @JsonSubTypes.Type(value = DnsAnswer.NxDomain.class, name = "nxdomain"),
  @JsonSubTypes.Type(value = DnsAnswer.NoData.class, name = "nodata"),
  @JsonSubTypes.Type(value = DnsAnswer.ServFail.class, name = "servfail"),
  @JsonSubTypes.Type(value = DnsAnswer.Timeout.class, name = "timeout")
})
public sealed interface DnsAnswer {

  /**
   * Records of the asked type, in presentation form (e.g. {@code 10 mail.example.fr.} for MX,
   * the joined strings for TXT), and the CNAMEs the answer went through, in order.
   */
  record Resolved(List<String> records, List<String> cnames) implements DnsAnswer {
    public Resolved {
      records = List.copyOf(records);
      cnames = cnames == null ? List.of() : List.copyOf(cnames);
    }
  }

  /** The name does not exist. */
  record NxDomain(List<String> cnames) implements DnsAnswer {
    public NxDomain {
      cnames = cnames == null ? List.of() : List.copyOf(cnames);
    }
  }

  /** The name exists but has no record of this type. */
  record NoData(List<String> cnames) implements DnsAnswer {
    public NoData {
      cnames = cnames == null ? List.of() : List.copyOf(cnames);
    }
  }

  /** The server answered with an error (SERVFAIL, REFUSED…) or the answer could not be used. */
  record ServFail(String reason) implements DnsAnswer {
    public ServFail {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** No answer within the timeout, retries included. */
  record Timeout() implements DnsAnswer {}

  /** True when the answer says authoritatively that there is nothing (NXDOMAIN or no data). */
  default boolean isNegative() {
    return this instanceof NxDomain || this instanceof NoData;
  }

  default List<String> recordsOrEmpty() {
    return this instanceof Resolved r ? r.records() : List.of();
  }

  default List<String> cnameChain() {
    return switch (this) {
      case Resolved r -> r.cnames();
      case NxDomain n -> n.cnames();
      case NoData n -> n.cnames();
      case ServFail s -> List.of();
      case Timeout t -> List.of();
    };
  }

  static DnsAnswer resolved(List<String> records) {
    return new Resolved(records, List.of());
  }

  static DnsAnswer nxDomain() {
    return new NxDomain(List.of());
  }

  static DnsAnswer noData() {
    return new NoData(List.of());
  }
}
