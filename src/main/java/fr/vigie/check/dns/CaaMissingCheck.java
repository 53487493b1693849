package fr.vigie.check.dns;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DomainObservation;
import java.util.List;

/** No CAA record: any certification authority may issue certificates for the commune's names. */
public final class CaaMissingCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "dns.caa.missing";

  public CaaMissingCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation domain) {
    if (!domain.exists() || !domain.record("CAA").isNegative()) {
      return List.of();
    }
    return List.of(finding(
        ID, domain.domain(), "", Evidence.of("dns.caa.missing", "domain", domain.domain())));
  }

  /** Raised and cleared by the domain's CAA records. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), "CAA");
  }
}
