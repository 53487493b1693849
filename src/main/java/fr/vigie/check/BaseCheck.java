package fr.vigie.check;

import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import java.util.List;

/** Holds a check's ids and input type, so that a check class is only its logic. */
public abstract class BaseCheck<O> implements Check<O> {

  private final List<String> ids;
  private final Class<O> input;

  protected BaseCheck(Class<O> input, String... ids) {
    this.ids = List.of(ids);
    this.input = input;
  }

  @Override
  public final List<String> ids() {
    return ids;
  }

  @Override
  public final Class<O> input() {
    return input;
  }

  /**
   * A finding of one of this check's ids at the severity the catalogue declares for it: the one
   * place severities are written (a check whose severity depends on the evidence passes its own).
   */
  protected final Finding finding(String id, String asset, String subject, Evidence evidence) {
    Severity severity = CheckCatalogue.builtIn()
        .find(id)
        .orElseThrow(() -> new IllegalStateException(id + " is not in the catalogue"))
        .severity();
    return finding(id, severity, asset, subject, evidence);
  }

  /** A finding at a severity the evidence sets (an expiry a week away is worse than a month). */
  protected static Finding finding(
      String id, Severity severity, String asset, String subject, Evidence evidence) {
    return new Finding(
        id, severity, asset, subject, EvidenceText.builtIn().english(evidence), evidence);
  }
}
