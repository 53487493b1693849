package fr.vigie.check.dns;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DomainObservation;
import java.util.ArrayList;
import java.util.List;

/** The zone answers for any name: worth knowing, since every typo of the commune's name resolves. */
public final class WildcardCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "dns.wildcard";

  public WildcardCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation domain) {
    if (!domain.hasWildcard()) {
      return List.of();
    }
    List<String> seen = new ArrayList<>(domain.wildcard().cnameChain());
    seen.addAll(domain.wildcard().recordsOrEmpty());
    Evidence evidence =
        Evidence.of("dns.wildcard", "probe", domain.wildcardProbe(), "records", List.copyOf(seen));
    return List.of(finding(ID, domain.domain(), "*." + domain.domain(), evidence));
  }

  /** Raised and cleared by the random name under the domain. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), "WILDCARD");
  }
}
