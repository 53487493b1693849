package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.check.tls.TrustAnchors;
import fr.vigie.engine.ScanEngine;
import fr.vigie.engine.ScanListener;
import fr.vigie.engine.ScanSettings;
import fr.vigie.inventory.Commune;
import fr.vigie.net.AddressGuard;
import fr.vigie.net.DnsClient;
import fr.vigie.net.DnsjavaClient;
import fr.vigie.report.JsonReport;
import fr.vigie.report.ReportBuilder;
import fr.vigie.report.ScanReport;
import fr.vigie.report.TextReport;
import fr.vigie.store.ScanLog;
import fr.vigie.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Runs a scan for {@code scan} and {@code demo}: engine, store, summary and JSON report. */
final class ScanRunner {

  private ScanRunner() {}

  /** Runs the scan, prints the summary, writes -o; returns the exit code (gates). */
  static int run(
      List<Commune> communes,
      ScanOptions options,
      ReportOptions reporting,
      List<InetSocketAddress> resolvers,
      AddressGuard.Policy policy,
      fr.vigie.store.StoreLocation db,
      String arguments,
      PrintWriter out,
      PrintWriter err) {
    return scan(communes, options, reporting, resolvers, policy, db, arguments, out, err, false)
        .code();
  }

  /** A scan that ran: the exit code its gates give, and its id in the database. */
  record Ran(int code, long scanId) {}

  /**
   * @param night for {@code vigie nightly}: continue the interrupted scan of these communes when
   *     there is one (else start a new one), and print the scan's closing lines without the
   *     per-commune report (the night's site and summary say it)
   */
  static Ran scan(
      List<Commune> communes,
      ScanOptions options,
      ReportOptions reporting,
      List<InetSocketAddress> resolvers,
      AddressGuard.Policy policy,
      fr.vigie.store.StoreLocation db,
      String arguments,
      PrintWriter out,
      PrintWriter err,
      boolean night) {
    options.validate();
    var gates = reporting.gates();
    var suppressions = reporting.suppressions(err);
    var baseline = reporting.baselineKeys();
    TrustAnchors trust = TrustAnchors.jdkAnd(options.trustedCertificates());
    ScanSettings settings = ScanSettings.builder(options.wordlist())
        .resolvers(resolvers)
        .addressPolicy(policy)
        .concurrency(options.concurrency, options.dnsConcurrency)
        .dnsTimeout(Duration.ofMillis(options.dnsTimeoutMillis), options.dnsRetries)
        .web(!options.noWeb)
        .http(options.httpSettings())
        .perIp(options.perIp)
        .spacing(Duration.ofMillis(options.spacingMillis))
        .tls(!options.noTls)
        .axfr(!options.noAxfr)
        .technologies(!options.noTech)
        .ports(options.portList())
        .portTimeout(Duration.ofMillis(Math.max(100, options.portTimeoutMillis)))
        .intrusive(options.intrusive)
        .communeTimeout(Duration.ofSeconds(options.communeTimeoutSeconds))
        .ct(options.ct ? options.ctUrl : null)
        .idleNotice(Duration.ofSeconds(options.progressIdleSeconds))
        .trust(trust)
        .build();
    DnsClient dns;
    try {
      dns = new DnsjavaClient(
          settings.resolvers(),
          settings.dnsTimeout(),
          settings.dnsRetries(),
          settings.dnsInFlight());
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage(), e);
    }
    Path output = options.output;
    if (output != null
        && output.toAbsolutePath().getParent() != null
        && !Files.isDirectory(output.toAbsolutePath().getParent())) {
      throw new UserInputException("cannot write report " + output + ": directory "
          + output.toAbsolutePath().getParent() + " does not exist");
    }
    try (Store store = Store.open(db, true)) {
      ScanLog log = new ScanLog(store);
      ScanListener progress = options.quiet
          ? ScanListener.NONE
          : new Progress(
              err,
              new fr.vigie.report.Words(options.language(), options.zone()),
              Terminal.isInteractive());
      ScanEngine engine = new ScanEngine(settings, dns, Clock.systemUTC());
      ScanEngine.Outcome outcome;
      java.util.Optional<Long> interrupted =
          night ? log.interruptedScanOf(communes) : java.util.Optional.empty();
      if (interrupted.isPresent() || options.resume) {
        long id = interrupted
            .or(() -> log.interruptedScanOf(communes))
            .orElseThrow(
                () -> new UserInputException("no interrupted scan of exactly these targets in " + db
                    + "; run without --resume to start a new scan"));
        int done = log.doneCommunes(id).size();
        err.println("vigie: resuming scan " + id + ": " + done + " of " + communes.size()
            + " communes already done");
        err.flush();
        outcome = engine.resume(id, communes, store, progress);
      } else {
        outcome = engine.run(communes, arguments, store, progress);
      }
      store.writer().flush();
      ScanReport report = new ReportBuilder(store, CheckCatalogue.builtIn())
          .build(
              outcome.scanId(),
              new ReportBuilder.Options(
                      options.language(), null, null, baseline, suppressions, Instant.now())
                  .zone(options.zone()));
      fr.vigie.report.Words words = new fr.vigie.report.Words(options.language(), options.zone());
      if (!night) {
        new TextReport(Terminal.isInteractive(), words, Terminal.width(), reporting.details)
            .render(report, out, "demo".equals(arguments));
      }
      if (output != null) {
        write(output, JsonReport.render(report));
        out.println();
        out.println(words.t("Rapport JSON : ", "JSON report: ") + output);
      }
      if (!night) {
        out.println();
      }
      out.println(words.t(
          "Scan " + outcome.scanId() + " " + words.scanStatus(outcome.status()) + " : "
              + words.count(outcome.communes(), "commune", "communes", "", "") + ", "
              + words.count(outcome.hosts(), "hôte", "hôtes", "", "") + ", "
              + words.count(outcome.findings().size(), "constat", "constats", "", "")
              + " ; enregistré dans " + db,
          "Scan " + outcome.scanId() + " " + words.scanStatus(outcome.status()) + ": "
              + outcome.communes() + " communes, " + outcome.hosts() + " hosts, "
              + outcome.findings().size() + " findings; stored in " + db));
      out.flush();
      List<ScanReport.CommuneReport> unreachable = report.communes().stream()
          .filter(ScanReport.CommuneReport::unreachable)
          .toList();
      if (!unreachable.isEmpty() && unreachable.size() == report.communes().size()) {
        // Typically the resolver: one clear line, and never a green job.
        err.println("vigie: nothing could be scanned: " + why(unreachable.get(0))
            + (unreachable.size() > 1
                ? " (and " + (unreachable.size() - 1) + " other commune(s) likewise)"
                : ""));
        err.flush();
        return new Ran(ExitCodes.RUNTIME, outcome.scanId());
      }
      if (!unreachable.isEmpty()) {
        err.println("vigie: " + unreachable.size() + " commune(s) could not be scanned, graded ?: "
            + String.join(
                "; ",
                unreachable.stream()
                    .limit(3)
                    .map(c -> fr.vigie.report.Escape.terminal(c.name()) + ": " + why(c))
                    .toList())
            + (unreachable.size() > 3 ? "; …" : ""));
      }
      err.flush();
      return new Ran(
          night ? ExitCodes.OK : ReportOptions.gateExitCode(gates, report, err), outcome.scanId());
    }
  }

  private static String why(ScanReport.CommuneReport c) {
    return fr.vigie.report.Escape.terminal(
        c.statusReason() == null ? c.status() : c.statusReason());
  }

  static void write(Path file, String content) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserInputException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
