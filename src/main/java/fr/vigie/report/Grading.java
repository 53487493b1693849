package fr.vigie.report;

import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A commune's letter grade. From its findings, worst severity first:
 *
 * <ul>
 *   <li>F: at least one critical finding;
 *   <li>E: three or more high findings; D: one or two high findings;
 *   <li>C: four or more medium findings; B: one to three medium findings;
 *   <li>A: nothing above low.
 * </ul>
 *
 * Info and low findings never lower the grade: a webmaster should not chase hygiene before the
 * real problems are fixed. Then the hosts' grades cap it ({@link #commune}): a TLS grade of F
 * caps at F, T (certificate problem) at D, C at C, B at B; an HTTP grade of F or D caps at C,
 * C at B. Suppressed, resolved and unknown findings do not count.
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

  /** A commune grade and what set it. */
  public record Result(String grade, List<String> reasons) {}

  /** The grade and its reasons, said in the report's language ("2 constats critiques → F"). */
  public static Result commune(
      Collection<Finding> findings, List<String> tlsGrades, List<String> httpGrades, Words w) {
    String grade = grade(findings);
    List<String> reasons = new ArrayList<>();
    Severity setBy = switch (grade) {
      case "F" -> Severity.CRITICAL;
      case "E", "D" -> Severity.HIGH;
      case "C", "B" -> Severity.MEDIUM;
      default -> null;
    };
    if (setBy == null) {
      reasons.add(w.t("aucun constat au-dessus de faible → A", "nothing above low → A"));
    } else {
      int n = count(findings, setBy);
      reasons.add(w.t(
          n + (n == 1 ? " constat " : " constats ") + w.severities(setBy, n) + " → " + grade,
          n + " " + w.severity(setBy) + " finding" + (n == 1 ? "" : "s") + " → " + grade));
    }
    for (String t : new TreeSet<>(tlsGrades)) {
      String cap = switch (t) {
        case "F" -> "F";
        case "T" -> "D";
        case "C" -> "C";
        case "B" -> "B";
        default -> "A";
      };
      if (cap.compareTo(grade) > 0) {
        grade = cap;
        reasons.add(w.t(
            "la note TLS " + t + " d'un hôte → " + cap, "a host's TLS grade " + t + " → " + cap));
      }
    }
    for (String h : new TreeSet<>(httpGrades)) {
      String cap = h.startsWith("F") || h.startsWith("D") ? "C" : h.startsWith("C") ? "B" : "A";
      if (cap.compareTo(grade) > 0) {
        grade = cap;
        reasons.add(w.t(
            "la note HTTP " + h + " d'un hôte → " + cap, "a host's HTTP grade " + h + " → " + cap));
      }
    }
    return new Result(grade, reasons);
  }

  static int count(Collection<Finding> findings, Severity severity) {
    return (int) findings.stream().filter(f -> f.severity() == severity).count();
  }
}
