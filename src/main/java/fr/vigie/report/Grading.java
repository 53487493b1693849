package fr.vigie.report;

import fr.vigie.check.Finding;
import fr.vigie.check.Severity;
import java.util.Collection;

/**
 * A commune's letter grade from its findings, worst severity first:
 *
 * <ul>
 *   <li>F: at least one critical finding;
 *   <li>E: three or more high findings; D: one or two high findings;
 *   <li>C: four or more medium findings; B: one to three medium findings;
 *   <li>A: nothing above low.
 * </ul>
 *
 * Info and low findings never lower the grade: a webmaster should not chase hygiene before the
 * real problems are fixed.
 */
public final class Grading {

  private Grading() {}

  public static String grade(Collection<Finding> findings) {
    int critical = 0;
    int high = 0;
    int medium = 0;
    for (Finding f : findings) {
      switch (f.severity()) {
        case CRITICAL -> critical++;
        case HIGH -> high++;
        case MEDIUM -> medium++;
        default -> {}
      }
    }
    if (critical > 0) {
      return "F";
    }
    if (high >= 3) {
      return "E";
    }
    if (high > 0) {
      return "D";
    }
    if (medium >= 4) {
      return "C";
    }
    if (medium > 0) {
      return "B";
    }
    return "A";
  }

  static int count(Collection<Finding> findings, Severity severity) {
    return (int) findings.stream().filter(f -> f.severity() == severity).count();
  }
}
