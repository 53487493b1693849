package fr.vigie.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The report of one stored scan, shaped as the JSON contract of DESIGN.md ({@code
 * vigie-report/1}): field names here are a public API. Add fields freely; renaming or removing
 * one needs a new schema version.
 */
@JsonPropertyOrder({"schema", "tool", "scan", "communes", "warnings"})
public record ScanReport(
    String schema, Tool tool, Scan scan, List<CommuneReport> communes, List<String> warnings) {

  public static final String SCHEMA = "vigie-report/1";

  public record Tool(String name, String version) {}

  @JsonPropertyOrder({"id", "started", "finished", "status"})
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Scan(long id, String started, String finished, String status) {}

  /**
   * One commune. {@code status} is {@code complete}, {@code partial} (an option left a probe family
   * out, or some questions got no answer), {@code unreachable} (nothing could be learnt: grade
   * {@code ?}, {@code statusReason} says why) or {@code pending} (an interrupted scan did not get
   * to it). {@code coverage} is what the scan asked and what each question got.
   */
  @JsonPropertyOrder({
    "insee",
    "name",
    "key",
    "domains",
    "grade",
    "gradeReasons",
    "status",
    "statusReason",
    "coverage",
    "counts",
    "changes",
    "hosts",
    "findings"
  })
  public record CommuneReport(
      String insee,
      String name,
      String key,
      List<String> domains,
      String grade,
      List<String> gradeReasons,
      String status,
      @JsonInclude(JsonInclude.Include.NON_NULL) String statusReason,
      @JsonInclude(JsonInclude.Include.NON_NULL) fr.vigie.coverage.Coverage coverage,
      Map<String, Integer> counts,
      Changes changes,
      List<HostReport> hosts,
      List<FindingReport> findings) {

    /** Without coverage: a commune of a scan stored before vigie recorded what it asked. */
    public CommuneReport(
        String insee,
        String name,
        String key,
        List<String> domains,
        String grade,
        List<String> gradeReasons,
        String status,
        Map<String, Integer> counts,
        Changes changes,
        List<HostReport> hosts,
        List<FindingReport> findings) {
      this(
          insee,
          name,
          key,
          domains,
          grade,
          gradeReasons,
          status,
          null,
          null,
          counts,
          changes,
          hosts,
          findings);
    }

    /** The same commune with other hosts and findings (a diff keeps only what changed). */
    public CommuneReport withFindings(List<HostReport> hosts, List<FindingReport> findings) {
      return new CommuneReport(
          insee,
          name,
          key,
          domains,
          grade,
          gradeReasons,
          status,
          statusReason,
          coverage,
          counts,
          changes,
          hosts,
          findings);
    }

    public boolean unreachable() {
      return fr.vigie.coverage.Coverage.UNREACHABLE.equals(status) || "pending".equals(status);
    }
  }

  /**
   * What changed since the previous scan of the commune ({@code from} null: first scan, or the
   * baseline file when {@code baseline} is set).
   */
  @JsonPropertyOrder({
    "from",
    "baseline",
    "new",
    "resolved",
    "unknown",
    "suppressed",
    "newAssets",
    "vanishedAssets",
    "unknownAssets"
  })
  public record Changes(
      @JsonInclude(JsonInclude.Include.ALWAYS) Long from,
      boolean baseline,
      @JsonProperty("new") int added,
      int resolved,
      int unknown,
      int suppressed,
      List<String> newAssets,
      List<String> vanishedAssets,
      List<String> unknownAssets) {

    public Changes {
      unknownAssets = unknownAssets == null ? List.of() : List.copyOf(unknownAssets);
    }

    public Changes(
        Long from,
        boolean baseline,
        int added,
        int resolved,
        int unknown,
        int suppressed,
        List<String> newAssets,
        List<String> vanishedAssets) {
      this(
          from,
          baseline,
          added,
          resolved,
          unknown,
          suppressed,
          newAssets,
          vanishedAssets,
          List.of());
    }
  }

  @JsonPropertyOrder({
    "name",
    "inScope",
    "sources",
    "addresses",
    "addressDetails",
    "cname",
    "cnameEnd",
    "technologies",
    "services",
    "tls",
    "http"
  })
  public record HostReport(
      String name,
      boolean inScope,
      List<String> sources,
      List<String> addresses,
      List<AddressReport> addressDetails,
      List<String> cname,
      String cnameEnd,
      List<TechReport> technologies,
      List<ServiceReport> services,
      @JsonInclude(JsonInclude.Include.ALWAYS) TlsReport tls,
      @JsonInclude(JsonInclude.Include.ALWAYS) HttpReport http) {

    /** An accented name as people read it, beside its A-label {@code name}; absent when ASCII. */
    @com.fasterxml.jackson.annotation.JsonProperty(
        value = "unicodeName",
        access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String unicodeName() {
      String u = Words.host(name);
      return u == null || u.equals(name) ? null : u;
    }
  }

  /**
   * A technology of the host. {@code version} is given only when a precise source said it
   * ({@code precision} exact, or branch when only the branch is published: "10" for Drupal 10);
   * a weak hint is {@code versionHint}, never {@code version}. {@code port} is set for a web
   * server the port probe found on another port than 80/443 (a VPN portal on 10443).
   */
  @JsonPropertyOrder({
    "name",
    "version",
    "precision",
    "versionHint",
    "category",
    "confidence",
    "evidence",
    "port"
  })
  public record TechReport(
      String name,
      @JsonInclude(JsonInclude.Include.ALWAYS) String version,
      String precision,
      @JsonInclude(JsonInclude.Include.NON_NULL) String versionHint,
      String category,
      int confidence,
      List<String> evidence,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer port) {}

  /**
   * A service open on one of the host's addresses, as the port probe identified it ({@code facts}:
   * what the safe exchange established, e.g. {@code auth=none}, {@code nla=required}).
   */
  @JsonPropertyOrder({"address", "port", "protocol", "product", "version", "facts"})
  public record ServiceReport(
      String address,
      int port,
      String protocol,
      String product,
      String version,
      Map<String, String> facts) {}

  /** The host's TLS grade on port 443 (or its first HTTPS port), the versions accepted, the caps. */
  public record TlsReport(int port, String grade, List<String> protocols, List<String> caps) {}

  /** The host's HTTP grade (Observatory-like score, see HttpGrade) and what cost it points. */
  public record HttpReport(String grade, int score, List<String> penalties) {}

  public record AddressReport(String address, String category, boolean probed) {}

  @JsonPropertyOrder({
    "key",
    "check",
    "severity",
    "asset",
    "subject",
    "title",
    "evidence",
    "remediation",
    "reference",
    "firstSeen",
    "status",
    "previousSeverity",
    "suppression",
    "unknownReason",
    "unknownReasonText",
    "evidenceData"
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
      String status,
      @JsonInclude(JsonInclude.Include.NON_NULL) String previousSeverity,
      @JsonInclude(JsonInclude.Include.NON_NULL) String suppression,
      @JsonInclude(JsonInclude.Include.NON_NULL) String unknownReason,
      @JsonInclude(JsonInclude.Include.NON_NULL) String unknownReasonText,
      @JsonInclude(JsonInclude.Include.NON_NULL) fr.vigie.model.Evidence evidenceData) {

    /** The asset with its accented host name, beside the A-label {@code asset}; absent when ASCII. */
    @com.fasterxml.jackson.annotation.JsonProperty(
        value = "unicodeAsset",
        access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String unicodeAsset() {
      String u = Words.asset(asset);
      return u == null || u.equals(asset) ? null : u;
    }

    /** Without evidenceData: a finding stored before vigie kept the evidence's values. */
    public FindingReport(
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
        String status,
        String previousSeverity,
        String suppression,
        String unknownReason,
        String unknownReasonText) {
      this(
          key,
          check,
          severity,
          asset,
          subject,
          title,
          evidence,
          remediation,
          reference,
          firstSeen,
          status,
          previousSeverity,
          suppression,
          unknownReason,
          unknownReasonText,
          null);
    }

    public FindingReport(
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
        String status,
        String previousSeverity,
        String suppression) {
      this(
          key,
          check,
          severity,
          asset,
          subject,
          title,
          evidence,
          remediation,
          reference,
          firstSeen,
          status,
          previousSeverity,
          suppression,
          null,
          null,
          null);
    }

    /** Counted against the commune now: new, open (suppressed, resolved and unknown are not). */
    public boolean current() {
      return status.equals("new") || status.equals("open");
    }
  }
}
