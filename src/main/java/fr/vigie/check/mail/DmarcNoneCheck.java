package fr.vigie.check.mail;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DomainObservation;
import java.util.List;
import java.util.Optional;

/**
 * DMARC with {@code p=none} only reports: forged mail is still delivered. A record without a
 * valid {@code p=} tag is read as {@code none} by receivers (RFC 7489 §6.6.3), so it is said too.
 */
public final class DmarcNoneCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "mail.dmarc.none";

  public DmarcNoneCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation d) {
    Optional<String> record = MailDomain.dmarcRecord(d);
    if (record.isEmpty()) {
      return List.of();
    }
    Optional<String> p = MailDomain.dmarcTag(record.get(), "p");
    if (p.isPresent() && (p.get().equals("quarantine") || p.get().equals("reject"))) {
      return List.of();
    }
    return List.of(finding(ID, d.domain(), "", Evidence.verbatim(record.get())));
  }

  /** Raised and cleared by the TXT record at _dmarc. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), "DMARC");
  }
}
