package fr.vigie.report;

import fr.vigie.model.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The terminal report, in the report's language. One commune: the summary a webmaster reads in
 * one screen (the grade and why, the three things to fix first with their fix, the findings by
 * host, what changed). Several: one line per commune and the region's totals. {@code details}:
 * every finding with its evidence, and each remediation once per check. Everything that came from
 * the network goes through {@link Escape#terminal}; lines wrap at the terminal's width, between
 * words.
 */
public final class TextReport {

  private static final String INVENTORY = "tech.detected";

  /** How many things « À corriger en priorité » names. */
  static final int PRIORITIES = 3;

  private final boolean colour;
  private final Words w;
  private final int width;
  private final boolean details;

  public TextReport(boolean colour, Words words, int width, boolean details) {
    this.colour = colour;
    this.w = words;
    this.width = Math.max(40, width);
    this.details = details;
  }

  public void render(ScanReport report, PrintWriter out) {
    render(report, out, false);
  }

  /**
   * @param worst several communes: after the table, the summary of the one with the worst grade
   *     (what the demo shows)
   */
  public void render(ScanReport report, PrintWriter out, boolean worst) {
    ScanReport.Scan scan = report.scan();
    out.println(
        "Scan " + scan.id() + " — " + w.scanStatus(scan.status()) + " — " + w.date(scan.started()));
    if (report.communes().size() > 1 && !details) {
      table(report, out);
      if (worst) {
        worst(report).ifPresent(c -> {
          out.println();
          out.println(w.t("La commune la plus exposée :", "The most exposed commune:"));
          commune(c, out);
        });
      }
    } else {
      for (ScanReport.CommuneReport c : report.communes()) {
        commune(c, out);
      }
    }
    for (String warning : report.warnings()) {
      out.println();
      out.println(w.t("attention : ", "warning: ") + Escape.terminal(warning));
    }
    out.flush();
  }

  /** The commune with the worst grade, the most critical findings first among equals. */
  static java.util.Optional<ScanReport.CommuneReport> worst(ScanReport report) {
    return report.communes().stream()
        .filter(c -> !c.unreachable() && c.grade() != null)
        .max(Comparator.comparing(ScanReport.CommuneReport::grade)
            .thenComparing(c -> c.counts().getOrDefault("critical", 0))
            .thenComparing(c -> c.counts().getOrDefault("high", 0)));
  }

  private void commune(ScanReport.CommuneReport c, PrintWriter out) {
    out.println();
    String title = (c.insee() == null ? "" : c.insee() + " ") + c.name();
    out.println(bold(Escape.terminal(title)) + " — " + w.t("note ", "grade ")
        + bold(c.grade() == null ? "?" : c.grade()));
    if (c.unreachable()) {
      // Loud: a commune that could not be scanned must never read like a clean one.
      out.println("  " + colourFor(Severity.HIGH, w.t("NON ANALYSÉE", "NOT SCANNED")) + " : "
          + Escape.terminal(c.statusReason() == null ? c.status() : c.statusReason()));
    } else if ("partial".equals(c.status())) {
      print(out, "  ", w.t("Analyse partielle", "Partial scan") + partialWhy(c));
    }
    if (c.gradeReasons() != null && !c.gradeReasons().isEmpty()) {
      print(out, "  ", w.t("Pourquoi : ", "Why: ") + String.join(" ; ", c.gradeReasons()));
    }
    List<ScanReport.FindingReport> current =
        c.findings().stream().filter(ScanReport.FindingReport::current).toList();
    out.println("  " + counts(c));
    print(
        out,
        "  ",
        w.t("Domaines : ", "Domains: ")
            + String.join(
                ", ",
                c.domains().stream().map(d -> Escape.terminal(Words.host(d))).toList()));

    List<ScanReport.FindingReport> priorities = priorities(current);
    if (!priorities.isEmpty()) {
      out.println();
      out.println("  " + bold(w.t("À corriger en priorité", "Fix these first")));
      int n = 0;
      for (ScanReport.FindingReport f : priorities) {
        n++;
        long where = current.stream().filter(o -> o.check().equals(f.check())).count();
        String head = n + ". " + Escape.terminal(f.title()) + " — "
            + Escape.terminal(Words.asset(f.asset()))
            + (where > 1
                ? w.t(
                    " et " + (where - 1) + (where == 2 ? " autre" : " autres"),
                    " and " + (where - 1) + " more")
                : "")
            + " (" + colourFor(Severity.parse(f.severity()), w.severity(f.severity())) + ")";
        print(out, "  ", head);
        if (!f.evidence().isEmpty()) {
          print(out, "     ", cut(Escape.terminal(f.evidence()), width - 6));
        }
        if (!f.remediation().isEmpty()) {
          print(
              out,
              "     ",
              w.t("Que faire : ", "What to do: ")
                  + Escape.terminal(firstParagraph(f.remediation())));
        }
      }
    }

    out.println();
    List<ScanReport.HostReport> inScope =
        c.hosts().stream().filter(ScanReport.HostReport::inScope).toList();
    out.println("  " + bold(w.t("Hôtes", "Hosts") + " (" + inScope.size() + ")"));
    Map<String, List<ScanReport.FindingReport>> byHost = byHost(c, current);
    boolean first = c.changes().from() == null && !c.changes().baseline();
    Set<String> shownHosts = new LinkedHashSet<>();
    for (ScanReport.HostReport h : inScope) {
      shownHosts.add(h.name());
      print(out, "  ", hostLine(h));
      findings(out, byHost.getOrDefault(h.name(), List.of()), first);
    }
    for (Map.Entry<String, List<ScanReport.FindingReport>> e : byHost.entrySet()) {
      if (!shownHosts.contains(e.getKey())) {
        print(out, "  ", Escape.terminal(Words.asset(e.getKey())));
        findings(out, e.getValue(), first);
      }
    }
    List<ScanReport.FindingReport> accepted =
        c.findings().stream().filter(f -> f.status().equals("suppressed")).toList();
    if (!accepted.isEmpty()) {
      out.println();
      out.println("  " + bold(w.t("Risques acceptés", "Accepted risks")));
      for (ScanReport.FindingReport f : accepted) {
        print(
            out,
            "    ",
            "~ " + Escape.terminal(f.title()) + " — "
                + Escape.terminal(Words.asset(f.asset())) + " (" + f.check() + ") : "
                + Escape.terminal(f.suppression()));
      }
    }
    if (details) {
      remediations(out, current);
    }
    changes(c, out);
  }

  /** Why a commune's scan is partial: the reason, the options that narrowed it, or no answers. */
  private String partialWhy(ScanReport.CommuneReport c) {
    if (c.statusReason() != null) {
      return " : " + Escape.terminal(c.statusReason());
    }
    if (c.coverage() != null && !c.coverage().narrowedBy().isEmpty()) {
      return " : " + Escape.terminal(String.join(", ", c.coverage().narrowedBy()));
    }
    return w.t(" : des questions sont restées sans réponse", ": some questions got no answer");
  }

  /** The most severe current findings, one a check, new ones first among equals. */
  static List<ScanReport.FindingReport> priorities(List<ScanReport.FindingReport> current) {
    List<ScanReport.FindingReport> sorted = current.stream()
        .filter(f -> !f.check().equals(INVENTORY))
        .filter(f -> Severity.parse(f.severity()).compareTo(Severity.LOW) < 0)
        .sorted(Comparator.comparing((ScanReport.FindingReport f) -> Severity.parse(f.severity()))
            .thenComparing(f -> !f.status().equals("new")))
        .toList();
    List<ScanReport.FindingReport> out = new ArrayList<>();
    Set<String> checks = new LinkedHashSet<>();
    for (ScanReport.FindingReport f : sorted) {
      if (out.size() < PRIORITIES && checks.add(f.check())) {
        out.add(f);
      }
    }
    return out;
  }

  /** Findings by the host they are on ({@code host:port} and {@code address:port} by host). */
  private static Map<String, List<ScanReport.FindingReport>> byHost(
      ScanReport.CommuneReport c, List<ScanReport.FindingReport> current) {
    Map<String, List<ScanReport.FindingReport>> out = new LinkedHashMap<>();
    for (ScanReport.FindingReport f : current) {
      String asset = f.asset();
      int colon = asset.lastIndexOf(':');
      String host = colon > 0 && asset.indexOf(':') == colon ? asset.substring(0, colon) : asset;
      out.computeIfAbsent(host, k -> new ArrayList<>()).add(f);
    }
    // Services are found on addresses: show them on the host that has the address.
    for (ScanReport.HostReport h : c.hosts()) {
      for (String a : h.addresses()) {
        List<ScanReport.FindingReport> onAddress = out.remove(a);
        if (onAddress != null) {
          out.computeIfAbsent(h.name(), k -> new ArrayList<>()).addAll(onAddress);
        }
      }
    }
    return out;
  }

  private String hostLine(ScanReport.HostReport h) {
    List<String> parts = new ArrayList<>();
    String name = Escape.terminal(Words.host(h.name()));
    if (!h.cname().isEmpty()) {
      name += " → " + Escape.terminal(String.join(" → ", h.cname()));
      if (h.cnameEnd() != null && !h.cnameEnd().equals("resolved")) {
        name += " (" + w.cnameEnd(h.cnameEnd()) + ")";
      }
    }
    parts.add(bold(name));
    if (h.tls() != null) {
      parts.add("TLS " + h.tls().grade());
    }
    if (h.http() != null) {
      parts.add("HTTP " + h.http().grade());
    }
    if (!h.technologies().isEmpty()) {
      parts.add(Escape.terminal(
          String.join(", ", h.technologies().stream().map(t -> label(t, w)).toList())));
    }
    if (!h.services().isEmpty()) {
      parts.add(w.t("ouverts : ", "open: ")
          + Escape.terminal(
              String.join(", ", h.services().stream().map(TextReport::label).toList())));
    }
    // A probed address that is not public only happens when a test bed allows it: the summary
    // names the ones left alone, --details all.
    List<String> notProbed = h.addressDetails().stream()
        .filter(a -> !a.category().equals("public") && (details || !a.probed()))
        .map(a -> a.address() + " (" + w.addressCategory(a.category())
            + (a.probed() ? "" : w.t(", non sondée", ", not probed")) + ")")
        .toList();
    if (!notProbed.isEmpty()) {
      parts.add(String.join(", ", notProbed));
    }
    return String.join(" · ", parts);
  }

  /**
   * A host's findings, most severe first. In the summary, one line a check (its subjects joined)
   * for the critical to medium ones, and the low and info ones as one count, so that what is
   * listed adds up to the counts above and a commune fits one screen; {@code --details} lists
   * every finding with its evidence.
   */
  private void findings(PrintWriter out, List<ScanReport.FindingReport> group, boolean first) {
    List<ScanReport.FindingReport> sorted = group.stream()
        .sorted(Comparator.comparing((ScanReport.FindingReport f) -> Severity.parse(f.severity())))
        .toList();
    if (details) {
      for (ScanReport.FindingReport f : sorted) {
        print(out, "    ", findingLine(List.of(f), first));
        if (!f.evidence().isEmpty()) {
          print(out, "             ", Escape.terminal(f.evidence()));
        }
      }
      return;
    }
    Map<String, List<ScanReport.FindingReport>> byCheck = new LinkedHashMap<>();
    int low = 0;
    int info = 0;
    for (ScanReport.FindingReport f : sorted) {
      Severity s = Severity.parse(f.severity());
      if (s == Severity.LOW) {
        low++;
      } else if (s == Severity.INFO) {
        info++;
      } else {
        byCheck.computeIfAbsent(f.check() + ' ' + s, k -> new ArrayList<>()).add(f);
      }
    }
    for (List<ScanReport.FindingReport> same : byCheck.values()) {
      print(out, "    ", findingLine(same, first));
    }
    if (low + info > 0) {
      List<String> counted = new ArrayList<>();
      if (low > 0) {
        counted.add(w.number(low) + " " + w.severities(Severity.LOW, low));
      }
      if (info > 0) {
        counted.add(w.number(info) + " info");
      }
      out.println("    + " + String.join(w.t(" et ", " and "), counted)
          + w.t(" (le détail : --details)", " (see --details)"));
    }
  }

  /** One check on one host: its severity, title, subjects, and whether it is new. */
  private String findingLine(List<ScanReport.FindingReport> same, boolean first) {
    ScanReport.FindingReport f = same.get(0);
    Severity s = Severity.parse(f.severity());
    List<String> subjects = same.stream()
        .map(ScanReport.FindingReport::subject)
        .filter(x -> !x.isEmpty())
        .map(fr.vigie.inventory.DomainNames::namesToUnicode)
        .distinct()
        .toList();
    boolean anyNew = same.stream().anyMatch(x -> x.status().equals("new"));
    String was = same.stream()
        .map(ScanReport.FindingReport::previousSeverity)
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(p -> w.t(" (était ", " (was ") + w.severity(p) + ")")
        .orElse("");
    return colourFor(s, pad(w.severity(s), 9))
        + Escape.terminal(f.title())
        + (subjects.isEmpty() || details
            ? ""
            : " [" + cut(Escape.terminal(String.join(", ", subjects)), 48) + "]")
        // On a first scan everything is new: saying it on every line says nothing.
        + (anyNew && !first ? " (" + w.status("new") + ")" : "")
        + was;
  }

  private void remediations(PrintWriter out, List<ScanReport.FindingReport> current) {
    Set<String> said = new LinkedHashSet<>();
    boolean first = true;
    for (ScanReport.FindingReport f : current.stream()
        .sorted(Comparator.comparing((ScanReport.FindingReport f) -> Severity.parse(f.severity())))
        .toList()) {
      if (f.check().equals(INVENTORY) || f.remediation().isEmpty() || !said.add(f.check())) {
        continue;
      }
      if (first) {
        out.println();
        out.println("  " + bold(w.t("Que faire", "What to do")));
        first = false;
      }
      print(out, "  ", bold(Escape.terminal(f.title())) + " (" + f.check() + ")");
      for (String paragraph : f.remediation().split("\n\\s*\n")) {
        print(out, "    ", Escape.terminal(paragraph.replaceAll("\\s+", " ").strip()));
      }
      if (!f.reference().isEmpty()) {
        print(out, "    ", w.t("Référence : ", "Reference: ") + Escape.terminal(f.reference()));
      }
    }
  }

  private void changes(ScanReport.CommuneReport c, PrintWriter out) {
    ScanReport.Changes ch = c.changes();
    out.println();
    if (ch.from() == null && !ch.baseline()) {
      out.println("  "
          + w.t(
              "Premier scan de cette commune : tout est nouveau.",
              "First scan of this commune: everything is new."));
      return;
    }
    String since = ch.baseline()
        ? w.t("Depuis la référence", "Since the baseline")
        : w.t("Depuis le scan ", "Since scan ") + ch.from();
    print(
        out,
        "  ",
        since + " : "
            + w.count(ch.added(), "nouveau", "nouveaux", "new", "new") + ", "
            + w.count(ch.resolved(), "corrigé", "corrigés", "fixed", "fixed") + ", "
            + w.count(ch.unknown(), "non vérifié", "non vérifiés", "not verified", "not verified")
            + (ch.suppressed() > 0
                ? ", " + w.count(ch.suppressed(), "accepté", "acceptés", "accepted", "accepted")
                : ""));
    // Not verified is said in the summary too: those findings still count in the grade, and a
    // reader who sees no finding above must learn why the grade is what it is.
    int unknownShown = 0;
    for (ScanReport.FindingReport f : c.findings()) {
      if (f.status().equals("unknown") && !details && unknownShown++ < PRIORITIES * 2) {
        print(
            out,
            "    ",
            "? " + colourFor(Severity.parse(f.severity()), w.severity(f.severity())) + " "
                + Escape.terminal(f.title()) + " — " + Escape.terminal(Words.asset(f.asset()))
                + (f.unknownReasonText() == null
                    ? ""
                    : " : " + Escape.terminal(f.unknownReasonText())));
      }
    }
    if (!details && unknownShown > PRIORITIES * 2) {
      out.println("    … " + w.t("(le détail : --details)", "(see --details)"));
    }
    if (details) {
      for (ScanReport.FindingReport f : c.findings()) {
        if (f.status().equals("resolved") || f.status().equals("unknown")) {
          print(
              out,
              "    ",
              (f.status().equals("resolved") ? "- " : "? ")
                  + Escape.terminal(f.title()) + " — " + Escape.terminal(Words.asset(f.asset()))
                  + " (" + w.status(f.status()) + ")"
                  + (f.unknownReasonText() == null
                      ? ""
                      : " : " + Escape.terminal(f.unknownReasonText())));
        }
      }
    }
    if (!ch.newAssets().isEmpty()) {
      print(
          out,
          "    ",
          w.t("Nouveaux noms : ", "New names: ")
              + Escape.terminal(
                  String.join(", ", ch.newAssets().stream().map(Words::asset).toList())));
    }
    if (!ch.vanishedAssets().isEmpty()) {
      print(
          out,
          "    ",
          w.t("Noms disparus : ", "Names gone: ")
              + Escape.terminal(String.join(
                  ", ", ch.vanishedAssets().stream().map(Words::asset).toList())));
    }
    if (!ch.unknownAssets().isEmpty()) {
      print(
          out,
          "    ",
          w.t("Noms non revérifiés : ", "Names not looked up again: ")
              + Escape.terminal(String.join(
                  ", ", ch.unknownAssets().stream().map(Words::asset).toList())));
    }
  }

  private void table(ScanReport report, PrintWriter out) {
    out.println();
    String head = String.format(
        "%-6s %-32s %4s %-12s %5s %5s %5s %6s %5s %5s %8s",
        "INSEE",
        "COMMUNE",
        w.t("NOTE", "GRADE"),
        w.t("ÉTAT", "STATUS"),
        "CRIT",
        w.t("ÉLEV", "HIGH"),
        w.t("MOY", "MED"),
        w.t("FAIBL", "LOW"),
        "INFO",
        w.t("HÔTES", "HOSTS"),
        w.t("NOUVEAUX", "NEW"));
    out.println(head);
    Map<String, Integer> grades = new LinkedHashMap<>();
    for (String g : List.of("A", "B", "C", "D", "E", "F", "?")) {
      grades.put(g, 0);
    }
    Map<Severity, Integer> totals = new LinkedHashMap<>();
    Map<Severity, Integer> newTotals = new LinkedHashMap<>();
    for (ScanReport.CommuneReport c : report.communes()) {
      String name = Escape.terminal(c.name());
      String grade = c.grade() == null ? "?" : c.grade();
      grades.merge(grades.containsKey(grade) ? grade : "?", 1, Integer::sum);
      for (Severity s : Severity.values()) {
        totals.merge(s, c.counts().getOrDefault(s.id(), 0), Integer::sum);
      }
      for (ScanReport.FindingReport f : c.findings()) {
        if (f.status().equals("new")) {
          newTotals.merge(Severity.parse(f.severity()), 1, Integer::sum);
        }
      }
      out.println(String.format(
          "%-6s %-32s %4s %-12s %5d %5d %5d %6d %5d %5d %8d",
          c.insee() == null ? "-" : c.insee(),
          name.length() > 32 ? name.substring(0, 31) + "…" : name,
          grade,
          CoverageText.status(c.status(), w.lang()),
          c.counts().getOrDefault("critical", 0),
          c.counts().getOrDefault("high", 0),
          c.counts().getOrDefault("medium", 0),
          c.counts().getOrDefault("low", 0),
          c.counts().getOrDefault("info", 0),
          c.hosts().stream().filter(ScanReport.HostReport::inScope).count(),
          c.changes().added()));
    }
    out.println();
    for (ScanReport.CommuneReport c : report.communes()) {
      if (c.unreachable()) {
        print(
            out,
            "",
            w.t("non analysée : ", "not scanned: ") + Escape.terminal(c.name()) + " : "
                + Escape.terminal(c.statusReason() == null ? c.status() : c.statusReason()));
      }
    }
    for (ScanReport.CommuneReport c : report.communes()) {
      if ("partial".equals(c.status())) {
        print(
            out,
            "",
            w.t("analyse partielle : ", "partial scan: ")
                + Escape.terminal(c.name())
                + partialWhy(c));
      }
    }
    StringBuilder g = new StringBuilder();
    grades.forEach(
        (k, v) -> g.append(g.isEmpty() ? "" : " · ").append(k).append(' ').append(v));
    print(
        out,
        "",
        bold(w.t("Région", "Region")) + " : "
            + w.count(report.communes().size(), "commune", "communes", "commune", "communes")
            + " — " + w.t("notes ", "grades ") + g);
    print(out, "", w.t("Constats : ", "Findings: ") + severityList(totals));
    int fresh = newTotals.values().stream().mapToInt(Integer::intValue).sum();
    print(
        out,
        "",
        w.t("Nouveaux depuis le scan précédent : ", "New since the previous scan: ")
            + (fresh == 0 ? "0" : severityList(newTotals)));
    print(
        out,
        "",
        w.t(
            "Une commune en détail : vigie report --commune NOM (ou code INSEE, ou domaine) ;"
                + " tout : --details ; un site à lire : vigie report -f html -o site/",
            "One commune in full: vigie report --commune NAME (or INSEE code, or domain);"
                + " everything: --details; a site to read: vigie report -f html -o site/"));
  }

  private String severityList(Map<Severity, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      int n = counts.getOrDefault(s, 0);
      if (n > 0) {
        parts.add(w.number(n) + " " + w.severities(s, n));
      }
    }
    return parts.isEmpty() ? w.t("aucun", "none") : String.join(", ", parts);
  }

  /** {@code WordPress 6.1.9}, {@code Drupal 10.x}, {@code jQuery (1.4.4?)}, {@code nginx}. */
  static String label(ScanReport.TechReport t, Words w) {
    String label = switch (t.precision()) {
      case "exact" -> t.name() + " " + t.version();
      case "branch" -> t.name() + " " + t.version() + ".x";
      case "hint" -> t.name() + " (" + t.versionHint() + "?)";
      default -> t.name();
    };
    return t.port() == null ? label : label + w.t(" sur ", " on ") + t.port();
  }

  /** {@code 3389/rdp}, {@code 22/ssh OpenSSH 9.9}. */
  static String label(ScanReport.ServiceReport v) {
    return v.port() + "/" + v.protocol()
        + (v.product() == null
            ? ""
            : " " + v.product() + (v.version() == null ? "" : " " + v.version()));
  }

  /** What counts against the commune now, by severity: the numbers the lists below add up to. */
  private String counts(ScanReport.CommuneReport c) {
    List<String> parts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      int n = c.counts().getOrDefault(s.id(), 0);
      if (n > 0) {
        parts.add(colourFor(s, w.number(n) + " " + w.severities(s, n)));
      }
    }
    return parts.isEmpty() ? w.t("aucun constat", "no findings") : String.join(" · ", parts);
  }

  private static String firstParagraph(String text) {
    return text.split("\n\\s*\n")[0].replaceAll("\\s+", " ").strip();
  }

  /** A text wrapped at the width after the indent, continuation lines indented the same. */
  private void print(PrintWriter out, String indent, String text) {
    for (String line : wrap(text, width - indent.length())) {
      out.println(indent + line);
    }
  }

  /** Lines of at most {@code width} visible columns, cut between words (a longer word alone). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    int visible = 0;
    for (String word : text.split(" ")) {
      int length = visibleLength(word);
      if (visible > 0 && visible + 1 + length > width) {
        lines.add(line.toString());
        line.setLength(0);
        visible = 0;
      }
      if (visible > 0) {
        line.append(' ');
        visible++;
      }
      line.append(word);
      visible += length;
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** Colour codes take no column. */
  private static int visibleLength(String s) {
    return s.replaceAll("\u001b\\[[0-9;]*m", "").length();
  }

  /** Cut at a word boundary, with "…": the full text is in the other formats. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int space = s.lastIndexOf(' ', max - 1);
    return (space > max / 2 ? s.substring(0, space) : s.substring(0, max - 1)) + " …";
  }

  private static String pad(String s, int n) {
    return s.length() >= n ? s + " " : s + " ".repeat(n - s.length());
  }

  private String bold(String s) {
    return colour ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  private String colourFor(Severity s, String text) {
    if (!colour) {
      return text;
    }
    String code = switch (s) {
      case CRITICAL -> "1;35";
      case HIGH -> "1;31";
      case MEDIUM -> "33";
      case LOW -> "36";
      case INFO -> "2";
    };
    return "\u001b[" + code + "m" + text + "\u001b[0m";
  }
}
