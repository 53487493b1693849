package fr.vigie.cli;

import fr.vigie.check.CheckCatalogue;
import fr.vigie.check.tls.TrustAnchors;
import fr.vigie.engine.Recheck;
import fr.vigie.fingerprint.Fingerprinter;
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

/** {@code vigie recheck}: today's rules over a stored scan's observations, without network. */
@Command(
    name = "recheck",
    mixinStandardHelpOptions = true,
    description = {
      "Runs today's checks, fingerprint rules and version data again over the observations stored"
          + " with a scan (default: the latest), without any network, and stores the result as a"
          + " new scan 'recheck of N'. Prints what the rules changed against N.",
      "Coverage and unknowns are those of scan N; dates are judged at N's time. --fail-on gates"
          + " a data update in CI."
    })
final class RecheckCommand implements Callable<Integer> {

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
      description = "The scan to recheck (default: ${DEFAULT-VALUE}).")
  String scan;

  @Option(
      names = "--trust-ca",
      paramLabel = "FILE",
      description = "Also trust this CA (PEM), as the scan did (the demo's:"
          + " reports/demo/testbed-ca.pem); certificates are judged again against the trust given.")
  Path trustCa;

  @Option(
      names = "--versions",
      paramLabel = "DIR",
      description = "Version data files (product.yaml, as in fingerprint/versions/) to use in place"
          + " of the built-in ones for their products: what a data update would change.")
  Path versions;

  @Override
  public Integer call() {
    var words = Main.words(spec);
    ScanOptions trust = new ScanOptions();
    trust.trustCa = trustCa;
    TrustAnchors anchors = TrustAnchors.jdkAnd(trust.trustedCertificates());
    var suppressions = reporting.suppressions(spec.commandLine().getErr());
    try (Store store = Store.open(common.db, false)) {
      ScanLog log = new ScanLog(store);
      long old = ReportCommand.scanId(log, scan);
      Recheck.Outcome outcome = new Recheck(
              store,
              anchors,
              Fingerprinter.builtIn(),
              versions == null
                  ? fr.vigie.fingerprint.VersionIntel.builtIn()
                  : fr.vigie.fingerprint.VersionIntel.builtIn().with(versions))
          .run(old, Instant.now());
      store.writer().flush();
      ScanReport report = new ReportBuilder(store, CheckCatalogue.builtIn())
          .build(
              outcome.scanId(),
              new ReportBuilder.Options(words.lang(), null, old, null, suppressions, Instant.now())
                  .zone(words.zone()));
      var out = spec.commandLine().getOut();
      out.print(DiffCommand.text(DiffCommand.changesOnly(report), words));
      out.println(words.t(
          "Scan " + outcome.scanId() + " (revérification du scan " + old + ") : "
              + words.count(outcome.communes(), "commune", "communes", "", "") + ", "
              + words.count(outcome.findings(), "constat", "constats", "", "")
              + " ; enregistré dans " + common.db,
          "Scan " + outcome.scanId() + " (recheck of scan " + old + "): " + outcome.communes()
              + " communes, " + outcome.findings() + " findings; stored in " + common.db));
      out.flush();
      return ReportOptions.gateExitCode(
          reporting.gates(), report, spec.commandLine().getErr());
    }
  }
}
