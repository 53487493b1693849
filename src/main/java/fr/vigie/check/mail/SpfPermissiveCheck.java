package fr.vigie.check.mail;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.Spf;
import java.util.List;

/**
 * An SPF record ending in {@code +all} (or a bare {@code all}) authorises every server on the
 * internet; {@code ?all} says nothing. Either way SPF protects nothing.
 */
public final class SpfPermissiveCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "mail.spf.permissive";

  public SpfPermissiveCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation d) {
    List<String> records = d.spfRecords();
    if (records.size() != 1) {
      return List.of(); // several records: mail.spf.invalid, and receivers ignore them all
    }
    for (Spf.Term t : Spf.parse(records.get(0)).terms()) {
      if (!t.modifier()
          && t.name().equals("all")
          && (t.qualifier() == '+' || t.qualifier() == '?')) {
        return List.of(
            finding(ID, d.domain(), t.qualifier() + "all", Evidence.verbatim(records.get(0))));
      }
    }
    return List.of();
  }

  /** Raised and cleared by the domain's TXT records. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), "TXT");
  }
}
