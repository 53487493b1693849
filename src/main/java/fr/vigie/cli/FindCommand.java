package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.model.Severity;
import fr.vigie.report.Find;
import fr.vigie.report.ReportBuilder;
import fr.vigie.report.ScanReport;
import fr.vigie.store.ScanLog;
import fr.vigie.store.Store;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie find}: one question across the communes of a stored scan. */
@Command(
    name = "find",
    mixinStandardHelpOptions = true,
    description = {
      "Answers a question across the communes of a stored scan (default: the latest complete one),"
          + " one line per commune and host: which run a technology (--tech 'WordPress<6.4'),"
          + " have a finding (--check, --severity, --status), expose a service (--service rdp).",
      "Filters combine. A version the scan could not read exactly is answered 'to verify', never"
          + " left out."
    })
final class FindCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Option(
      names = "--scan",
      paramLabel = "ID|latest",
      description = "The scan (default: the latest complete one).")
  String scan;

  @Option(
      names = "--tech",
      paramLabel = "NAME[OP VERSION]",
      description = "A technology, optionally compared with a version: Roundcube, 'WordPress<6.4',"
          + " 'nginx>=1.25' (operators < <= > >= = !=).")
  String tech;

  @Option(
      names = "--check",
      paramLabel = "ID",
      description = "A check id or family: exposure.git, exposure, tech.*.")
  String check;

  @Option(
      names = "--severity",
      paramLabel = "SEVERITY",
      description = "Findings at or above: critical, high, medium, low, info.")
  String severity;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Findings with this status: new, open, unknown, resolved, suppressed"
          + " (default: the current ones, new, open or unknown).")
  String status;

  @Option(
      names = "--service",
      paramLabel = "PROTOCOL",
      description = "Hosts with this service open: rdp, smb, ssh, ftp, vnc, mysql…")
  String service;

  @Option(
      names = "--commune",
      paramLabel = "COMMUNE",
      description = "Only this commune: its INSEE code, name or one of its domains.")
  String commune;

  @Option(
      names = "--suppressions",
      paramLabel = "FILE",
      description = "Accepted risks (default: ./" + ReportOptions.DEFAULT_SUPPRESSIONS
          + " when present): their findings have the status suppressed.")
  java.nio.file.Path suppressions;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    String f = format.toLowerCase(Locale.ROOT);
    if (!List.of("text", "csv", "json").contains(f)) {
      throw new UserInputException("unknown format '" + format + "' for find (text, csv or json)");
    }
    Find.Query query = new Find.Query(
        tech == null ? null : Find.Tech.parse(tech),
        check,
        severity == null ? null : severity(severity),
        Find.status(status).orElse(null),
        service == null ? null : service.toLowerCase(Locale.ROOT));
    if (tech == null && check == null && severity == null && status == null && service == null) {
      throw new UserInputException(
          "find needs a question: --tech, --check, --severity, --status or --service");
    }
    var words = Main.words(spec);
    ReportOptions accepted = new ReportOptions();
    accepted.suppressions = suppressions;
    var rules = accepted.suppressions(spec.commandLine().getErr());
    try (Store store = Store.openReadOnly(common.db)) {
      ScanLog log = new ScanLog(store);
      long id = scan == null
          ? log.latestCompletedScanId()
              .orElseThrow(() -> new UserInputException("the database has no completed scan yet"))
          : ReportCommand.scanId(log, scan);
      ScanReport report = new ReportBuilder(store, CheckCatalogue.builtIn())
          .build(
              id,
              new ReportBuilder.Options(words.lang(), commune, null, null, rules, Instant.now())
                  .zone(words.zone()));
      List<Find.Answer> answers = Find.answer(report, query, words);
      String out = switch (f) {
        case "csv" -> Find.csv(answers);
        case "json" -> Find.json(answers);
        default ->
          words.t("Scan ", "Scan ") + id + " — " + words.date(report.scan().started()) + "\n"
              + Find.text(answers, words);
      };
      spec.commandLine().getOut().print(out);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
  }

  private static Severity severity(String s) {
    try {
      return Severity.parse(s.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--severity '" + fr.vigie.Text.shown(s, 40)
          + "': one of critical, high, medium, low, info");
    }
  }
}
