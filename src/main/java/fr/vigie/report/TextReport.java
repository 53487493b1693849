package fr.vigie.report;

import fr.vigie.inventory.DomainNames;
import fr.vigie.model.Severity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The terminal summary: per commune, its hosts and its findings grouped by severity. Everything
 * that came from the network goes through {@link Escape#terminal}. Colour only when asked (on a
 * TTY).
 */
public final class TextReport {

  /** Past this many communes (a regional sweep), one line per commune instead of the details. */
  public static final int DETAIL_LIMIT = 20;

  private static final String INVENTORY = "tech.detected";

  private final boolean colour;

  public TextReport(boolean colour) {
    this.colour = colour;
  }

  public void render(ScanReport report, PrintWriter out) {
    ScanReport.Scan scan = report.scan();
    out.printf("Scan %d — %s — %s%n", scan.id(), scan.status(), scan.started());
    if (report.communes().size() > DETAIL_LIMIT) {
      table(report, out);
      return;
    }
    for (ScanReport.CommuneReport c : report.communes()) {
      out.println();
      String title = (c.insee() == null ? "" : c.insee() + " ") + c.name();
      out.println(bold(Escape.terminal(title)) + "  grade " + (c.grade() == null ? "?" : c.grade())
          + "  " + counts(c));
      if (c.unreachable()) {
        // Loud: a commune that could not be scanned must never read like a clean one.
        out.println("  " + colourFor(Severity.HIGH, "NOT SCANNED / NON ANALYSÉE") + ": "
            + Escape.terminal(c.statusReason() == null ? c.status() : c.statusReason()));
      } else if ("partial".equals(c.status()) && c.coverage() != null) {
        out.println("  partial scan / analyse partielle"
            + (c.statusReason() != null
                ? ": " + Escape.terminal(c.statusReason())
                : c.coverage().narrowedBy().isEmpty()
                    ? ": some questions got no answer"
                    : ": " + Escape.terminal(String.join(", ", c.coverage().narrowedBy()))));
      }
      out.println("  domains: "
          + String.join(", ", c.domains().stream().map(TextReport::display).toList()));
      List<ScanReport.HostReport> inScope =
          c.hosts().stream().filter(ScanReport.HostReport::inScope).toList();
      out.println("  hosts (" + inScope.size() + "):");
      for (ScanReport.HostReport h : inScope) {
        StringBuilder line = new StringBuilder("    ").append(Escape.terminal(display(h.name())));
        if (!h.cname().isEmpty()) {
          line.append(" → ").append(Escape.terminal(String.join(" → ", h.cname())));
          if (h.cnameEnd() != null && !h.cnameEnd().equals("resolved")) {
            line.append(" (").append(h.cnameEnd().replace('_', ' ')).append(')');
          }
        }
        if (!h.addressDetails().isEmpty()) {
          line.append("  ");
          line.append(String.join(
              ", ",
              h.addressDetails().stream()
                  .map(a -> a.address()
                      + (a.category().equals("public")
                          ? ""
                          : " (" + a.category() + (a.probed() ? "" : ", not probed") + ")"))
                  .toList()));
        }
        if (h.tls() != null) {
          line.append("  tls ").append(h.tls().grade());
        }
        if (h.http() != null) {
          line.append("  http ").append(h.http().grade());
        }
        out.println(line);
        if (!h.technologies().isEmpty()) {
          out.println("      runs: "
              + Escape.terminal(String.join(
                  ", ", h.technologies().stream().map(TextReport::label).toList())));
        }
        if (!h.services().isEmpty()) {
          out.println("      open: "
              + Escape.terminal(
                  String.join(", ", h.services().stream().map(TextReport::label).toList())));
        }
      }
      for (Severity s : Severity.values()) {
        List<ScanReport.FindingReport> group = c.findings().stream()
            .filter(f ->
                f.severity().equals(s.id()) && (f.current() || f.status().equals("suppressed")))
            // The inventory is on the host lines ("runs:"); the diff below still shows its changes.
            .filter(f -> !f.check().equals(INVENTORY))
            .toList();
        if (group.isEmpty()) {
          continue;
        }
        out.println(
            "  " + colourFor(s, s.id().toUpperCase(Locale.ROOT)) + " (" + group.size() + ")");
        for (ScanReport.FindingReport f : group) {
          finding(out, f);
        }
      }
      List<ScanReport.FindingReport> todo =
          c.findings().stream().filter(ScanReport.FindingReport::current).toList();
      if (!todo.isEmpty()) {
        out.println("  WHAT TO DO");
        Set<String> said = new HashSet<>();
        for (ScanReport.FindingReport f : todo) {
          if (!f.check().equals(INVENTORY)
              && said.add(f.check())
              && !f.remediation().isEmpty()) {
            out.println("    " + f.check());
            for (String line : wrap(Escape.terminal(f.remediation()), 88)) {
              out.println("        " + line);
            }
          }
        }
      }
      List<ScanReport.FindingReport> gone = c.findings().stream()
          .filter(f -> f.status().equals("resolved") || f.status().equals("unknown"))
          .toList();
      if (!gone.isEmpty()) {
        out.println("  SINCE SCAN " + c.changes().from() + " (" + gone.size() + ")");
        for (ScanReport.FindingReport f : gone) {
          finding(out, f);
        }
      }
      if (!c.changes().newAssets().isEmpty()) {
        out.println(
            "  new assets: " + Escape.terminal(String.join(", ", c.changes().newAssets())));
      }
      if (!c.changes().vanishedAssets().isEmpty()) {
        out.println("  vanished assets: "
            + Escape.terminal(String.join(", ", c.changes().vanishedAssets())));
      }
      if (!c.changes().unknownAssets().isEmpty()) {
        out.println("  not looked up again: "
            + Escape.terminal(String.join(", ", c.changes().unknownAssets())));
      }
    }
    for (String w : report.warnings()) {
      out.println();
      out.println("warning: " + Escape.terminal(w));
    }
    out.flush();
  }

  private void table(ScanReport report, PrintWriter out) {
    out.println();
    out.printf(
        "%-6s %-40s %5s %-11s %5s %5s %5s %5s %5s %6s%n",
        "INSEE", "COMMUNE", "GRADE", "STATUS", "CRIT", "HIGH", "MED", "LOW", "INFO", "HOSTS");
    for (ScanReport.CommuneReport c : report.communes()) {
      String name = Escape.terminal(c.name());
      out.printf(
          "%-6s %-40s %5s %-11s %5d %5d %5d %5d %5d %6d%n",
          c.insee() == null ? "-" : c.insee(),
          name.length() > 40 ? name.substring(0, 39) + "…" : name,
          c.grade() == null ? "?" : c.grade(),
          c.status(),
          c.counts().get("critical"),
          c.counts().get("high"),
          c.counts().get("medium"),
          c.counts().get("low"),
          c.counts().get("info"),
          c.hosts().stream().filter(ScanReport.HostReport::inScope).count());
    }
    out.println();
    for (ScanReport.CommuneReport c : report.communes()) {
      if (c.unreachable()) {
        out.println("not scanned: " + Escape.terminal(c.name()) + ": "
            + Escape.terminal(c.statusReason() == null ? c.status() : c.statusReason()));
      }
    }
    out.println(report.communes().size()
        + " communes: one line each; the JSON report (-o FILE) has every finding.");
    out.flush();
  }

  /** + new, - resolved, ? unknown (not reached this time), ~ suppressed, blank: still open. */
  static String marker(String status) {
    return switch (status) {
      case "new" -> "+ ";
      case "resolved" -> "- ";
      case "unknown" -> "? ";
      case "suppressed" -> "~ ";
      default -> "  ";
    };
  }

  private static void finding(PrintWriter out, ScanReport.FindingReport f) {
    out.println("    " + marker(f.status()) + f.check() + "  " + Escape.terminal(display(f.asset()))
        + (f.subject().isEmpty() ? "" : "  [" + Escape.terminal(f.subject()) + "]")
        + (f.status().equals("open") || f.status().equals("new") ? "" : "  (" + f.status() + ")")
        + (f.previousSeverity() == null ? "" : "  (was " + f.previousSeverity() + ")"));
    out.println("        " + Escape.terminal(f.title()));
    if (!f.evidence().isEmpty()) {
      out.println("        " + Escape.terminal(truncate(f.evidence(), 160)));
    }
    if (f.suppression() != null) {
      out.println("        suppressed: " + Escape.terminal(f.suppression()));
    }
    if (f.unknownReasonText() != null) {
      out.println("        " + Escape.terminal(f.unknownReasonText()));
    }
  }

  /** {@code WordPress 6.1.9}, {@code Drupal 10.x}, {@code jQuery (1.4.4?)}, {@code nginx}. */
  static String label(ScanReport.TechReport t) {
    String label = switch (t.precision()) {
      case "exact" -> t.name() + " " + t.version();
      case "branch" -> t.name() + " " + t.version() + ".x";
      case "hint" -> t.name() + " (" + t.versionHint() + "?)";
      default -> t.name();
    };
    return t.port() == null ? label : label + " on " + t.port();
  }

  /** {@code 3389/rdp}, {@code 22/ssh OpenSSH 9.9}. */
  static String label(ScanReport.ServiceReport v) {
    return v.port() + "/" + v.protocol()
        + (v.product() == null
            ? ""
            : " " + v.product() + (v.version() == null ? "" : " " + v.version()));
  }

  private static String counts(ScanReport.CommuneReport c) {
    StringBuilder sb = new StringBuilder();
    for (Severity s : Severity.values()) {
      int n = c.counts().getOrDefault(s.id(), 0);
      if (n > 0) {
        sb.append(sb.isEmpty() ? "" : ", ").append(n).append(' ').append(s.id());
      }
    }
    return sb.isEmpty() ? "no findings" : sb.toString();
  }

  private static String display(String asciiName) {
    try {
      String unicode = DomainNames.toUnicode(asciiName);
      return unicode.equals(asciiName) ? asciiName : unicode + " (" + asciiName + ")";
    } catch (IllegalArgumentException e) {
      return asciiName;
    }
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
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
