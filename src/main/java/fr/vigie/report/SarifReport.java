package fr.vigie.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.store.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for code-scanning dashboards: one rule per check id with its help text and a
 * {@code security-severity}; results located by a relative {@code host/path} URI under the
 * {@code SITE} base (GitHub rejects {@code http:} URIs), line 1, with the finding key as partial
 * fingerprint. Resolved and unknown findings are left out; suppressed ones carry a suppression.
 */
public final class SarifReport {

  private SarifReport() {}

  public static String render(
      ScanReport report, CheckCatalogue catalogue, CheckCatalogue.Lang lang) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "vigie");
    driver.put("version", report.tool().version());
    driver.put("informationUri", fr.vigie.Version.PROJECT_URL);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ObjectNode base = run.putObject("originalUriBaseIds").putObject("SITE");
    base.put("uri", "file:///sites/");
    ArrayNode results = run.putArray("results");
    for (ScanReport.CommuneReport c : report.communes()) {
      for (ScanReport.FindingReport f : c.findings()) {
        if (!f.current() && !f.status().equals("suppressed")) {
          continue;
        }
        int index = ruleIndex.computeIfAbsent(f.check(), id -> {
          ObjectNode rule = rules.addObject();
          rule.put("id", id);
          CheckCatalogue.Entry e = catalogue.find(id).orElse(null);
          rule.putObject("shortDescription").put("text", e == null ? id : e.title(lang));
          rule.putObject("fullDescription").put("text", e == null ? id : e.title(lang));
          ObjectNode help = rule.putObject("help");
          help.put("text", e == null ? "" : e.remediation(lang));
          if (e != null && !e.reference().isEmpty()) {
            rule.put("helpUri", e.reference());
          }
          ObjectNode props = rule.putObject("properties");
          props.put("security-severity", securitySeverity(f.severity()));
          props.putArray("tags").add("security").add(id.substring(0, id.indexOf('.')));
          rule.putObject("defaultConfiguration").put("level", level(f.severity()));
          return rules.size() - 1;
        });
        ObjectNode r = results.addObject();
        r.put("ruleId", f.check());
        r.put("ruleIndex", index);
        r.put("level", level(f.severity()));
        r.putObject("message")
            .put("text", f.title() + (f.evidence().isEmpty() ? "" : " — " + f.evidence()));
        ObjectNode location = r.putArray("locations").addObject().putObject("physicalLocation");
        ObjectNode artifact = location.putObject("artifactLocation");
        artifact.put("uri", uri(f));
        artifact.put("uriBaseId", "SITE");
        location.putObject("region").put("startLine", 1);
        r.putObject("partialFingerprints").put("vigieFindingKey/v1", f.key());
        ObjectNode props = r.putObject("properties");
        props.put("commune", c.name());
        if (c.insee() != null) {
          props.put("insee", c.insee());
        }
        props.put("status", f.status());
        if (f.status().equals("suppressed")) {
          ObjectNode s = r.putArray("suppressions").addObject();
          s.put("kind", "external");
          s.put("justification", f.suppression() == null ? "" : f.suppression());
        }
      }
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code host/path}: the asset (without port) and, for a path finding, the path. */
  static String uri(ScanReport.FindingReport f) {
    String host = f.asset().replaceFirst(":\\d+$", "");
    String path = f.subject().startsWith("/") ? f.subject() : "/";
    return (host + path).replaceAll("[^A-Za-z0-9._~/\\-]", "_");
  }

  static String level(String severity) {
    return switch (severity) {
      case "critical", "high" -> "error";
      case "medium" -> "warning";
      default -> "note";
    };
  }

  /** GitHub's scale: critical ≥ 9, high ≥ 7, medium ≥ 4, low > 0. */
  static String securitySeverity(String severity) {
    return switch (severity) {
      case "critical" -> "9.5";
      case "high" -> "8.0";
      case "medium" -> "5.5";
      case "low" -> "3.0";
      default -> "0.5";
    };
  }
}
