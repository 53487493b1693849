package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.report.Formats;
import fr.vigie.report.ReportBuilder;
import fr.vigie.report.ScanReport;
import fr.vigie.store.ScanLog;
import fr.vigie.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie report}: a stored scan in any format, compared with the previous one. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the report of a stored scan: text, md, json, csv, sarif, junit or html (a static site).",
      "Each finding is new, open, resolved, unknown (not reached this time) or suppressed, against the previous scan of its commune."
    })
final class ReportCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ReportOptions reporting;

  @Option(
      names = "--scan",
      paramLabel = "ID|latest",
      defaultValue = "latest",
      description = "The scan (default: ${DEFAULT-VALUE}).")
  String scan;

  @Option(
      names = "--from",
      paramLabel = "ID",
      description = "Compare with this scan instead of each commune's previous one.")
  Long from;

  @Option(
      names = "--commune",
      paramLabel = "COMMUNE",
      description = "Only this commune: its INSEE code, its name (accents and case ignored) or"
          + " one of its domains.")
  String commune;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, md, json, csv, sarif, junit, html (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PATH",
      description = "Write there (a directory for html) instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    Formats.check(format);
    CheckCatalogue.Lang language = Main.language(spec);
    // CI inputs first: a missing baseline is said as such, whatever the database.
    var baseline = reporting.baselineKeys();
    var suppressions = reporting.suppressions(spec.commandLine().getErr());
    try (Store store = Store.openReadOnly(common.db)) {
      ScanLog log = new ScanLog(store);
      long id = scanId(log, scan);
      ReportBuilder builder = new ReportBuilder(store, CheckCatalogue.builtIn());
      ScanReport report = builder.build(
          id,
          new ReportBuilder.Options(language, commune, from, baseline, suppressions, Instant.now())
              .zone(Main.zone(spec)));
      String text = Formats.render(
          format,
          report,
          CheckCatalogue.builtIn(),
          Main.words(spec),
          reporting.gates(),
          Terminal.isInteractive() && output == null,
          output,
          reporting.details,
          Terminal.width(),
          format.equalsIgnoreCase("html") ? builder.history(id) : java.util.Map.of());
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
      return ReportOptions.gateExitCode(
          reporting.gates(), report, spec.commandLine().getErr());
    }
  }

  static long scanId(ScanLog log, String scan) {
    if (scan.equalsIgnoreCase("latest")) {
      return log.latestScanId()
          .orElseThrow(() -> new UserInputException("the database has no scan yet"));
    }
    try {
      long id = Long.parseLong(scan);
      log.scan(id)
          .orElseThrow(
              () -> new UserInputException("no scan " + id + " in the database (see vigie scans)"));
      return id;
    } catch (NumberFormatException e) {
      throw new UserInputException("invalid --scan '" + scan + "' (a scan id or latest)");
    }
  }
}
