package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.DomainNames;
import fr.vigie.inventory.InvalidTargetException;
import fr.vigie.inventory.Inventory;
import fr.vigie.net.AddressGuard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigie scan}: discovers and checks communes, stores the scan. */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Scans domains given on the command line, or the communes of an inventory, and stores the scan.",
      "Example: vigie scan mairie-exemple.fr   or   vigie scan --targets targets/example.csv"
    })
final class ScanCommand implements Callable<Integer> {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ScanOptions options;

  @Mixin
  ReportOptions reporting;

  @Parameters(
      paramLabel = "DOMAIN",
      arity = "0..*",
      description = "Domains to scan, each as its own target.")
  List<String> domains = new ArrayList<>();

  @Option(
      names = {"-t", "--targets"},
      paramLabel = "FILE",
      description = "Inventory: CSV insee,name,domains, or JSON (see targets/README.md).")
  Path targets;

  @Option(
      names = "--targets-format",
      paramLabel = "csv|json|annuaire",
      description = "The inventory's format (default: by extension).")
  String targetsFormat;

  @Option(
      names = "--allow-private",
      description =
          "Also probe private, loopback and other non-public addresses (off by default: a commune's record pointing into a private network must not make you scan your own).")
  boolean allowPrivate;

  @Option(
      names = "--allow-loopback",
      description =
          "Probe loopback addresses only, nothing else, public or private: for the testbed.")
  boolean allowLoopback;

  @Override
  public Integer call() {
    if (allowPrivate && allowLoopback) {
      throw new UserInputException("--allow-private and --allow-loopback exclude each other");
    }
    List<Commune> communes = communes();
    AddressGuard.Policy policy = allowLoopback
        ? AddressGuard.Policy.LOOPBACK_ONLY
        : allowPrivate ? AddressGuard.Policy.ALLOW_PRIVATE : AddressGuard.Policy.PUBLIC_ONLY;
    return ScanRunner.run(
        communes,
        options,
        reporting,
        options.resolverAddresses(),
        policy,
        common.db,
        String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }

  private List<Commune> communes() {
    if (domains.isEmpty() && targets == null) {
      throw new UserInputException(
          "nothing to scan: give domains or --targets FILE (see vigie scan --help)");
    }
    Map<String, Commune> byKey = new LinkedHashMap<>();
    var err = spec.commandLine().getErr();
    if (targets != null) {
      Inventory inventory = TargetsCommand.read(targets, targetsFormat, err);
      inventory.communes().forEach(c -> byKey.putIfAbsent(c.key(), c));
      if (inventory.communes().isEmpty() && domains.isEmpty()) {
        throw new UserInputException("inventory " + targets + " has no valid commune");
      }
    }
    for (String raw : domains) {
      try {
        String domain = DomainNames.normalise(raw);
        DomainNames.registrableDomain(domain);
        byKey.putIfAbsent(domain, Commune.adHoc(domain));
      } catch (InvalidTargetException e) {
        throw new UserInputException("invalid domain: " + e.getMessage());
      }
    }
    err.flush();
    return new ArrayList<>(byKey.values());
  }
}
