package fr.vigie.cli;

import fr.vigie.alert.AlertConfig;
import fr.vigie.alert.AlertMessages;
import fr.vigie.alert.Channel;
import fr.vigie.report.Escape;
import fr.vigie.report.Words;
import fr.vigie.store.AlertOutbox;
import fr.vigie.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigie alerts}: try the alert channels, list what is still owed. */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "The nightly alerts: 'test' sends a test message on every channel, 'pending'"
        + " lists the alerts a failing channel still owes, 'forget' gives up what a removed"
        + " channel owed.",
    subcommands = {AlertsCommand.Test.class, AlertsCommand.Pending.class, AlertsCommand.Forget.class
    })
final class AlertsCommand implements Runnable {

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = "Sends a test message on every channel of the configuration; exit 0 when all"
          + " took it, 3 when one did not (it says which and why).")
  static final class Test implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--alerts",
        paramLabel = "FILE",
        defaultValue = "vigie-alerts.yaml",
        description = "Alert configuration (default: ${DEFAULT-VALUE}).")
    Path alerts;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      AlertConfig config = AlertConfig.read(alerts, System::getenv);
      Words words = new Words(config.lang(), Main.zone(spec));
      List<Channel> channels = Channel.of(config, new AlertMessages(words));
      int failed = 0;
      for (Channel ch : channels) {
        try {
          ch.test();
          out.println(words.t("ok      ", "ok      ") + ch.shown());
        } catch (IOException | RuntimeException e) {
          failed++;
          out.println(words.t("ÉCHEC   ", "FAILED  ") + ch.shown() + " : "
              + Escape.terminal(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
      }
      out.flush();
      return failed == 0 ? ExitCodes.OK : ExitCodes.RUNTIME;
    }
  }

  @Command(
      name = "pending",
      mixinStandardHelpOptions = true,
      description = "Lists the alerts not delivered yet (the next night sends them).")
  static final class Pending implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Words w = Main.words(spec);
      try (Store store = Store.openReadOnly(common.db)) {
        List<AlertOutbox.Row> rows = new AlertOutbox(store).unsent();
        out.println(w.t(rows.size() + " alerte(s) en attente", rows.size() + " alert(s) pending"));
        for (AlertOutbox.Row r : rows) {
          out.println(r.channel() + "  scan " + r.scanId() + "  " + r.communeKey() + "  "
              + w.severity(r.severity()) + "  " + r.alertKey().replaceFirst("@.*$", "") + "  "
              + w.t("essais : ", "attempts: ") + r.attempts()
              + (r.lastError() == null ? "" : "  " + Escape.terminal(r.lastError())));
        }
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description = "Gives up the alerts a channel still owes (one removed or renamed in the"
          + " configuration on purpose); what it was sent stays in the history.")
  static final class Forget implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(
        names = "--channel",
        paramLabel = "NAME",
        required = true,
        description = "The channel's name as 'vigie alerts pending' shows it.")
    String channel;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Words w = Main.words(spec);
      try (Store store = Store.open(common.db, false)) {
        int n = new AlertOutbox(store).forget(channel);
        out.println(w.t(
            n + " alerte(s) en attente sur « " + Escape.terminal(channel) + " » abandonnée(s)",
            n + " pending alert(s) on '" + Escape.terminal(channel) + "' given up"));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
