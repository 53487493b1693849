package fr.vigie.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.store.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    run.putObject("automationDetails").put("id", automationId(report));
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
            .put(
                "text",
                Escape.terminal(f.title() + (f.evidence().isEmpty() ? "" : " — " + f.evidence())));
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
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(clean(root)) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every string of the log through {@link Escape#text}: a code-scanning dashboard shows the
   * commune's name, the justification and the message to people, and JSON escapes only C0.
   */
  private static JsonNode clean(JsonNode node) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode v = o.get(name);
        o.set(name, v.isTextual() ? o.textNode(Escape.text(v.asText())) : clean(v));
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = a.get(i);
        a.set(i, v.isTextual() ? a.textNode(Escape.text(v.asText())) : clean(v));
      }
    }
    return node;
  }

  /**
   * {@code host/path}: the asset and, for a path finding, the path. An asset with a port (a
   * service, a TLS endpoint) keeps it, its colon percent-encoded ({@code 203.0.113.7%3A3389/},
   * shown as {@code 203.0.113.7:3389}): a relative reference cannot have a colon in its first
   * segment, and RDP on 3389 is not the web site on 443.
   */
  static String uri(ScanReport.FindingReport f) {
    String asset = f.asset();
    String port = "";
    java.util.regex.Matcher m = PORT.matcher(asset);
    if (m.find()) {
      port = "%3A" + m.group(1);
      asset = asset.substring(0, m.start());
    }
    String path = f.subject().startsWith("/") ? f.subject() : "/";
    return asset.replaceAll("[^A-Za-z0-9._~\\-]", "_")
        + port
        + path.replaceAll("[^A-Za-z0-9._~/\\-]", "_");
  }

  private static final java.util.regex.Pattern PORT =
      java.util.regex.Pattern.compile(":(\\d{1,5})$");

  /**
   * The run's category for code-scanning dashboards ({@code runAutomationDetails.id}, what comes
   * before its last slash): one per set of communes, so that a CSIRT's region and a webmaster's
   * commune uploaded to one repository are two analyses, not one replacing the other.
   */
  static String automationId(ScanReport report) {
    List<String> keys =
        report.communes().stream().map(ScanReport.CommuneReport::key).sorted().toList();
    String set;
    if (keys.size() == 1) {
      set = keys.get(0).replaceAll("[^A-Za-z0-9._\\-]", "_");
    } else {
      try {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
            .digest(String.join("\n", keys).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        set = keys.size() + "-communes-" + java.util.HexFormat.of().formatHex(digest, 0, 4);
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("no SHA-256 in this JDK", e);
      }
    }
    return "vigie/" + set + "/" + report.scan().id();
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
