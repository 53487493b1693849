package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.alert.Alert;
import fr.vigie.alert.AlertConfig;
import fr.vigie.alert.AlertMessages;
import fr.vigie.alert.AlertSelection;
import fr.vigie.alert.Channel;
import fr.vigie.alert.Delivery;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.diff.Gate;
import fr.vigie.inventory.Commune;
import fr.vigie.model.Severity;
import fr.vigie.net.AddressGuard;
import fr.vigie.report.Escape;
import fr.vigie.report.HtmlSite;
import fr.vigie.report.JsonReport;
import fr.vigie.report.ReportBuilder;
import fr.vigie.report.ScanReport;
import fr.vigie.report.Words;
import fr.vigie.store.AlertOutbox;
import fr.vigie.store.ScanLog;
import fr.vigie.store.Store;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Testbed;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vigie nightly}: the CSIRT's night. Sweeps the inventory (continuing the night an
 * interruption left unfinished), writes the night's HTML site, alerts on what is new since the
 * previous night, prints the new high and critical findings per commune, keeps the last N sites,
 * and exits 1 on a new critical. Two nights never run at once on one database (a lock file).
 */
@Command(
    name = "nightly",
    mixinStandardHelpOptions = true,
    description = {
      "The nightly sweep: scan (continuing an interrupted night), HTML site, alerts on what is new"
          + " since the previous night, summary; exit 1 on a new critical finding.",
      "Example: vigie nightly --targets region.csv --db /var/lib/vigie/vigie.db"
          + " --site /var/www/vigie --alerts /etc/vigie/vigie-alerts.yaml"
    })
final class NightlyCommand implements Callable<Integer> {

  /** The alerts of the night could not all be delivered: they are kept for the next night. */
  static final int ALERTS_PENDING = 4;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Mixin
  ScanOptions options;

  @Mixin
  ReportOptions reporting;

  @Option(
      names = {"-t", "--targets"},
      paramLabel = "FILE",
      description = "Inventory: CSV insee,name,domains[,contact], or JSON (see targets/README.md).")
  Path targets;

  @Option(
      names = "--targets-format",
      paramLabel = "csv|json|annuaire",
      description = "The inventory's format (default: by extension).")
  String targetsFormat;

  @Option(
      names = "--site",
      paramLabel = "DIR",
      defaultValue = "reports/nuits",
      description = "Where each night's HTML site goes, one folder a night, 'latest' the newest"
          + " (default: ${DEFAULT-VALUE}).")
  Path site;

  @Option(
      names = "--keep",
      paramLabel = "N",
      defaultValue = "14",
      description = "Nights of sites kept; older folders are deleted (default: ${DEFAULT-VALUE};"
          + " the database keeps every scan).")
  int keep;

  @Option(
      names = "--alerts",
      paramLabel = "FILE",
      description = "Alert configuration (vigie-alerts.yaml: mail, webhooks, Matrix); without it,"
          + " no alert is sent.")
  Path alerts;

  @Option(
      names = "--notify-digest",
      description = "One message for the whole night to the CSIRT and each webhook, instead of"
          + " one per commune (communes still get their own).")
  boolean digest;

  @Option(
      names = "--allow-private",
      description = "Also probe private addresses (see vigie scan --help).")
  boolean allowPrivate;

  @Option(
      names = "--testbed",
      description = "Sweep the built-in simulated communes on loopback instead of an inventory:"
          + " to try the night (and its alerts) before pointing it at real communes.")
  boolean testbed;

  @Option(
      names = "--variant",
      paramLabel = "NAME",
      description = "With --testbed: a variant of the scenario, e.g. nuit-2 (its next night).")
  String variant;

  @Option(
      names = "--scenario",
      paramLabel = "FILE",
      description = "With --testbed: a testbed scenario (YAML) instead of the built-in one.")
  Path scenario;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (testbed == (targets != null)) {
      throw new UserInputException(
          "give --targets FILE (or --testbed to try the night on the" + " simulated communes)");
    }
    if ((variant != null || scenario != null) && !testbed) {
      throw new UserInputException(
          (variant != null ? "--variant" : "--scenario") + " is for --testbed");
    }
    if (keep < 1 || keep > 10_000) {
      throw new UserInputException("--keep " + keep + ": between 1 and 10000 nights");
    }
    if (testbed && !options.resolvers.isEmpty()) {
      throw new UserInputException("--testbed uses the testbed's own resolver; drop --resolver");
    }
    // Everything that can be wrong in the configuration is said before the night starts.
    AlertConfig config = alerts == null ? null : AlertConfig.read(alerts, System::getenv);
    if (config != null) {
      config = config.withDigest(digest);
    } else if (digest) {
      throw new UserInputException("--notify-digest needs --alerts FILE");
    }
    List<Gate> gates =
        reporting.gates().isEmpty() ? List.of(Gate.parse("new:critical")) : reporting.gates();
    Path lockFile = lockFile(common.db, site);
    try {
      // The night owns its database's folder as it owns its site's: a first night creates both.
      Files.createDirectories(lockFile.getParent());
    } catch (IOException e) {
      throw new UserInputException("cannot create the database's folder " + lockFile.getParent()
          + " (" + e.getMessage() + ")");
    }
    try (FileChannel channel = FileChannel.open(
            lockFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ);
        FileLock lock = tryLock(channel, lockFile)) {
      channel.truncate(0);
      channel.write(StandardCharsets.UTF_8.encode(
          ProcessHandle.current().pid() + " " + Instant.now() + "\n"));
      channel.force(true);
      if (testbed) {
        Scenario s = scenario == null ? Scenario.builtIn() : Scenario.read(scenario);
        if (variant != null) {
          s = s.variant(variant);
        }
        try (Testbed bed = Testbed.start(s, 0)) {
          Files.createDirectories(site);
          Path ca = site.resolve("testbed-ca.pem");
          ScanRunner.write(ca, bed.caPem());
          DemoCommand.aimAt(bed, ca, options);
          return night(
              bed.communes(),
              List.of(bed.dnsAddress()),
              AddressGuard.Policy.LOOPBACK_ONLY,
              config,
              gates,
              out,
              err);
        }
      }
      List<Commune> communes =
          new ArrayList<>(TargetsCommand.read(targets, targetsFormat, err).communes());
      if (communes.isEmpty()) {
        throw new UserInputException("inventory " + targets + " has no valid commune");
      }
      return night(
          communes,
          options.resolverAddresses(),
          allowPrivate ? AddressGuard.Policy.ALLOW_PRIVATE : AddressGuard.Policy.PUBLIC_ONLY,
          config,
          gates,
          out,
          err);
    }
  }

  private int night(
      List<Commune> communes,
      List<InetSocketAddress> resolvers,
      AddressGuard.Policy policy,
      AlertConfig config,
      List<Gate> gates,
      PrintWriter out,
      PrintWriter err)
      throws IOException, InterruptedException {
    Words words = Main.words(spec);
    ScanRunner.Ran ran = ScanRunner.scan(
        communes,
        options,
        reporting,
        resolvers,
        policy,
        common.db,
        "nightly " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
        out,
        err,
        true);
    try (Store store = Store.open(common.db, false)) {
      ScanLog log = new ScanLog(store);
      AlertOutbox outbox = new AlertOutbox(store);
      ReportBuilder builder = new ReportBuilder(store, CheckCatalogue.builtIn());
      var suppressions = reporting.suppressions(err);
      ScanReport report = builder.build(
          ran.scanId(),
          new ReportBuilder.Options(words.lang(), null, null, null, suppressions, Instant.now())
              .zone(words.zone()));
      Path dir = writeSite(report, builder, words);
      out.println(words.t("Site de la nuit : ", "Night's site: ") + dir.resolve("index.html"));

      Optional<Long> previous = outbox.previousNight(ran.scanId());
      // What the previous night saw was first seen before it finished; what a scan between the
      // two nights found, after. At the second, as first-seen dates are reported.
      Instant previousStarted = previous
          .flatMap(log::scan)
          .map(r -> (r.finished() == null ? r.started() : r.finished())
              .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              .plusSeconds(1))
          .orElse(null);
      int code = ran.code();
      summary(report, previous.orElse(null), words, out);

      if (config != null) {
        ScanReport inTheirWords = config.lang() == words.lang()
            ? report
            : builder.build(
                ran.scanId(),
                new ReportBuilder.Options(
                        config.lang(), null, null, null, suppressions, Instant.now())
                    .zone(words.zone()));
        Map<String, List<String>> contacts = new LinkedHashMap<>();
        communes.forEach(c -> contacts.put(c.key(), c.contacts()));
        List<Alert> selected = AlertSelection.select(
            inTheirWords,
            config.lowestThreshold(),
            previousStarted,
            contacts,
            config.unreachable(),
            c -> wasReachable(builder, c, words));
        AlertMessages messages = new AlertMessages(new Words(config.lang(), words.zone()));
        List<Channel> channels = Channel.of(config, messages);
        Delivery delivery = new Delivery(
            outbox, channels, config, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), err);
        Delivery.Enqueued owed = delivery.enqueue(selected);
        if (previousStarted == null) {
          out.println(words.t(
              "Alertes : première nuit de cette base, elle sert de référence ; rien n'est signalé.",
              "Alerts: the first night of this database is the baseline; nothing is sent."));
        }
        Delivery.Outcome sent = delivery.deliver();
        out.println(words.t(
            "Alertes : " + words.count(owed.alerts(), "nouvelle", "nouvelles", "", "")
                + " cette nuit (" + words.count(owed.deliveries(), "envoi dû", "envois dus", "", "")
                + " sur "
                + words.count(channels.size(), "canal", "canaux", "", "") + "), "
                + words.count(sent.sent(), "envoi fait", "envois faits", "", "") + " en "
                + words.count(sent.messages(), "message", "messages", "", "")
                + (sent.pending() > 0
                    ? ", " + sent.pending() + " en attente (canal en échec : renvoi à la"
                        + " prochaine nuit)"
                    : ""),
            "Alerts: " + owed.alerts() + " new tonight (" + owed.deliveries()
                + " deliveries owed on "
                + channels.size() + " channel(s)), " + sent.sent() + " delivered in "
                + sent.messages()
                + " message(s)"
                + (sent.pending() > 0
                    ? ", " + sent.pending() + " pending (channel failing: sent next night)"
                    : "")));
        Map<String, Integer> orphaned = delivery.orphaned();
        orphaned.forEach(
            (name, n) -> err.println("vigie: " + n + " alert(s) still owed by channel '"
                + Escape.terminal(name) + "', which " + alerts
                + " no longer has: give a channel that name again to send them"
                + " (vigie alerts pending lists them)"));
        err.flush();
        if ((!sent.complete() || !orphaned.isEmpty()) && code == ExitCodes.OK) {
          code = ALERTS_PENDING;
        }
      }
      outbox.nightDone(ran.scanId(), Instant.now(), dir.toString());
      prune(err);
      int critical = ReportOptions.tripped(gates, report).size();
      if (critical > 0) {
        err.println("vigie: " + critical + " finding(s) trip "
            + String.join(" ", gates.stream().map(Gate::toString).toList())
            // Nothing to compare with is not good news: the gate holds, and says why.
            + (previous.isEmpty() ? " (first night of this database: every finding is new)" : ""));
        err.flush();
        return ExitCodes.GATE_FAILED;
      }
      out.flush();
      return code;
    }
  }

  /** Whether the commune, unreachable tonight, could be scanned in its previous scan. */
  private static boolean wasReachable(
      ReportBuilder builder, ScanReport.CommuneReport c, Words words) {
    if (c.changes() == null || c.changes().from() == null) {
      return false;
    }
    ScanReport then =
        builder.build(c.changes().from(), ReportBuilder.Options.of(words.lang()).commune(c.key()));
    return then.communes().stream().anyMatch(p -> !p.unreachable());
  }

  /** The new high and critical findings per commune, and the communes lost since last night. */
  private static void summary(ScanReport report, Long previous, Words w, PrintWriter out) {
    out.println();
    if (previous == null) {
      long serious = report.communes().stream()
          .flatMap(c -> c.findings().stream())
          .filter(f -> f.current() && Severity.parse(f.severity()).atLeast(Severity.HIGH))
          .count();
      out.println(w.t(
          "Première nuit : " + w.count(serious, "constat grave", "constats graves", "", "")
              + " (élevé ou critique) servent de référence ; les nuits suivantes diront ce qui"
              + " change.",
          "First night: " + serious + " serious finding(s) (high or critical) are the baseline;"
              + " the next nights say what changes."));
      return;
    }
    List<String> lines = new ArrayList<>();
    int communes = 0;
    for (ScanReport.CommuneReport c : report.communes()) {
      List<ScanReport.FindingReport> fresh = c.findings().stream()
          .filter(
              f -> f.status().equals("new") && Severity.parse(f.severity()).atLeast(Severity.HIGH))
          .sorted(Comparator.comparing((ScanReport.FindingReport f) -> Severity.parse(f.severity()))
              .thenComparing(ScanReport.FindingReport::check))
          .toList();
      if (fresh.isEmpty()
          && !(c.unreachable() && c.changes() != null && c.changes().from() != null)) {
        continue;
      }
      communes++;
      lines.add(Escape.terminal(c.name())
          + (c.insee() == null ? "" : " (" + c.insee() + ")")
          + (c.unreachable()
              ? w.t(" — injoignable : ", " — unreachable: ")
                  + Escape.terminal(c.statusReason() == null ? c.status() : c.statusReason())
              : ""));
      for (ScanReport.FindingReport f : fresh) {
        lines.add("  + " + w.severity(f.severity()) + "  " + f.check() + "  "
            + Escape.terminal(Words.asset(f.asset()) + Words.subject(f.subject())) + "  "
            + Escape.terminal(f.title()));
      }
    }
    long total = report.communes().stream()
        .flatMap(c -> c.findings().stream())
        .filter(
            f -> f.status().equals("new") && Severity.parse(f.severity()).atLeast(Severity.HIGH))
        .count();
    out.println(w.t(
        "Nouveau depuis la nuit précédente (scan " + previous + ") : "
            + w.count(total, "constat élevé ou critique", "constats élevés ou critiques", "", "")
            + " dans " + w.count(communes, "commune", "communes", "", ""),
        "New since the previous night (scan " + previous + "): " + total
            + " high or critical finding(s) in " + communes + " commune(s)"));
    lines.forEach(out::println);
  }

  private static final Pattern NIGHT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}_scan(\\d+)");

  /** The night's folder, {@code 2026-12-04_scan12}, and {@code latest} pointing at it. */
  private Path writeSite(ScanReport report, ReportBuilder builder, Words words) throws IOException {
    Files.createDirectories(site);
    String day = DateTimeFormatter.ISO_LOCAL_DATE.format(
        Instant.parse(report.scan().started()).atZone(words.zone()));
    Path dir = site.resolve(day + "_scan" + report.scan().id());
    HtmlSite.write(report, dir, words, builder.history(report.scan().id()));
    ScanRunner.write(dir.resolve("report.json"), JsonReport.render(report));
    Path latest = site.resolve("latest");
    Path next = site.resolve(".latest.tmp");
    Files.deleteIfExists(next);
    try {
      Files.createSymbolicLink(next, dir.getFileName());
      Files.move(next, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (UnsupportedOperationException | IOException e) {
      // A file system without links: a small page that points at the night instead.
      Files.deleteIfExists(next);
      ScanRunner.write(
          site.resolve("latest.html"),
          "<!DOCTYPE html><meta charset=\"utf-8\">"
              + "<meta http-equiv=\"refresh\" content=\"0; url=" + dir.getFileName()
              + "/index.html\">");
    }
    return dir;
  }

  /** Deletes the nights' folders beyond the newest {@code keep}. */
  private void prune(PrintWriter err) throws IOException {
    List<Path> nights;
    try (Stream<Path> s = Files.list(site)) {
      nights = s.filter(p -> Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
              && NIGHT.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparingLong(NightlyCommand::scanOf).reversed())
          .toList();
    }
    for (Path old : nights.subList(Math.min(keep, nights.size()), nights.size())) {
      try (Stream<Path> walk = Files.walk(old)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      } catch (IOException e) {
        err.println("vigie: could not delete the old night " + old + ": " + e.getMessage());
      }
    }
  }

  private static long scanOf(Path p) {
    Matcher m = NIGHT.matcher(p.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(1)) : 0;
  }

  static Path lockFile(Path db) {
    Path abs = db.toAbsolutePath();
    return abs.resolveSibling(abs.getFileName() + ".nightly.lock");
  }

  /**
   * Beside an SQLite file; for PostgreSQL, in the site's folder (one machine's nights; nights of
   * several machines on one database are not locked against each other yet).
   */
  static Path lockFile(fr.vigie.store.StoreLocation db, Path site) {
    return db instanceof fr.vigie.store.StoreLocation.File f
        ? lockFile(f.path())
        : site.toAbsolutePath().resolve(".vigie-nightly.lock");
  }

  private static FileLock tryLock(FileChannel channel, Path lockFile) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = "";
      try {
        holder = Files.readString(lockFile).strip();
      } catch (IOException ignored) {
        // the message is clear without it
      }
      throw new NightRunning("another night is running on this database (lock " + lockFile
          + (holder.isEmpty() ? "" : ", held by pid " + holder.replace(" ", " since "))
          + "); this one stops without scanning");
    }
    return lock;
  }

  /** Two nights at once: not bad input, not a crash; the cron line says so and exits 3. */
  static final class NightRunning extends RuntimeException {
    NightRunning(String message) {
      super(message);
    }
  }
}
