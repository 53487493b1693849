package fr.vigie.report;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.UserInputException;
import fr.vigie.check.EvidenceText;
import fr.vigie.coverage.Coverage;
import fr.vigie.diff.Snapshot;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.Asset;
import fr.vigie.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A previous JSON report read back as each commune's state, for CI jobs that keep no database
 * ({@code --baseline previous.json}): its new, open and suppressed findings, its unknown ones
 * (carried on: not looking again is not fixing), its hosts, services and unknown assets.
 */
public final class Baseline {

  private Baseline() {}

  /** Commune key (and INSEE code) to its state in the report. */
  public static Map<String, Snapshot> read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UserInputException("cannot read baseline " + file + ": no such file");
    } catch (IOException e) {
      throw new UserInputException("cannot read baseline " + file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new UserInputException(
          "baseline " + file + " is not a vigie JSON report: not valid JSON" + where);
    }
    if (root == null
        || !root.isObject()
        || !root.path("schema").asText().startsWith("vigie-report/")) {
      throw new UserInputException(
          "baseline " + file + " is not a vigie JSON report (no \"schema\": \"vigie-report/…\")");
    }
    long scanId = root.path("scan").path("id").asLong(0);
    Instant started = instant(root.path("scan").path("started").asText(null));
    Map<String, Snapshot> out = new HashMap<>();
    for (JsonNode c : root.path("communes")) {
      List<Finding> findings = new ArrayList<>();
      List<CarriedFinding> carried = new ArrayList<>();
      Map<String, Instant> firstSeen = new HashMap<>();
      for (JsonNode f : c.path("findings")) {
        Finding finding;
        // The evidence text is in the report's language; its values say it in the stored one.
        Evidence data = Evidence.fromJson(f.get("evidenceData"));
        try {
          finding = new Finding(
              f.path("check").asText(),
              Severity.parse(f.path("severity").asText()),
              f.path("asset").asText(),
              f.path("subject").asText(""),
              data == null
                  ? f.path("evidence").asText("")
                  : EvidenceText.builtIn().english(data),
              data);
        } catch (IllegalArgumentException e) {
          throw new UserInputException("baseline " + file + ": a finding of "
              + c.path("name").asText() + " has no valid severity");
        }
        Instant first = instant(f.path("firstSeen").asText(null));
        if (first != null) {
          firstSeen.put(finding.key(), first);
        }
        switch (f.path("status").asText("open")) {
          case "resolved" -> {}
          case "unknown" ->
            carried.add(
                new CarriedFinding(finding, f.path("unknownReason").asText("coverage-unknown")));
          default -> findings.add(finding);
        }
      }
      Set<String> assets = new TreeSet<>();
      for (JsonNode h : c.path("hosts")) {
        if (!h.path("inScope").asBoolean(true)) {
          continue;
        }
        String name = h.path("name").asText();
        assets.add(name);
        for (JsonNode a : h.path("addresses")) {
          assets.add(Asset.hostAddress(name, a.asText()));
        }
        for (JsonNode s : h.path("services")) {
          assets.add(fr.vigie.coverage.Assets.service(
              s.path("address").asText(),
              s.path("port").asInt(),
              s.path("protocol").asText()));
        }
      }
      Set<String> unknownAssets = new TreeSet<>();
      for (JsonNode a : c.path("changes").path("unknownAssets")) {
        unknownAssets.add(a.asText());
      }
      Snapshot s = new Snapshot(
          scanId,
          started == null ? Instant.EPOCH : started,
          Coverage.LEGACY,
          findings,
          carried,
          assets,
          unknownAssets,
          firstSeen);
      String key = c.hasNonNull("key") ? c.get("key").asText() : c.path("insee").asText();
      out.put(key, s);
      if (c.hasNonNull("insee") && !out.containsKey(c.get("insee").asText())) {
        out.put(c.get("insee").asText(), s);
      }
    }
    return out;
  }

  private static Instant instant(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
