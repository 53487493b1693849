package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.CsvInventoryReader;
import fr.vigie.inventory.Inventories;
import fr.vigie.inventory.Inventory;
import fr.vigie.inventory.JsonInventoryReader;
import fr.vigie.report.Escape;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigie targets}: read, check and convert inventories. */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    description = "Reads, checks and converts inventories of communes (csv, json, annuaire).",
    subcommands = {TargetsCommand.ListTargets.class, TargetsCommand.ImportTargets.class})
final class TargetsCommand implements Runnable {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Inventory read(Path file, String format, PrintWriter err) {
    try {
      if (Files.isDirectory(file)) {
        throw new UserInputException("inventory " + file + " is a directory");
      }
      Inventory inventory = Inventories.read(file, format);
      for (Inventory.Problem p : inventory.problems()) {
        err.println("vigie: " + p + " (skipped)");
      }
      err.flush();
      return inventory;
    } catch (NoSuchFileException e) {
      throw new UserInputException("inventory " + file + " does not exist");
    } catch (IOException e) {
      throw new UserInputException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the communes of an inventory and its bad entries.")
  static final class ListTargets implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(
        names = "--format",
        paramLabel = "csv|json|annuaire",
        description = "Default: by extension (.json is json, else csv).")
    String format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Inventory inventory = read(file, format, spec.commandLine().getErr());
      for (Commune c : inventory.communes()) {
        out.println(
            c.insee() + "  " + Escape.terminal(c.name()) + "  " + String.join(" ", c.seeds()));
      }
      out.println(inventory.communes().size() + " communes, "
          + inventory.problems().size() + " entries skipped");
      out.flush();
      return inventory.communes().isEmpty() ? ExitCodes.USAGE : ExitCodes.OK;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Converts an inventory (e.g. the Annuaire de l'administration export) to vigie's CSV or JSON.")
  static final class ImportTargets implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(
        names = "--format",
        paramLabel = "csv|json|annuaire",
        description = "The input's format (default: by extension).")
    String format;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        required = true,
        description = "Where to write; .json writes JSON, else CSV.")
    Path output;

    @Override
    public Integer call() {
      Inventory inventory = read(file, format, spec.commandLine().getErr());
      if (inventory.communes().isEmpty()) {
        throw new UserInputException(file + " has no valid commune");
      }
      String text = output.getFileName().toString().endsWith(".json")
          ? JsonInventoryReader.write(inventory.communes())
          : CsvInventoryReader.write(inventory.communes());
      ScanRunner.write(output, text);
      spec.commandLine()
          .getOut()
          .println(inventory.communes().size() + " communes written to " + output
              + (inventory.problems().isEmpty()
                  ? ""
                  : " (" + inventory.problems().size() + " entries skipped, see above)"));
      return ExitCodes.OK;
    }
  }
}
