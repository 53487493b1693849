package fr.vigie.report;

import fr.vigie.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** The Markdown report: one section per commune, a table of findings; everything escaped. */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(ScanReport report) {
    StringBuilder md = new StringBuilder();
    ScanReport.Scan scan = report.scan();
    md.append("# vigie — scan ").append(scan.id()).append("\n\n");
    md.append("Started ")
        .append(scan.started())
        .append(", status ")
        .append(scan.status())
        .append(".\n");
    for (ScanReport.CommuneReport c : report.communes()) {
      md.append("\n## ")
          .append(Escape.markdown((c.insee() == null ? "" : c.insee() + " ") + c.name()))
          .append(" — grade ")
          .append(c.grade() == null ? "?" : c.grade())
          .append("\n\n");
      if (c.unreachable()) {
        md.append("**Non analysée / not scanned**: ")
            .append(Escape.markdown(c.statusReason() == null ? c.status() : c.statusReason()))
            .append(". Its previous findings are unknown, not resolved.\n\n");
      } else if ("partial".equals(c.status()) && c.coverage() != null) {
        md.append("**Analyse partielle / partial scan**")
            .append(
                c.coverage().narrowedBy().isEmpty()
                    ? ": some questions got no answer"
                    : ": " + Escape.markdown(String.join(" ", c.coverage().narrowedBy())))
            .append(".\n\n");
      }
      ScanReport.Changes ch = c.changes();
      md.append(
              ch.from() == null && !ch.baseline()
                  ? "First scan of this commune."
                  : "Since " + (ch.baseline() ? "the baseline" : "scan " + ch.from()) + ":")
          .append(" ")
          .append(ch.added())
          .append(" new, ")
          .append(ch.resolved())
          .append(" resolved, ")
          .append(ch.unknown())
          .append(" unknown, ")
          .append(ch.suppressed())
          .append(" suppressed.\n\n");
      List<ScanReport.HostReport> running = c.hosts().stream()
          .filter(
              h -> h.inScope() && (!h.technologies().isEmpty() || !h.services().isEmpty()))
          .toList();
      if (!running.isEmpty()) {
        md.append("Runs:\n\n");
        for (ScanReport.HostReport h : running) {
          List<String> parts =
              new ArrayList<>(h.technologies().stream().map(TextReport::label).toList());
          h.services().forEach(v -> parts.add("open " + TextReport.label(v)));
          md.append("- ")
              .append(Escape.markdown(h.name()))
              .append(": ")
              .append(Escape.markdown(String.join(", ", parts)))
              .append("\n");
        }
        md.append("\n");
      }
      List<ScanReport.FindingReport> findings = c.findings();
      if (findings.isEmpty()) {
        md.append("No finding.\n");
        continue;
      }
      md.append(
          "| status | severity | check | asset | finding | evidence |\n|---|---|---|---|---|---|\n");
      for (Severity s : Severity.values()) {
        for (ScanReport.FindingReport f : findings) {
          if (f.severity().equals(s.id())) {
            md.append("| ")
                .append(f.status())
                .append(" | ")
                .append(f.severity())
                .append(" | `")
                .append(f.check())
                .append("` | ")
                .append(
                    Escape.markdown(f.asset() + (f.subject().isEmpty() ? "" : " " + f.subject())))
                .append(" | ")
                .append(Escape.markdown(f.title()))
                .append(" | ")
                .append(Escape.markdown(truncate(f.evidence(), 200)))
                .append(
                    f.unknownReasonText() == null
                        ? ""
                        : " — " + Escape.markdown(f.unknownReasonText()))
                .append(" |\n");
          }
        }
      }
      md.append("\n### Remediation\n\n");
      findings.stream()
          .filter(ScanReport.FindingReport::current)
          .map(ScanReport.FindingReport::check)
          .distinct()
          .forEach(id -> {
            ScanReport.FindingReport f =
                findings.stream().filter(x -> x.check().equals(id)).findFirst().orElseThrow();
            md.append("- **")
                .append(Escape.markdown(f.title()))
                .append("** (`")
                .append(id)
                .append("`): ")
                .append(Escape.markdown(f.remediation()))
                .append(f.reference().isEmpty() ? "" : " <" + f.reference() + ">")
                .append("\n");
          });
    }
    for (String w : report.warnings()) {
      md.append("\n> warning: ").append(Escape.markdown(w)).append("\n");
    }
    return md.toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
