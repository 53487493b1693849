package fr.vigie.check.dns;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.HostObservation;
import java.util.List;

/**
 * A seed (a name the inventory gives for the commune) with no address and no MX. Only said on
 * authoritative negative answers: a timeout proves nothing. The domain may have lapsed — and a
 * lapsed commune domain can be registered by anyone — or the inventory is stale.
 */
public final class DnsUnresolvableCheck extends BaseCheck<HostObservation> {

  public static final String ID = "dns.unresolvable";

  public DnsUnresolvableCheck() {
    super(HostObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(HostObservation host) {
    if (!host.isSeed() || !host.inScope() || host.cname().end() != CnameChain.End.RESOLVED) {
      return List.of();
    }
    boolean noA = host.a() != null && host.a().isNegative();
    boolean noAaaa = host.aaaa() == null
        ? host.a() instanceof DnsAnswer.NxDomain
        : host.aaaa().isNegative();
    boolean noMx = host.mx() != null && host.mx().isNegative();
    if (!(noA && noAaaa && noMx)) {
      return List.of();
    }
    Evidence evidence = Evidence.of(
        "dns.unresolvable",
        "a",
        outcome(host.a()),
        "aaaa",
        outcome(host.aaaa()),
        "mx",
        outcome(host.mx()));
    return List.of(finding(ID, host.name(), "", evidence));
  }

  static Evidence outcome(DnsAnswer answer) {
    if (answer == null) {
      return Evidence.of("dns.answer.not-asked");
    }
    return switch (answer) {
      case DnsAnswer.Resolved r -> Evidence.of("dns.answer.records", "records", r.records());
      case DnsAnswer.NxDomain n -> Evidence.of("dns.answer.nxdomain");
      case DnsAnswer.NoData n -> Evidence.of("dns.answer.no-record");
      case DnsAnswer.ServFail s -> Evidence.of("dns.answer.error", "reason", s.reason());
      case DnsAnswer.Timeout t -> Evidence.of("dns.answer.timeout");
    };
  }

  /** Raised and cleared by the host name: its addresses. */
  @Override
  public Question question(Finding f) {
    return Question.host(f.asset());
  }
}
