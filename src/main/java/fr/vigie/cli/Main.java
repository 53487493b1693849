package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.Version;
import fr.vigie.check.CheckCatalogue;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigie} command. Exceptions become exit codes here and nowhere else. */
@Command(
    name = "vigie",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description =
        "Maps the internet exposure of French communes: DNS, mail, web and TLS findings, stored and compared scan after scan.",
    subcommands = {
      ScanCommand.class,
      ScansCommand.class,
      ReportCommand.class,
      DiffCommand.class,
      FindCommand.class,
      RecheckCommand.class,
      NightlyCommand.class,
      AlertsCommand.class,
      TargetsCommand.class,
      RulesCommand.class,
      CompletionCommand.class,
      DemoCommand.class,
      TestbedCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  // Inherited: every command and subcommand accepts it (vigie targets list --debug). The error
  // handlers below read it from the arguments, since they run after the command failed.
  @CommandLine.Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean debug;

  // Inherited too: what a person reads is French unless asked otherwise, whatever the command.
  @CommandLine.Option(
      names = "--lang",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "fr|en",
      defaultValue = "fr",
      description = "Language of titles, remediation and evidence: fr or en (default: fr).")
  CheckCatalogue.Lang lang;

  // Inherited: dates a person reads are in this zone (JSON keeps UTC).
  @CommandLine.Option(
      names = "--tz",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "ZONE",
      defaultValue = "Europe/Paris",
      description = "Time zone of the dates reports show, e.g. America/Cayenne, Indian/Reunion"
          + " (default: Europe/Paris; JSON keeps UTC).")
  String tz;

  /** The {@code --tz} given to this command or any above it; Europe/Paris when none was. */
  static java.time.ZoneId zone(CommandLine.Model.CommandSpec spec) {
    for (CommandLine.Model.CommandSpec s = spec; s != null; s = s.parent()) {
      CommandLine.ParseResult parsed = s.commandLine().getParseResult();
      if (parsed != null && parsed.hasMatchedOption("--tz")) {
        String id = parsed.matchedOptionValue("--tz", "Europe/Paris");
        try {
          return java.time.ZoneId.of(id);
        } catch (java.time.DateTimeException e) {
          throw new fr.vigie.UserInputException(
              "--tz " + fr.vigie.Text.shown(id, 60)
                  + " : fuseau horaire inconnu / unknown time zone (e.g. Europe/Paris, America/Cayenne)");
        }
      }
    }
    return fr.vigie.check.EvidenceText.PARIS;
  }

  /** The words and date zone of the reports this command prints. */
  static fr.vigie.report.Words words(CommandLine.Model.CommandSpec spec) {
    return new fr.vigie.report.Words(language(spec), zone(spec));
  }

  /**
   * The {@code --lang} given to this command or to any command above it ({@code vigie --lang en
   * report} and {@code vigie report --lang en} alike), French when none was.
   */
  static CheckCatalogue.Lang language(CommandLine.Model.CommandSpec spec) {
    for (CommandLine.Model.CommandSpec s = spec; s != null; s = s.parent()) {
      CommandLine.ParseResult parsed = s.commandLine().getParseResult();
      if (parsed != null && parsed.hasMatchedOption("--lang")) {
        return parsed.matchedOptionValue("--lang", CheckCatalogue.Lang.FR);
      }
    }
    return CheckCatalogue.Lang.FR;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs vigie with these arguments and streams; returns the exit code. For tests too. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    boolean debug = Arrays.asList(args).contains("--debug");
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    boolean english = english(args);
    cli.setParameterExceptionHandler((ex, arguments) -> {
      CommandLine c = ex.getCommandLine();
      PrintWriter e = c.getErr();
      if (ex instanceof CommandLine.UnmatchedArgumentException u
          && !u.getUnmatched().isEmpty()) {
        String unknown = u.getUnmatched().get(0);
        boolean option = unknown.startsWith("-");
        e.println("vigie: "
            + (english
                ? (option ? "unknown option " : "unknown command or argument ") + unknown
                : (option ? "option inconnue : " : "commande ou argument inconnu : ") + unknown));
        List<String> near = u.getSuggestions();
        if (!near.isEmpty()) {
          e.println((english ? "Did you mean: " : "Vouliez-vous dire : ")
              + String.join(english ? " or " : " ou ", near.subList(0, Math.min(3, near.size())))
              + (english ? "?" : " ?"));
        }
      } else {
        e.println("vigie: " + ex.getMessage());
      }
      e.println(
          english
              ? "Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information."
              : "Voir « " + c.getCommandSpec().qualifiedName() + " --help » pour l'aide.");
      return ExitCodes.USAGE;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter e = commandLine.getErr();
      if (ex instanceof UserInputException
          || ex instanceof fr.vigie.store.StoreUnavailableException
          || ex instanceof NightlyCommand.NightRunning) {
        e.println("vigie: " + fr.vigie.Text.shown(ex.getMessage(), 600));
      } else {
        e.println(
            "vigie: internal error: " + ex + (debug ? "" : " (run with --debug for details)"));
      }
      if (debug) {
        ex.printStackTrace(e);
      }
      e.flush();
      return ex instanceof UserInputException ? ExitCodes.USAGE : ExitCodes.RUNTIME;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Whether {@code --lang en} (or {@code --lang=en}) is among the arguments, parsed or not. */
  private static boolean english(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equalsIgnoreCase("--lang=en")
          || (args[i].equals("--lang")
              && i + 1 < args.length
              && args[i + 1].equalsIgnoreCase("en"))) {
        return true;
      }
    }
    return false;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"vigie " + Version.get() + " (Java " + Runtime.version() + ")"};
    }
  }
}
