package fr.vigie.check.mail;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DomainObservation;
import java.util.List;

/** A domain that sends or receives mail publishes no DMARC policy at {@code _dmarc.<domain>}. */
public final class DmarcMissingCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "mail.dmarc.missing";

  public DmarcMissingCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation d) {
    if (!MailDomain.handlesMail(d)
        || !MailDomain.dmarcKnown(d)
        || MailDomain.dmarcRecord(d).isPresent()) {
      return List.of();
    }
    return List.of(finding(
        ID,
        d.domain(),
        "",
        Evidence.of("mail.txt.missing", "prefix", "v=DMARC1", "name", "_dmarc." + d.domain())));
  }

  /** Raised and cleared by the TXT record at _dmarc. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), "DMARC");
  }
}
