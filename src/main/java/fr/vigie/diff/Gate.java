package fr.vigie.diff;

import fr.vigie.UserInputException;
import fr.vigie.model.Severity;
import java.util.Locale;

/**
 * A CI gate: {@code new:high} fails on a finding at or above high that is new since the previous
 * scan; {@code any:critical} on any open one. Suppressed, resolved and unknown findings never
 * fail a gate.
 */
public record Gate(boolean onlyNew, Severity threshold) {

  public static Gate parse(String spec) {
    String[] parts = spec.strip().toLowerCase(Locale.ROOT).split(":");
    if (parts.length != 2 || !(parts[0].equals("new") || parts[0].equals("any"))) {
      throw new UserInputException("invalid --fail-on '" + spec
          + "' (expected new:SEVERITY or any:SEVERITY, e.g. new:high)");
    }
    try {
      return new Gate(parts[0].equals("new"), Severity.parse(parts[1]));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("invalid --fail-on '" + spec + "': " + e.getMessage());
    }
  }

  /**
   * @param status a report status: new, open, resolved, unknown, suppressed
   */
  public boolean trips(String status, Severity severity) {
    boolean counted = status.equals("new") || (!onlyNew && status.equals("open"));
    return counted && severity.atLeast(threshold);
  }

  @Override
  public String toString() {
    return (onlyNew ? "new" : "any") + ":" + threshold.id();
  }
}
