package fr.vigie.report;

import fr.vigie.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Markdown report, in the report's language, shaped as the commune page: the grade and why,
 * what to fix first, what changed, the hosts, then the findings grouped by check with the
 * remediation once. Everything a server sent is escaped.
 */
public final class MarkdownReport {

  private MarkdownReport() {}

  public static String render(ScanReport report, Words w) {
    StringBuilder md = new StringBuilder();
    ScanReport.Scan scan = report.scan();
    md.append("# vigie — scan ").append(scan.id()).append("\n\n");
    md.append(w.t("Commencé le ", "Started "))
        .append(w.date(scan.started()))
        .append(w.t(", ", ", "))
        .append(w.scanStatus(scan.status()))
        .append(".\n");
    for (ScanReport.CommuneReport c : report.communes()) {
      commune(md, c, w);
    }
    for (String warning : report.warnings()) {
      md.append("\n> ")
          .append(w.t("attention : ", "warning: "))
          .append(Escape.markdown(warning))
          .append("\n");
    }
    return md.toString();
  }

  private static void commune(StringBuilder md, ScanReport.CommuneReport c, Words w) {
    md.append("\n## ")
        .append(Escape.markdown((c.insee() == null ? "" : c.insee() + " ") + c.name()))
        .append(" — ")
        .append(w.t("note ", "grade "))
        .append(c.grade() == null ? "?" : c.grade())
        .append("\n\n");
    if (c.unreachable()) {
      md.append("**")
          .append(w.t("Non analysée", "Not scanned"))
          .append("** : ")
          .append(Escape.markdown(c.statusReason() == null ? c.status() : c.statusReason()))
          .append(w.t(
              ". Ses constats précédents sont non vérifiés, pas corrigés.\n\n",
              ". Its previous findings are not verified, not fixed.\n\n"));
    } else if ("partial".equals(c.status())) {
      md.append("**")
          .append(w.t("Analyse partielle", "Partial scan"))
          .append("**")
          .append(
              c.statusReason() != null
                  ? " : " + Escape.markdown(c.statusReason())
                  : c.coverage() != null && !c.coverage().narrowedBy().isEmpty()
                      ? " : " + Escape.markdown(String.join(" ", c.coverage().narrowedBy()))
                      : w.t(
                          " : des questions sont restées sans réponse",
                          ": some questions got no answer"))
          .append(".\n\n");
    }
    if (c.gradeReasons() != null && !c.gradeReasons().isEmpty()) {
      md.append(w.t("Pourquoi : ", "Why: "))
          .append(Escape.markdown(String.join(" ; ", c.gradeReasons())))
          .append(".\n\n");
    }
    List<ScanReport.FindingReport> current =
        c.findings().stream().filter(ScanReport.FindingReport::current).toList();
    List<String> counts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      int n = c.counts().getOrDefault(s.id(), 0);
      if (n > 0) {
        counts.add(w.number(n) + " " + w.severities(s, n));
      }
    }
    md.append(counts.isEmpty() ? w.t("Aucun constat.", "No findings.") : String.join(" · ", counts))
        .append("\n");

    List<ScanReport.FindingReport> priorities = TextReport.priorities(current);
    if (!priorities.isEmpty()) {
      md.append("\n### ")
          .append(w.t("À corriger en priorité", "Fix these first"))
          .append("\n\n");
      int n = 0;
      for (ScanReport.FindingReport f : priorities) {
        md.append(++n)
            .append(". **")
            .append(Escape.markdown(f.title()))
            .append("** — ")
            .append(Escape.markdown(Words.asset(f.asset())))
            .append(" (")
            .append(w.severity(f.severity()))
            .append(")  \n   ")
            .append(Escape.markdown(firstParagraph(f.remediation())))
            .append("\n");
      }
    }

    ScanReport.Changes ch = c.changes();
    md.append("\n### ").append(w.t("Ce qui a changé", "What changed")).append("\n\n");
    if (ch.from() == null && !ch.baseline()) {
      md.append(w.t(
          "Premier scan de cette commune : tout est nouveau.\n",
          "First scan of this commune: everything is new.\n"));
    } else {
      md.append(
              ch.baseline()
                  ? w.t("Depuis la référence : ", "Since the baseline: ")
                  : w.t("Depuis le scan ", "Since scan ") + ch.from() + " : ")
          .append(w.count(ch.added(), "nouveau", "nouveaux", "new", "new"))
          .append(", ")
          .append(w.count(ch.resolved(), "corrigé", "corrigés", "fixed", "fixed"))
          .append(", ")
          .append(
              w.count(ch.unknown(), "non vérifié", "non vérifiés", "not verified", "not verified"))
          .append(", ")
          .append(w.count(ch.suppressed(), "accepté", "acceptés", "accepted", "accepted"))
          .append(".\n");
      for (ScanReport.FindingReport f : c.findings()) {
        if (!f.status().equals("open") && !f.status().equals("suppressed")) {
          md.append("- ")
              .append(w.status(f.status()))
              .append(" : ")
              .append(Escape.markdown(f.title()))
              .append(" — ")
              .append(Escape.markdown(Words.asset(f.asset())))
              .append(
                  f.unknownReasonText() == null
                      ? ""
                      : " (" + Escape.markdown(f.unknownReasonText()) + ")")
              .append("\n");
        }
      }
    }

    List<ScanReport.HostReport> hosts =
        c.hosts().stream().filter(ScanReport.HostReport::inScope).toList();
    if (!hosts.isEmpty()) {
      md.append("\n### ").append(w.t("Hôtes", "Hosts")).append("\n\n");
      md.append(w.t(
          "| hôte | TLS | HTTP | technologies | services ouverts |\n",
          "| host | TLS | HTTP | technologies | open services |\n"));
      md.append("|---|---|---|---|---|\n");
      for (ScanReport.HostReport h : hosts) {
        md.append("| ")
            .append(Escape.markdown(Words.host(h.name())))
            .append(" | ")
            .append(h.tls() == null ? "—" : h.tls().grade())
            .append(" | ")
            .append(h.http() == null ? "—" : h.http().grade())
            .append(" | ")
            .append(Escape.markdown(String.join(
                ", ", h.technologies().stream().map(t -> TextReport.label(t, w)).toList())))
            .append(" | ")
            .append(Escape.markdown(
                String.join(", ", h.services().stream().map(TextReport::label).toList())))
            .append(" |\n");
      }
    }

    if (current.isEmpty()) {
      return;
    }
    md.append("\n### ").append(w.t("Constats", "Findings")).append("\n");
    Map<String, List<ScanReport.FindingReport>> byCheck = new LinkedHashMap<>();
    current.stream()
        .sorted(Comparator.comparing((ScanReport.FindingReport f) -> Severity.parse(f.severity())))
        .forEach(f -> byCheck.computeIfAbsent(f.check(), k -> new ArrayList<>()).add(f));
    for (List<ScanReport.FindingReport> group : byCheck.values()) {
      ScanReport.FindingReport first = group.get(0);
      md.append("\n#### ")
          .append(Escape.markdown(first.title()))
          .append(" (")
          .append(w.severity(first.severity()))
          .append(", `")
          .append(first.check())
          .append("`)\n\n");
      for (ScanReport.FindingReport f : group) {
        md.append("- ")
            .append(Escape.markdown(Words.asset(f.asset())))
            .append(
                f.subject().isEmpty()
                    ? ""
                    : " "
                        + Escape.markdown(
                            fr.vigie.inventory.DomainNames.namesToUnicode(f.subject())))
            .append(f.status().equals("new") ? " — **" + w.status("new") + "**" : "")
            .append(" : ")
            .append(Escape.markdown(TextReport.cut(f.evidence(), 300)))
            .append("\n");
      }
      if (!first.remediation().isEmpty()) {
        md.append("\n")
            .append(w.t("**Que faire** : ", "**What to do**: "))
            .append(Escape.markdown(first.remediation().replaceAll("\\s+", " ").strip()))
            .append(first.reference().isEmpty() ? "" : " <" + first.reference() + ">")
            .append("\n");
      }
    }
  }

  private static String firstParagraph(String text) {
    return text.split("\n\\s*\n")[0].replaceAll("\\s+", " ").strip();
  }
}
