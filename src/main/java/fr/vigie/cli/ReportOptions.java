package fr.vigie.cli;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.UserInputException;
import fr.vigie.check.Severity;
import fr.vigie.diff.Gate;
import fr.vigie.diff.Suppressions;
import fr.vigie.report.ScanReport;
import fr.vigie.store.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** Gate, suppression and baseline options, shared by scan, report and demo. */
public final class ReportOptions {

  static final String DEFAULT_SUPPRESSIONS = "vigie-suppressions.yaml";

  @Option(
      names = "--fail-on",
      paramLabel = "new|any:SEVERITY",
      description = "Exit with 1 when a finding at or above SEVERITY is new since the previous scan (new:high) or open at all (any:critical). Repeatable.")
  List<String> failOn = new ArrayList<>();

  @Option(
      names = "--suppressions",
      paramLabel = "FILE",
      description = "Accepted risks (check and/or asset, reason, expiry); default: ./" + DEFAULT_SUPPRESSIONS + " when present.")
  Path suppressions;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "A previous JSON report to compare with, instead of the database's previous scan (CI jobs that keep no database).")
  Path baseline;

  List<Gate> gates() {
    return failOn.stream().map(Gate::parse).toList();
  }

  Suppressions suppressions() {
    if (suppressions != null) {
      if (!Files.exists(suppressions)) {
        throw new UserInputException("suppressions file " + suppressions + " does not exist");
      }
      return Suppressions.read(suppressions);
    }
    Path local = Path.of(DEFAULT_SUPPRESSIONS);
    return Files.isRegularFile(local) ? Suppressions.read(local) : Suppressions.NONE;
  }

  /** Commune key to the finding keys of the baseline report, or null without one. */
  Map<String, Set<String>> baselineKeys() {
    if (baseline == null) {
      return null;
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(baseline));
    } catch (IOException e) {
      throw new UserInputException("cannot read baseline " + baseline + ": " + e.getMessage(), e);
    }
    if (root == null || !root.path("schema").asText().startsWith("vigie-report/")) {
      throw new UserInputException(baseline + " is not a vigie JSON report (no \"schema\": \"vigie-report/…\")");
    }
    Map<String, Set<String>> keys = new HashMap<>();
    for (JsonNode c : root.path("communes")) {
      String key = c.hasNonNull("key") ? c.get("key").asText() : c.path("insee").asText();
      Set<String> set = keys.computeIfAbsent(key, k -> new HashSet<>());
      for (JsonNode f : c.path("findings")) {
        String status = f.path("status").asText("open");
        if (!status.equals("resolved") && !status.equals("unknown")) {
          set.add(f.path("key").asText());
        }
      }
    }
    return keys;
  }

  /** The worst gate severity, for JUnit failures; medium without gates. */
  Severity failAt() {
    return gates().stream().map(Gate::threshold).min(Enum::compareTo).orElse(Severity.MEDIUM);
  }

  /** Applies the gates to a report: prints what tripped and returns the exit code. */
  static int gateExitCode(List<Gate> gates, ScanReport report, PrintWriter err) {
    if (gates.isEmpty()) {
      return ExitCodes.OK;
    }
    int tripped = 0;
    for (ScanReport.CommuneReport c : report.communes()) {
      for (ScanReport.FindingReport f : c.findings()) {
        Severity s = Severity.parse(f.severity());
        if (gates.stream().anyMatch(g -> g.trips(f.status(), s))) {
          tripped++;
          if (tripped <= 20) {
            err.println("vigie: gate: " + f.status() + " " + f.severity() + " " + f.check() + " on "
                + fr.vigie.report.Escape.terminal(f.asset()) + " (" + fr.vigie.report.Escape.terminal(c.name()) + ")");
          }
        }
      }
    }
    if (tripped == 0) {
      return ExitCodes.OK;
    }
    err.println("vigie: " + tripped + " finding(s) trip --fail-on " + String.join(" ", gates.stream().map(Gate::toString).toList()));
    err.flush();
    return ExitCodes.GATE_FAILED;
  }
}
