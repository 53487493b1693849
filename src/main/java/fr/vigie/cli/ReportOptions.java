package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.diff.Gate;
import fr.vigie.diff.Suppressions;
import fr.vigie.model.Severity;
import fr.vigie.report.ScanReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Gate, suppression and baseline options, shared by scan, report and demo. */
public final class ReportOptions {

  static final String DEFAULT_SUPPRESSIONS = "vigie-suppressions.yaml";

  @Option(
      names = "--fail-on",
      paramLabel = "new|any:SEVERITY",
      description =
          "Exit with 1 when a finding at or above SEVERITY is new since the previous scan (new:high) or open at all (any:critical). Repeatable.")
  List<String> failOn = new ArrayList<>();

  @Option(
      names = "--suppressions",
      paramLabel = "FILE",
      description = "Accepted risks (check and/or asset, reason, expiry); default: ./"
          + DEFAULT_SUPPRESSIONS + " when present.")
  Path suppressions;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description =
          "A previous JSON report to compare with, instead of the database's previous scan (CI jobs that keep no database).")
  Path baseline;

  @Option(
      names = "--details",
      description = "Text report: every finding of every commune with its evidence, and each"
          + " remediation once per check (default: one screen per commune, one line per commune"
          + " for several).")
  boolean details;

  List<Gate> gates() {
    return failOn.stream().map(Gate::parse).toList();
  }

  /** Reads the suppressions; a rule that can never match is said on {@code err}, with its file and line. */
  Suppressions suppressions(PrintWriter err) {
    Path file = suppressions;
    if (file != null) {
      if (!Files.exists(file)) {
        throw new UserInputException("suppressions file " + file + " does not exist");
      }
    } else {
      file = Path.of(DEFAULT_SUPPRESSIONS);
      if (!Files.isRegularFile(file)) {
        return Suppressions.NONE;
      }
    }
    Suppressions read = Suppressions.read(file);
    fr.vigie.check.CheckCatalogue catalogue = fr.vigie.check.CheckCatalogue.builtIn();
    for (String problem : read.problems(file, id -> catalogue.find(id).isPresent())) {
      err.println("vigie: warning: " + problem);
    }
    err.flush();
    return read;
  }

  /** Commune key to its state in the baseline report, or null without one. */
  Map<String, fr.vigie.diff.Snapshot> baselineKeys() {
    return baseline == null ? null : fr.vigie.report.Baseline.read(baseline);
  }

  /** The findings that trip a gate, each as "status severity check on asset (commune)". */
  static List<String> tripped(List<Gate> gates, ScanReport report) {
    List<String> out = new java.util.ArrayList<>();
    for (ScanReport.CommuneReport c : report.communes()) {
      for (ScanReport.FindingReport f : c.findings()) {
        Severity s = Severity.parse(f.severity());
        if (gates.stream().anyMatch(g -> g.trips(f.status(), s))) {
          out.add(f.status() + " " + f.severity() + " " + f.check() + " on "
              + fr.vigie.report.Escape.terminal(f.asset()) + " ("
              + fr.vigie.report.Escape.terminal(c.name()) + ")");
        }
      }
    }
    return out;
  }

  /** Applies the gates to a report: prints what tripped and returns the exit code. */
  static int gateExitCode(List<Gate> gates, ScanReport report, PrintWriter err) {
    if (gates.isEmpty()) {
      return ExitCodes.OK;
    }
    List<String> trippedBy = tripped(gates, report);
    int tripped = trippedBy.size();
    trippedBy.stream().limit(20).forEach(t -> err.println("vigie: gate: " + t));
    String applied = String.join(" ", gates.stream().map(Gate::toString).toList());
    if (tripped > 0) {
      err.println("vigie: " + tripped + " finding(s) trip --fail-on " + applied);
      err.flush();
      return ExitCodes.GATE_FAILED;
    }
    // A gate must never pass on a scan that did not look: a commune that could not be scanned
    // cannot be judged, and the job must not go green on it.
    List<ScanReport.CommuneReport> unjudged =
        report.communes().stream().filter(ScanReport.CommuneReport::unreachable).toList();
    if (!unjudged.isEmpty()) {
      ScanReport.CommuneReport first = unjudged.get(0);
      err.println("vigie: --fail-on " + applied + " cannot pass: " + unjudged.size()
          + " commune(s) could not be scanned ("
          + fr.vigie.report.Escape.terminal(first.name()) + ": "
          + fr.vigie.report.Escape.terminal(
              first.statusReason() == null ? first.status() : first.statusReason())
          + (unjudged.size() > 1 ? ", …" : "") + ")");
      err.flush();
      return ExitCodes.RUNTIME;
    }
    return ExitCodes.OK;
  }
}
