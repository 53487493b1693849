package fr.vigie.cli;

import fr.vigie.check.Severity;
import fr.vigie.store.ScanRecord;
import fr.vigie.store.ScanRepository;
import fr.vigie.store.Store;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code vigie scans}: the stored scans, one a line. */
@Command(name = "scans", mixinStandardHelpOptions = true, description = "Lists the scans stored in the database.")
final class ScansCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Store store = Store.open(common.db, false)) {
      List<ScanRecord> scans = new ScanRepository(store).listScans();
      if (scans.isEmpty()) {
        out.println("No scan in " + common.db + " yet.");
        return ExitCodes.OK;
      }
      out.printf("%4s  %-20s  %-11s  %9s  %5s  %4s %4s %4s %4s %4s%n",
          "ID", "STARTED (UTC)", "STATUS", "COMMUNES", "HOSTS", "CRIT", "HIGH", "MED", "LOW", "INFO");
      for (ScanRecord s : scans) {
        out.printf("%4d  %-20s  %-11s  %9s  %5d  %4d %4d %4d %4d %4d%n",
            s.id(),
            s.started().toString().replaceFirst("\\.\\d+Z$", "Z"),
            s.status(),
            s.communesDone() == s.communes() ? String.valueOf(s.communes()) : s.communesDone() + "/" + s.communes(),
            s.hosts(),
            s.findings().get(Severity.CRITICAL),
            s.findings().get(Severity.HIGH),
            s.findings().get(Severity.MEDIUM),
            s.findings().get(Severity.LOW),
            s.findings().get(Severity.INFO));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
