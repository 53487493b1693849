package fr.vigie.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The report of one stored scan, shaped as the JSON contract of DESIGN.md ({@code
 * vigie-report/1}): field names here are a public API. Add fields freely; renaming or removing
 * one needs a new schema version.
 */
@JsonPropertyOrder({"schema", "tool", "scan", "communes"})
public record ScanReport(String schema, Tool tool, Scan scan, List<CommuneReport> communes) {

  public static final String SCHEMA = "vigie-report/1";

  public record Tool(String name, String version) {}

  @JsonPropertyOrder({"id", "started", "finished", "status"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Scan(long id, String started, String finished, String status) {}

  @JsonPropertyOrder({"insee", "name", "key", "domains", "grade", "status", "counts", "hosts", "findings"})
  public record CommuneReport(
      String insee,
      String name,
      String key,
      List<String> domains,
      String grade,
      String status,
      Map<String, Integer> counts,
      List<HostReport> hosts,
      List<FindingReport> findings) {}

  @JsonPropertyOrder({"name", "inScope", "sources", "addresses", "addressDetails", "cname", "cnameEnd", "technologies", "tls", "http"})
  public record HostReport(
      String name,
      boolean inScope,
      List<String> sources,
      List<String> addresses,
      List<AddressReport> addressDetails,
      List<String> cname,
      String cnameEnd,
      List<Object> technologies,
      @JsonInclude(JsonInclude.Include.ALWAYS) TlsReport tls,
      @JsonInclude(JsonInclude.Include.ALWAYS) HttpReport http) {}

  /** The host's TLS grade on port 443 (or its first HTTPS port), the versions accepted, the caps. */
  public record TlsReport(int port, String grade, List<String> protocols, List<String> caps) {}

  /** The host's HTTP grade (Observatory-like score, see HttpGrade) and what cost it points. */
  public record HttpReport(String grade, int score, List<String> penalties) {}

  public record AddressReport(String address, String category, boolean probed) {}

  @JsonPropertyOrder({
    "key", "check", "severity", "asset", "subject", "title", "evidence", "remediation", "reference", "firstSeen", "status"
  })
  public record FindingReport(
      String key,
      String check,
      String severity,
      String asset,
      String subject,
      String title,
      String evidence,
      String remediation,
      String reference,
      String firstSeen,
      String status) {}
}
