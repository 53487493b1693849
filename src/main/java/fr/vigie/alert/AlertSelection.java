package fr.vigie.alert;

import fr.vigie.model.Severity;
import fr.vigie.report.ScanReport;
import fr.vigie.store.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which findings of tonight's report are worth waking someone for. Pure: the report, the previous
 * night and the inventory in, the alerts out.
 *
 * <p>A finding alerts when it is current tonight (not suppressed, not merely unknown), at or above
 * the threshold, and either first seen after the previous night finished (so a manual scan between
 * two nights does not swallow it) or risen to the threshold from below. Old findings never alert;
 * neither does anything in a commune seen for the first time (nothing to compare with: that is a
 * baseline, not news), nor anything on the first night.
 */
public final class AlertSelection {

  private AlertSelection() {}

  /**
   * @param previousNight when the previous night's scan finished: a finding first seen at or
   *     after it is new to the nights; null on the first night (no alerts: it is the baseline)
   * @param contacts the inventory's contact addresses by commune key
   * @param wasReachable whether a commune unreachable tonight could be scanned in its previous
   *     scan (only then is losing it news)
   */
  public static List<Alert> select(
      ScanReport tonight,
      Severity threshold,
      Instant previousNight,
      Map<String, List<String>> contacts,
      boolean unreachableAlerts,
      Predicate<ScanReport.CommuneReport> wasReachable) {
    List<Alert> out = new ArrayList<>();
    if (previousNight == null) {
      return out;
    }
    Alert.Scan scan = new Alert.Scan(tonight.scan().id(), tonight.scan().started());
    for (ScanReport.CommuneReport c : tonight.communes()) {
      if (c.changes() == null || c.changes().from() == null) {
        continue;
      }
      Alert.Commune commune = new Alert.Commune(
          c.key(), c.insee(), c.name(), contacts.getOrDefault(c.key(), List.of()));
      if (c.unreachable()) {
        if (unreachableAlerts && wasReachable.test(c)) {
          out.add(new Alert(
              Alert.UNREACHABLE,
              Severity.HIGH.id(),
              commune,
              scan,
              tonight.scan().started(),
              null,
              null,
              c.statusReason() == null ? c.status() : c.statusReason()));
        }
        continue;
      }
      for (ScanReport.FindingReport f : c.findings()) {
        if (!f.current() || !Severity.parse(f.severity()).atLeast(threshold)) {
          continue;
        }
        boolean fresh = f.status().equals("new")
            || (f.firstSeen() != null && !Instant.parse(f.firstSeen()).isBefore(previousNight));
        boolean risen = f.previousSeverity() != null
            && !Severity.parse(f.previousSeverity()).atLeast(threshold);
        if (!fresh && !risen) {
          continue;
        }
        out.add(new Alert(
            Alert.FINDING,
            f.severity(),
            commune,
            scan,
            f.firstSeen(),
            risen && !fresh ? f.previousSeverity() : null,
            Json.MAPPER.valueToTree(f),
            null));
      }
    }
    out.sort(java.util.Comparator.comparing((Alert a) -> a.commune().key())
        .thenComparing(a -> Severity.parse(a.severity()))
        .thenComparing(Alert::check)
        .thenComparing(Alert::asset));
    return out;
  }
}
