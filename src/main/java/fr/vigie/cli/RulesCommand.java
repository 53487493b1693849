package fr.vigie.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie rules status}: how old each data file is, so that reviewing them is a routine. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "The data files findings rest on.",
    subcommands = {RulesCommand.Status.class})
final class RulesCommand implements Runnable {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Shows when each data file was last reviewed and how old that is.")
  static final class Status implements Callable<Integer> {

    private static final Pattern REVIEWED = Pattern.compile("(?i)reviewed (\\d{4}-\\d{2}-\\d{2})");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--max-age",
        paramLabel = "DAYS",
        defaultValue = "180",
        description = "Older than this is flagged stale (default: ${DEFAULT-VALUE}).")
    int maxAge;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      out.printf("%-40s %-12s %6s  %s%n", "FILE", "REVIEWED", "DAYS", "WHAT");
      for (String line : resource("/fr/vigie/data-files.txt").split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        String file = l.split("\\s+", 2)[0];
        String what = l.contains(" ") ? l.substring(l.indexOf(' ')).strip() : "";
        Matcher m = REVIEWED.matcher(resource("/" + file));
        String date = m.find() ? m.group(1) : "unknown";
        long days =
            date.equals("unknown") ? -1 : ChronoUnit.DAYS.between(LocalDate.parse(date), today);
        out.printf(
            "%-40s %-12s %6s  %s%s%n",
            file.substring(file.lastIndexOf('/') + 1),
            date,
            days < 0 ? "?" : String.valueOf(days),
            what,
            days < 0 || days > maxAge ? "  (stale: review it)" : "");
      }
      out.flush();
      return ExitCodes.OK;
    }

    private static String resource(String name) throws IOException {
      try (InputStream in = RulesCommand.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + name);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }
}
