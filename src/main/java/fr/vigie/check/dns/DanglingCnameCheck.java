package fr.vigie.check.dns;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.HostObservation;
import java.util.List;

/**
 * A commune name whose CNAME chain ends on a name that does not exist: whoever registers that
 * name (an expired domain, a deleted cloud resource) serves content under the commune's name.
 */
public final class DanglingCnameCheck extends BaseCheck<HostObservation> {

  public static final String ID = "dns.dangling-cname";

  public DanglingCnameCheck() {
    super(HostObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(HostObservation host) {
    if (!host.inScope() || host.cname().end() != CnameChain.End.DANGLING) {
      return List.of();
    }
    List<String> chain = new java.util.ArrayList<>();
    chain.add(host.name());
    chain.addAll(host.cname().targets());
    Evidence evidence = Evidence.of("dns.cname.dangling", "chain", chain);
    return List.of(finding(ID, host.name(), host.cname().last(), evidence));
  }

  /** Raised and cleared by the host name: its CNAME chain. */
  @Override
  public Question question(Finding f) {
    return Question.host(f.asset());
  }
}
