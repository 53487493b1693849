package fr.vigie.check.mail;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DomainObservation;
import java.util.List;

/** A domain that receives mail (MX) publishes no SPF record: anyone can send mail in its name. */
public final class SpfMissingCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "mail.spf.missing";

  public SpfMissingCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation d) {
    boolean txtKnown =
        d.record("TXT").isNegative() || !d.record("TXT").recordsOrEmpty().isEmpty();
    if (!MailDomain.receivesMail(d) || !txtKnown || !d.spfRecords().isEmpty()) {
      return List.of();
    }
    return List.of(finding(ID, d.domain(), "", Evidence.of("mail.spf.missing")));
  }

  /** Raised and cleared by the domain's TXT records. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), "TXT");
  }
}
