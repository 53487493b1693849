package fr.vigie.report;

import fr.vigie.check.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * JUnit XML for CI dashboards: a test suite per commune, a test case per check × asset, failing
 * when a current finding is at or above the gate's severity. Built as a DOM, so every value is
 * escaped as XML.
 */
public final class JunitReport {

  private JunitReport() {}

  public static String render(ScanReport report, Severity failAt) {
    Document doc = new Document("");
    doc.outputSettings().syntax(Document.OutputSettings.Syntax.xml).prettyPrint(true).charset("UTF-8");
    Element suites = doc.appendElement("testsuites").attr("name", "vigie scan " + report.scan().id());
    int allTests = 0;
    int allFailures = 0;
    for (ScanReport.CommuneReport c : report.communes()) {
      Map<String, List<ScanReport.FindingReport>> cases = new LinkedHashMap<>();
      for (ScanReport.FindingReport f : c.findings()) {
        if (f.current() || f.status().equals("suppressed")) {
          cases.computeIfAbsent(f.check() + " " + f.asset(), k -> new java.util.ArrayList<>()).add(f);
        }
      }
      Element suite = suites.appendElement("testsuite").attr("name", (c.insee() == null ? "" : c.insee() + " ") + c.name());
      int failures = 0;
      for (Map.Entry<String, List<ScanReport.FindingReport>> e : cases.entrySet()) {
        Element tc = suite.appendElement("testcase").attr("classname", e.getValue().get(0).check()).attr("name", e.getKey());
        List<ScanReport.FindingReport> failing = e.getValue().stream()
            .filter(f -> f.current() && Severity.parse(f.severity()).atLeast(failAt)).toList();
        if (!failing.isEmpty()) {
          failures++;
          StringBuilder text = new StringBuilder();
          for (ScanReport.FindingReport f : failing) {
            text.append(f.severity()).append(" ").append(f.status()).append(": ").append(f.subject().isEmpty() ? "" : f.subject() + " — ")
                .append(f.evidence()).append('\n');
          }
          tc.appendElement("failure").attr("type", failing.get(0).severity()).attr("message", failing.get(0).title()).text(text.toString());
        } else if (e.getValue().stream().allMatch(f -> f.status().equals("suppressed"))) {
          tc.appendElement("skipped").attr("message", "suppressed: " + e.getValue().get(0).suppression());
        }
      }
      suite.attr("tests", String.valueOf(cases.size())).attr("failures", String.valueOf(failures));
      allTests += cases.size();
      allFailures += failures;
    }
    suites.attr("tests", String.valueOf(allTests)).attr("failures", String.valueOf(allFailures));
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + suites.outerHtml() + "\n";
  }
}
