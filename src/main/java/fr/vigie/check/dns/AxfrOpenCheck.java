package fr.vigie.check.dns;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.ZoneTransferResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A name server of the commune's zone hands the whole zone to anyone who asks (AXFR): every host
 * name, internal ones included, is one request away. One finding per server.
 */
public final class AxfrOpenCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "dns.axfr.open";

  public AxfrOpenCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation domain) {
    if (domain.transfers() == null) {
      return List.of();
    }
    List<Finding> out = new ArrayList<>();
    for (ZoneTransferResult r : domain.transfers().values()) {
      if (r instanceof ZoneTransferResult.Transferred t) {
        out.add(finding(
            ID,
            domain.domain(),
            t.server(),
            Evidence.of(
                "dns.axfr.open",
                "server",
                t.server(),
                "domain",
                domain.domain(),
                "records",
                t.records(),
                "names",
                t.names().size(),
                "cut",
                t.cut() ? Evidence.of("dns.axfr.cut") : null)));
      }
    }
    return out;
  }

  /** The coverage detail of one server's transfer of the domain's zone. */
  public static String detail(String server) {
    return "AXFR@" + server;
  }

  /** Raised and cleared by that server's answer to the next transfer request. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), detail(f.subject()));
  }
}
