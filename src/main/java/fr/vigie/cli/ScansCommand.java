package fr.vigie.cli;

import fr.vigie.model.Severity;
import fr.vigie.store.ScanLog;
import fr.vigie.store.ScanRecord;
import fr.vigie.store.Store;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code vigie scans}: the stored scans, one a line. */
@Command(
    name = "scans",
    mixinStandardHelpOptions = true,
    description = "Lists the scans stored in the database.")
final class ScansCommand implements Callable<Integer> {

  /** {@code 9m41s}, {@code 12s}, {@code 1h02m}; a dash while it runs. */
  static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    long s = d.toSeconds();
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return (s / 60) + "m" + String.format("%02d", s % 60) + "s";
    }
    return (s / 3600) + "h" + String.format("%02d", (s % 3600) / 60) + "m";
  }

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = Store.openReadOnly(common.db)) {
      List<ScanRecord> scans = new ScanLog(store).listScans();
      if (scans.isEmpty()) {
        out.println("No scan in " + common.db + " yet.");
        return ExitCodes.OK;
      }
      out.printf(
          "%4s  %-20s  %-11s  %9s  %8s  %-17s  %5s  %4s %4s %4s %4s %4s  %s%n",
          "ID",
          "STARTED (UTC)",
          "STATUS",
          "COMMUNES",
          "DURATION",
          "COMPLETE/PART/UNR",
          "HOSTS",
          "CRIT",
          "HIGH",
          "MED",
          "LOW",
          "INFO",
          "NARROWED BY");
      for (ScanRecord s : scans) {
        out.printf(
            "%4d  %-20s  %-11s  %9s  %8s  %-17s  %5d  %4d %4d %4d %4d %4d  %s%n",
            s.id(),
            s.started().toString().replaceFirst("\\.\\d+Z$", "Z"),
            s.status(),
            s.communesDone() == s.communes()
                ? String.valueOf(s.communes())
                : s.communesDone() + "/" + s.communes(),
            duration(s.duration()),
            s.narrowed() == null ? "?" : s.complete() + "/" + s.partial() + "/" + s.unreachable(),
            s.hosts(),
            s.findings().get(Severity.CRITICAL),
            s.findings().get(Severity.HIGH),
            s.findings().get(Severity.MEDIUM),
            s.findings().get(Severity.LOW),
            s.findings().get(Severity.INFO),
            (s.narrowed() == null
                    ? "(not recorded)"
                    : s.narrowed().isEmpty() ? "-" : String.join(" ", s.narrowed()))
                // A recheck ran no probe: say whose observations it judged again.
                + (s.arguments() != null && s.arguments().startsWith("recheck of ")
                    ? "  (" + s.arguments() + ")"
                    : ""));
      }
      out.println(
          "COMPLETE/PART/UNR: communes scanned completely, partially (an option or unanswered questions), or not at all.");
      out.flush();
      return ExitCodes.OK;
    }
  }
}
