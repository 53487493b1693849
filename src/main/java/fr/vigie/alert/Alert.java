package fr.vigie.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.report.Words;
import java.util.List;

/**
 * One thing a night tells the people concerned: a finding that is new (or rose to the threshold)
 * since the previous night, or a commune that could be scanned the night before and not tonight.
 * Written to the outbox as JSON before any channel is tried, so a night that cannot deliver sends
 * it the next night exactly as it was.
 *
 * @param kind {@code finding} or {@code unreachable}
 * @param finding the JSON report's finding object (its key, check, severity, asset, title,
 *     evidence, remediation…) in the language of the alerts; null for an unreachable commune
 * @param reason why the commune could not be scanned; null for a finding
 * @param since when the finding was first seen (this episode), or the night the commune was lost:
 *     with the key, what makes two alerts the same
 */
@JsonPropertyOrder({
  "kind",
  "severity",
  "commune",
  "scan",
  "since",
  "previousSeverity",
  "finding",
  "reason"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
    String kind,
    String severity,
    Commune commune,
    Scan scan,
    String since,
    String previousSeverity,
    JsonNode finding,
    String reason) {

  public static final String FINDING = "finding";
  public static final String UNREACHABLE = "unreachable";

  /** The commune as the inventory gives it, with the addresses its alerts go to. */
  @JsonPropertyOrder({"key", "insee", "name", "contacts"})
  public record Commune(String key, String insee, String name, List<String> contacts) {
    public Commune {
      contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }
  }

  @JsonPropertyOrder({"id", "started"})
  public record Scan(long id, String started) {}

  /** What makes two alerts of one commune the same, with {@link #since}: a finding at a severity. */
  @JsonIgnore
  public String key() {
    return kind.equals(UNREACHABLE)
        ? "commune.unreachable"
        : finding.path("key").asText() + "@" + severity;
  }

  @JsonIgnore
  public String check() {
    return finding == null ? "commune.unreachable" : finding.path("check").asText();
  }

  /**
   * The asset as people read it (Unicode host name when it has one), with the finding's subject
   * when it has one: two exposed files of one site are two alerts, and must read as two.
   */
  @JsonIgnore
  public String asset() {
    if (finding == null) {
      return "";
    }
    return Words.asset(finding.path("asset").asText(""))
        + Words.subject(finding.path("subject").asText(""));
  }
}
