package fr.vigie.check.dns;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DomainObservation;
import java.util.List;

/**
 * Neither a DS record in the parent nor a DNSKEY at the apex: the zone is not signed, so its
 * answers can be forged on the path. Said only on negative answers, never on timeouts.
 */
public final class DnssecMissingCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "dns.dnssec.missing";

  public DnssecMissingCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation domain) {
    if (!domain.exists()
        || !domain.record("DS").isNegative()
        || !domain.record("DNSKEY").isNegative()) {
      return List.of();
    }
    return List.of(finding(
        ID, domain.domain(), "", Evidence.of("dns.dnssec.missing", "domain", domain.domain())));
  }

  /** Raised and cleared by the domain's DS and DNSKEY. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), "DNSKEY");
  }
}
