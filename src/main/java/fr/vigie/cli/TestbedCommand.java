package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.inventory.Commune;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.ScenarioGenerator;
import fr.vigie.testbed.Testbed;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie testbed}: runs the simulated communes until stopped, to scan them by hand. */
@Command(
    name = "testbed",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the testbed of simulated communes on loopback until Ctrl-C.",
      "Writes an inventory of its communes and its CA certificate, and prints the scan command to use."
    })
final class TestbedCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--variant",
      paramLabel = "NAME",
      description = "A variant of the scenario, e.g. nuit-2: the built-in one's next night.")
  String variant;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description = "Scenario (YAML) instead of the built-in one.")
  Path scenario;

  @Option(
      names = "--generate",
      paramLabel = "N",
      description = "Generate N random communes instead of a scenario.")
  Integer generate;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of --generate (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--dns-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "DNS port on 127.0.0.1 (default: any free port).")
  int dnsPort;

  @Option(
      names = "--latency",
      paramLabel = "MS",
      defaultValue = "0",
      description = "Round trip added to every web connection: accepts, TLS flights and answers"
          + " arrive as late as over the internet (default: none).")
  int latency;

  @Option(
      names = "--stats",
      paramLabel = "FILE",
      hidden = true,
      description = "On exit, write what the testbed saw (scripts/bench); a file FILE.reset,"
          + " when it appears, makes the counts start again (and is removed).")
  Path stats;

  @Option(
      names = "--output-dir",
      paramLabel = "DIR",
      defaultValue = "reports/testbed",
      description =
          "Where inventory.csv, testbed-ca.pem and hosts (/etc/hosts form) go (default: ${DEFAULT-VALUE}).")
  Path outputDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Scenario s = generate != null
        ? ScenarioGenerator.generate(generate, seed)
        : scenario == null ? Scenario.builtIn() : Scenario.read(scenario);
    if (variant != null) {
      s = s.variant(variant);
    }
    if (latency < 0 || latency > 10_000) {
      throw new UserInputException("--latency: " + latency + " ms is not between 0 and 10000");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Testbed testbed = Testbed.start(s, dnsPort, true, latency)) {
      Path ca = outputDir.resolve("testbed-ca.pem");
      ScanRunner.write(ca, testbed.caPem());
      ScanRunner.write(
          outputDir.resolve("inventory.csv"),
          fr.vigie.inventory.CsvInventoryReader.write(testbed.communes()));
      out.println("Testbed running: " + testbed.communes().size() + " communes, DNS on "
          + DemoCommand.hostPort(testbed) + " (UDP and TCP), web on ports "
          + testbed.httpPort() + " (http) and " + testbed.httpsPort() + " (https).");
      printUsage(out, testbed, ca, null);
      // For tools that resolve through the system (WhatWeb in the bench, in a mount namespace of
      // its own): the testbed's names in /etc/hosts form.
      StringBuilder hosts = new StringBuilder("127.0.0.1 localhost\n");
      testbed
          .hostAddresses()
          .forEach(
              (name, address) -> hosts.append(address).append(' ').append(name).append('\n'));
      ScanRunner.write(outputDir.resolve("hosts"), hosts.toString());
      out.println("Inventory: " + outputDir.resolve("inventory.csv"));
      out.println("Ctrl-C stops the testbed.");
      out.flush();
      if (stats != null) {
        boolean counted = testbed.countConnections();
        Path reset = stats.resolveSibling(stats.getFileName() + ".reset");
        Thread.ofPlatform().daemon(true).name("testbed-reset").start(() -> {
          while (true) {
            try {
              Thread.sleep(100);
              if (Files.exists(reset)) {
                testbed.resetCounts();
                Files.delete(reset); // the bench waits for this: counting has started again
              }
            } catch (InterruptedException | java.io.IOException e) {
              return;
            }
          }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          var open = testbed.maxOpenConnectionsPerAddress();
          ScanRunner.write(
              stats,
              "max_concurrent_per_ip=" + testbed.maxConcurrentPerAddress() + "\n"
                  + (counted
                      ? "max_open_connections_per_ip=" + open.getValue() + "\nbusiest_address="
                          + open.getKey() + "\nmax_listed_connections_per_ip="
                          + testbed.maxListedConnectionsPerAddress().getValue() + "\n"
                      : "")
                  + costs(testbed));
        }));
      }
      Thread.currentThread().join();
    }
    return ExitCodes.OK;
  }

  /** The testbed serves every host's port 80 and 443 on two high ports. */
  static String portMap(Testbed testbed) {
    return String.join(
        ",",
        testbed.portMap().entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue())
            .toList());
  }

  /** One line a kind of web host: {@code cost.shared-https=names requests handshakes}. */
  private static String costs(Testbed testbed) {
    StringBuilder sb = new StringBuilder();
    testbed
        .costByKind()
        .forEach((kind, c) -> sb.append("cost.")
            .append(kind)
            .append('=')
            .append(c[0])
            .append(' ')
            .append(c[1])
            .append(' ')
            .append(c[2])
            .append('\n'));
    return sb.toString();
  }

  static void printUsage(PrintWriter out, Testbed testbed, Path ca, Object db) {
    Commune first = testbed.communes().get(0);
    out.println();
    out.println("Scan it from another terminal, e.g.:");
    out.println("  ./scripts/vigie scan --resolver " + DemoCommand.hostPort(testbed)
        + " --allow-loopback --port-map " + portMap(testbed) + " --trust-ca " + ca
        + (db == null ? "" : " --db " + db) + " " + first.seeds().get(0));
  }
}
