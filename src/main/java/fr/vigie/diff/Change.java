package fr.vigie.diff;

import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import java.time.Instant;
import java.util.Locale;

/**
 * A finding's fate between two scans.
 *
 * @param finding as in the newer scan, or as last seen for resolved and unknown ones
 * @param previousSeverity the older scan's severity when it changed, else null
 * @param firstSeen when its key was first seen for the commune
 * @param reason why an unknown finding could not be settled ({@link CommuneDiff} codes), else null
 */
public record Change(
    Status status, Finding finding, Severity previousSeverity, Instant firstSeen, String reason) {

  public Change(Status status, Finding finding, Severity previousSeverity, Instant firstSeen) {
    this(status, finding, previousSeverity, firstSeen, null);
  }

  /** The statuses of the report contract ({@code suppressed} is set by suppressions). */
  public enum Status {
    NEW,
    OPEN,
    RESOLVED,
    UNKNOWN,
    SUPPRESSED;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
