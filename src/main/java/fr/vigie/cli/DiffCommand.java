package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.diff.Suppressions;
import fr.vigie.report.Escape;
import fr.vigie.report.Formats;
import fr.vigie.report.ReportBuilder;
import fr.vigie.report.ScanReport;
import fr.vigie.store.ScanLog;
import fr.vigie.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie diff}: what changed between two scans, commune by commune. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what changed between two scans: new, resolved and unknown findings, severity changes, new and vanished assets.",
      "Default: the latest completed scan against each commune's previous completed scan."
    })
final class DiffCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Option(
      names = "--from",
      paramLabel = "ID",
      description = "The older scan (default: each commune's previous one).")
  Long from;

  @Option(
      names = "--to",
      paramLabel = "ID",
      description = "The newer scan (default: the latest completed one).")
  Long to;

  @Option(
      names = "--commune",
      paramLabel = "COMMUNE",
      description = "Only this commune: its INSEE code, its name or one of its domains.")
  String commune;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, md or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    if (!List.of("text", "md", "json").contains(format)) {
      throw new UserInputException(
          "vigie diff writes text, md or json; use vigie report for the other formats");
    }
    CheckCatalogue.Lang language = Main.language(spec);
    try (Store store = Store.openReadOnly(common.db)) {
      ScanLog log = new ScanLog(store);
      long newer = to != null
          ? ReportCommand.scanId(log, String.valueOf(to))
          : log.latestCompletedScanId()
              .orElseThrow(() -> new UserInputException("the database has no completed scan yet"));
      if (from != null) {
        ReportCommand.scanId(log, String.valueOf(from));
        if (from >= newer) {
          throw new UserInputException(
              "--from must be an older scan than --to (" + from + " ≥ " + newer + ")");
        }
      }
      ScanReport report = new ReportBuilder(store, CheckCatalogue.builtIn())
          .build(
              newer,
              new ReportBuilder.Options(
                      language, commune, from, null, Suppressions.NONE, Instant.now())
                  .zone(Main.zone(spec)));
      String text = format.equals("text")
          ? text(report, Main.words(spec))
          : Formats.render(
              format,
              changesOnly(report),
              CheckCatalogue.builtIn(),
              Main.words(spec),
              null,
              false,
              null,
              true,
              Terminal.width());
      if (output != null) {
        ScanRunner.write(output, text);
      } else {
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
      }
      return ExitCodes.OK;
    }
  }

  /**
   * The report with, for each commune, only the findings that changed (new, resolved, unknown,
   * suppressed, or another severity) and no host inventory: a diff is not the whole report again.
   * Counts and grade stay the commune's, as they are after the newer scan.
   */
  static ScanReport changesOnly(ScanReport report) {
    return new ScanReport(
        report.schema(),
        report.tool(),
        report.scan(),
        report.communes().stream()
            .map(c -> c.withFindings(
                List.of(), c.findings().stream().filter(DiffCommand::changed).toList()))
            .toList(),
        report.warnings());
  }

  private static boolean changed(ScanReport.FindingReport f) {
    return !f.status().equals("open") || f.previousSeverity() != null;
  }

  /** Only what changed: a commune with no change is one line. */
  static String text(ScanReport report, fr.vigie.report.Words words) {
    StringWriter w = new StringWriter();
    PrintWriter out = new PrintWriter(w);
    out.println("Scan " + report.scan().id() + " (" + words.date(report.scan().started()) + ")");
    for (ScanReport.CommuneReport c : report.communes()) {
      ScanReport.Changes ch = c.changes();
      String name = Escape.terminal((c.insee() == null ? "" : c.insee() + " ") + c.name());
      if (ch.from() == null) {
        out.println(
            name + words.t(" : premier scan, rien à comparer", ": first scan, nothing to compare"));
        continue;
      }
      List<ScanReport.FindingReport> changed =
          c.findings().stream().filter(DiffCommand::changed).toList();
      out.println(name + words.t(" : depuis le scan ", ": since scan ") + ch.from() + ", "
          + words.count(ch.added(), "nouveau", "nouveaux", "new", "new") + ", "
          + words.count(ch.resolved(), "corrigé", "corrigés", "fixed", "fixed") + ", "
          + words.count(ch.unknown(), "non vérifié", "non vérifiés", "not verified", "not verified")
          + (changed.isEmpty()
                  && ch.newAssets().isEmpty()
                  && ch.vanishedAssets().isEmpty()
              ? words.t(" — aucun changement", " — no change")
              : ""));
      if (c.unreachable()) {
        out.println(words.t("  non analysée : ", "  not scanned: ")
            + Escape.terminal(c.statusReason() == null ? c.status() : c.statusReason()));
      } else if ("partial".equals(c.status())
          && c.coverage() != null
          && !c.coverage().narrowedBy().isEmpty()) {
        out.println(words.t("  partielle : ", "  partial: ")
            + Escape.terminal(String.join(" ", c.coverage().narrowedBy())));
      }
      for (ScanReport.FindingReport f : changed) {
        String marker = switch (f.status()) {
          case "new" -> "+";
          case "resolved" -> "-";
          case "unknown" -> "?";
          case "suppressed" -> "~";
          default -> "*";
        };
        out.println("  " + marker + " " + words.severity(f.severity()) + " " + f.check() + "  "
            + Escape.terminal(fr.vigie.report.Words.asset(f.asset()))
            + (f.subject().isEmpty()
                ? ""
                : " [" + Escape.terminal(fr.vigie.inventory.DomainNames.namesToUnicode(f.subject()))
                    + "]")
            + (f.previousSeverity() == null
                ? ""
                : words.t(" (était ", " (was ") + words.severity(f.previousSeverity()) + ")")
            + (f.unknownReasonText() == null || c.unreachable()
                ? ""
                : " — " + f.unknownReasonText()));
      }
      for (String a : ch.newAssets()) {
        out.println(
            words.t("  + nom ", "  + name ") + Escape.terminal(fr.vigie.report.Words.asset(a)));
      }
      for (String a : ch.vanishedAssets()) {
        out.println(
            words.t("  - nom ", "  - name ") + Escape.terminal(fr.vigie.report.Words.asset(a)));
      }
      for (String a : ch.unknownAssets()) {
        out.println(
            words.t("  ? nom ", "  ? name ") + Escape.terminal(fr.vigie.report.Words.asset(a)));
      }
    }
    out.flush();
    return w.toString();
  }
}
