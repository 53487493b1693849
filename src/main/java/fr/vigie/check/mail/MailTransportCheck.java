package fr.vigie.check.mail;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import java.util.ArrayList;
import java.util.List;

/**
 * A domain that receives mail and publishes no MTA-STS policy record (RFC 8461: senders cannot
 * require TLS towards it, so STARTTLS can be stripped on the way) or no TLS reporting address
 * (RFC 8460). Said only when the lookup gave a clear answer: a timeout says nothing.
 */
public final class MailTransportCheck extends BaseCheck<DomainObservation> {

  public static final String MTA_STS = "mail.mta-sts.missing";
  public static final String TLS_RPT = "mail.tls-rpt.missing";

  public MailTransportCheck() {
    super(DomainObservation.class, MTA_STS, TLS_RPT);
  }

  @Override
  public List<Finding> evaluate(DomainObservation d) {
    if (!MailDomain.receivesMail(d)) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    if (missing(d.mtaSts(), "v=STSv1")) {
      out.add(finding(
          MTA_STS,
          d.domain(),
          "",
          Evidence.of("mail.txt.missing", "prefix", "v=STSv1", "name", "_mta-sts." + d.domain())));
    }
    if (missing(d.tlsRpt(), "v=TLSRPTv1")) {
      out.add(finding(
          TLS_RPT,
          d.domain(),
          "",
          Evidence.of(
              "mail.txt.missing", "prefix", "v=TLSRPTv1", "name", "_smtp._tls." + d.domain())));
    }
    return out;
  }

  private static boolean missing(DnsAnswer answer, String version) {
    if (answer == null || !(answer instanceof DnsAnswer.Resolved || answer.isNegative())) {
      return false;
    }
    return answer.recordsOrEmpty().stream().noneMatch(t -> t.strip().startsWith(version));
  }

  /** Raised and cleared by the TXT records at _mta-sts and _smtp._tls. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), f.check().equals(MTA_STS) ? "MTA-STS" : "TLS-RPT");
  }
}
