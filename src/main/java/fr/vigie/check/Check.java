package fr.vigie.check;

import fr.vigie.coverage.Question;
import fr.vigie.model.Finding;
import fr.vigie.observation.WebObservation;
import java.util.List;

/**
 * A pure function from one kind of observation to findings: no I/O, no clock but one given to
 * its constructor. A check is one class, its test and its catalogue entries; a family of closely
 * related ids (the security headers, the exposed files) may share one class.
 *
 * @param <O> the observation type this check reads
 */
public interface Check<O> {

  /** The stable dotted ids this check can raise (the public API of reports and CI gates). */
  List<String> ids();

  Class<O> input();

  List<Finding> evaluate(O observation);

  /**
   * The question one of this check's findings rests on: a later scan that asked it and got a
   * conclusive answer without the finding has seen it fixed; one that did not ask, or got no
   * answer, knows nothing of it.
   */
  Question question(Finding finding);

  /**
   * The paths this check reads from the web observation of {@code host}, which the web probe
   * must request (none for most checks).
   */
  default List<String> paths(String host, String registrableDomain) {
    return List.of();
  }

  /**
   * The paths to request once the home page is known: a check may leave out the paths of a
   * technology the home page shows no sign of. A path not requested is not asked: its findings
   * are unknown, never resolved.
   */
  default List<String> paths(String host, String registrableDomain, WebObservation home) {
    return paths(host, registrableDomain);
  }
}
