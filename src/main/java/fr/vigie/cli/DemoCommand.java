package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.net.AddressGuard;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Testbed;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie demo}: the built-in simulated communes, scanned on loopback, with a report. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the testbed of simulated communes on loopback, scans it and writes a report.",
      "Nothing leaves the machine: only loopback addresses are probed."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ScanOptions options;

  @Mixin
  ReportOptions reporting;

  @Option(
      names = "--variant",
      paramLabel = "NAME",
      description = "A variant of the scenario, e.g. nuit-2: the built-in one's next night.")
  String variant;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description = "Testbed scenario (YAML) instead of the built-in one.")
  Path scenario;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      defaultValue = "reports/demo",
      description = "Where report.json and the testbed's CA go (default: ${DEFAULT-VALUE}).")
  Path outputDir;

  @Option(
      names = "--serve",
      description = "Keep the testbed running after the scan, to scan it by hand (Ctrl-C stops).")
  boolean serve;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (!options.resolvers.isEmpty()) {
      throw new UserInputException(
          "demo uses the testbed's own resolver; --resolver is for vigie scan");
    }
    PrintWriter out = spec.commandLine().getOut();
    Scenario s = scenario == null ? Scenario.builtIn() : Scenario.read(scenario);
    if (variant != null) {
      s = s.variant(variant);
    }
    try (Testbed testbed = Testbed.start(s, 0)) {
      Path ca = outputDir.resolve("testbed-ca.pem");
      ScanRunner.write(ca, testbed.caPem());
      if (options.output == null) {
        options.output = outputDir.resolve("report.json");
      }
      aimAt(testbed, ca, options);
      fr.vigie.report.Words words = Main.words(spec);
      out.println(words.t(
          "Banc d'essai : " + testbed.communes().size() + " communes simulées, DNS sur "
              + hostPort(testbed) + ", web sur les ports " + testbed.httpPort() + "/"
              + testbed.httpsPort(),
          "Testbed: " + testbed.communes().size() + " simulated communes, DNS on "
              + hostPort(testbed) + ", web on ports " + testbed.httpPort() + "/"
              + testbed.httpsPort()));
      out.println();
      int code = ScanRunner.run(
          testbed.communes(),
          options,
          reporting,
          List.of(testbed.dnsAddress()),
          AddressGuard.Policy.LOOPBACK_ONLY,
          common.db,
          "demo",
          out,
          spec.commandLine().getErr());
      if (serve) {
        TestbedCommand.printUsage(out, testbed, ca, common.db);
        out.flush();
        Thread.currentThread().join();
      }
      return code;
    }
  }

  /** Points the scan options at a running testbed: its CA, its ports, its CT search. */
  static void aimAt(Testbed testbed, Path ca, ScanOptions options) {
    if (options.trustCa == null) {
      options.trustCa = ca;
    }
    options.portMap = TestbedCommand.portMap(testbed);
    // The demo asks the testbed's own CT search (loopback), unless told otherwise.
    if (!options.ct || options.ctUrl.startsWith("https://crt.sh/")) {
      options.ct = true;
      options.ctUrl = testbed.ctUrl();
    }
    if (options.dnsTimeoutMillis == 3000) {
      options.dnsTimeoutMillis = 1000; // loopback answers in microseconds
    }
  }

  static String hostPort(Testbed testbed) {
    return testbed.dnsAddress().getAddress().getHostAddress() + ":"
        + testbed.dnsAddress().getPort();
  }
}
