package fr.vigie.engine;

import fr.vigie.check.Checks;
import fr.vigie.model.Finding;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A commune's findings as its scan raises them: every observation goes through {@link #run},
 * which runs the checks that read it and keeps each finding once by key, the first time it is
 * raised (a host seen again in a later round raises nothing new). Not thread-safe: one commune's
 * scan, on one thread.
 */
final class FindingSink {

  private final Checks checks;
  private final Map<String, Finding> byKey = new LinkedHashMap<>();

  FindingSink(Checks checks) {
    this.checks = checks;
  }

  /** Runs the checks on this observation, keeps what they raise; returns all they raised. */
  List<Finding> run(Object observation) {
    List<Finding> raised = checks.run(observation);
    raised.forEach(f -> byKey.putIfAbsent(f.key(), f));
    return raised;
  }

  /** Every finding kept so far, in the order first raised. */
  Collection<Finding> values() {
    return Collections.unmodifiableCollection(byKey.values());
  }
}
