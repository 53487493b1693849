package fr.vigie.report;

import fr.vigie.diff.Gate;
import fr.vigie.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * JUnit XML for CI dashboards: a test suite per commune, a test case per check × asset. A case
 * fails exactly when one of its findings trips a gate given ({@code new:high} counts only new
 * findings, {@code any:critical} open ones too), so the test page is red exactly when the job
 * exits 1; without a gate nothing fails. With gates, a commune that could not be scanned gets an
 * errored case (the job exits 3: a gate cannot pass on what was not looked at). Each suite says
 * in its properties which gates it applied. Built as a DOM, so every value is escaped as XML.
 */
public final class JunitReport {

  private JunitReport() {}

  /** Test names stay ids (what CI tools group by); messages and texts in the report's language. */
  public static String render(ScanReport report, List<Gate> gates, Words w) {
    Document doc = new Document("");
    doc.outputSettings()
        .syntax(Document.OutputSettings.Syntax.xml)
        .prettyPrint(true)
        .charset("UTF-8");
    Element suites = doc.appendElement("testsuites")
        .attr("name", "vigie scan " + report.scan().id());
    String applied = gates.isEmpty()
        ? "none"
        : String.join(" ", gates.stream().map(Gate::toString).toList());
    int allTests = 0;
    int allFailures = 0;
    int allErrors = 0;
    for (ScanReport.CommuneReport c : report.communes()) {
      Map<String, List<ScanReport.FindingReport>> cases = new LinkedHashMap<>();
      for (ScanReport.FindingReport f : c.findings()) {
        if (f.current() || f.status().equals("suppressed")) {
          cases
              .computeIfAbsent(f.check() + " " + f.asset(), k -> new ArrayList<>())
              .add(f);
        }
      }
      Element suite = suites
          .appendElement("testsuite")
          .attr("name", (c.insee() == null ? "" : c.insee() + " ") + c.name());
      Element properties = suite.appendElement("properties");
      properties.appendElement("property").attr("name", "vigie.gates").attr("value", applied);
      properties
          .appendElement("property")
          .attr("name", "vigie.status")
          .attr("value", c.status() == null ? "" : c.status());
      int failures = 0;
      int errors = 0;
      int tests = cases.size();
      if (c.unreachable() && !gates.isEmpty()) {
        tests++;
        errors++;
        suite
            .appendElement("testcase")
            .attr("classname", "vigie.coverage")
            .attr("name", w.t("scan de la commune", "scan of the commune"))
            .appendElement("error")
            .attr("type", "unreachable")
            .attr(
                "message",
                w.t("non analysée : ", "not scanned: ")
                    + (c.statusReason() == null ? c.status() : c.statusReason()));
      }
      for (Map.Entry<String, List<ScanReport.FindingReport>> e : cases.entrySet()) {
        Element tc = suite
            .appendElement("testcase")
            .attr("classname", e.getValue().get(0).check())
            .attr("name", e.getKey());
        List<ScanReport.FindingReport> failing = e.getValue().stream()
            .filter(f ->
                gates.stream().anyMatch(g -> g.trips(f.status(), Severity.parse(f.severity()))))
            .toList();
        if (!failing.isEmpty()) {
          failures++;
          StringBuilder text = new StringBuilder();
          for (ScanReport.FindingReport f : failing) {
            text.append(w.severity(f.severity()))
                .append(", ")
                .append(w.status(f.status()))
                .append(" : ")
                .append(
                    f.subject().isEmpty()
                        ? ""
                        : fr.vigie.inventory.DomainNames.namesToUnicode(f.subject()) + " — ")
                .append(f.evidence())
                .append('\n');
          }
          tc.appendElement("failure")
              .attr("type", failing.get(0).severity())
              .attr("message", failing.get(0).title())
              .text(text.toString());
        } else if (e.getValue().stream().allMatch(f -> f.status().equals("suppressed"))) {
          tc.appendElement("skipped")
              .attr(
                  "message",
                  w.t("accepté : ", "accepted: ") + e.getValue().get(0).suppression());
        }
      }
      suite
          .attr("tests", String.valueOf(tests))
          .attr("failures", String.valueOf(failures))
          .attr("errors", String.valueOf(errors));
      allTests += tests;
      allFailures += failures;
      allErrors += errors;
    }
    suites
        .attr("tests", String.valueOf(allTests))
        .attr("failures", String.valueOf(allFailures))
        .attr("errors", String.valueOf(allErrors));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + Escape.text(suites).outerHtml() + "\n";
  }
}
