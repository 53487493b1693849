package fr.vigie.diff;

import fr.vigie.coverage.Coverage;
import fr.vigie.coverage.Outcome;
import fr.vigie.coverage.Question;
import fr.vigie.model.CarriedFinding;
import fr.vigie.model.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed for one commune between two scans: pure. A finding the older state had and the
 * newer scan did not raise is {@code resolved} only when the newer scan asked the question the
 * finding rests on (its check says which) of the same asset and got a conclusive answer, or
 * when DNS said the finding's host no longer exists; otherwise it is {@code unknown}, with the
 * reason. A finding that was unknown and is seen again is {@code open}, not new.
 *
 * <p>Reason codes of unknown findings: {@code unreachable} (the commune could not be scanned),
 * {@code coverage-unknown} (a scan stored before vigie recorded what it asked), {@code
 * check-retired}, {@code not-asked:PROBE}, {@code no-answer:PROBE}, {@code failed:PROBE},
 * {@code refused:PROBE} (a web or TLS server that refused: a server down, not a fix).
 *
 * @param from the older scan, or null for a first scan (everything is new)
 * @param unknownAssets assets of the older state the newer scan did not look up again
 */
public record CommuneDiff(
    Long from,
    long to,
    List<Change> changes,
    Set<String> newAssets,
    Set<String> vanishedAssets,
    Set<String> unknownAssets) {

  public CommuneDiff {
    changes = List.copyOf(changes);
    newAssets = Set.copyOf(newAssets);
    vanishedAssets = Set.copyOf(vanishedAssets);
    unknownAssets = Set.copyOf(unknownAssets);
  }

  /**
   * @param older the older scan's snapshot (its state: findings and carried ones), or null
   * @param basis the question each finding rests on (null for an id no check raises)
   */
  public static CommuneDiff between(
      Snapshot older, Snapshot newer, Function<Finding, Question> basis) {
    Map<String, Finding> before = older == null ? Map.of() : older.state();
    Map<String, Finding> remaining = new LinkedHashMap<>(before);
    List<Change> changes = new ArrayList<>();
    for (Finding f : newer.findings()) {
      Finding was = remaining.remove(f.key());
      Instant first = firstSeen(f.key(), older, newer);
      if (was == null) {
        changes.add(new Change(Change.Status.NEW, f, null, first));
      } else {
        changes.add(new Change(
            Change.Status.OPEN,
            f,
            was.severity() == f.severity() ? null : was.severity(),
            first,
            null));
      }
    }
    Coverage coverage = newer.coverage();
    for (Finding gone : remaining.values()) {
      Instant first = firstSeen(gone.key(), older, newer);
      String reason = unknownReason(gone, coverage, basis);
      changes.add(
          reason == null
              ? new Change(Change.Status.RESOLVED, gone, null, first)
              : new Change(Change.Status.UNKNOWN, gone, null, first, reason));
    }
    changes.sort(Comparator.comparing((Change c) -> c.finding().severity())
        .thenComparing(c -> c.status().ordinal())
        .thenComparing(c -> c.finding().check())
        .thenComparing(c -> c.finding().asset())
        .thenComparing(c -> c.finding().subject()));
    Set<String> added = new TreeSet<>();
    Set<String> vanished = new TreeSet<>();
    Set<String> unknown = new TreeSet<>();
    if (older != null) {
      Set<String> had = older.stateAssets();
      added.addAll(newer.assets());
      added.removeAll(had);
      for (String a : had) {
        if (newer.assets().contains(a)) {
          continue;
        }
        if (gone(a, coverage)) {
          vanished.add(a);
        } else {
          unknown.add(a);
        }
      }
    }
    return new CommuneDiff(
        older == null ? null : older.scanId(), newer.scanId(), changes, added, vanished, unknown);
  }

  /** Null when the newer scan settles that the finding is gone; else why it cannot say. */
  static String unknownReason(Finding f, Coverage coverage, Function<Finding, Question> basis) {
    if (coverage.isUnreachable()) {
      return "unreachable";
    }
    if (Coverage.UNKNOWN.equals(coverage.status())) {
      return "coverage-unknown";
    }
    Question q = basis.apply(f);
    if (q == null) {
      return "check-retired";
    }
    Outcome o = coverage.outcome(q);
    if (o.conclusive(q.probe())) {
      return null;
    }
    if (q.probe() == fr.vigie.coverage.Probe.DNS && !q.detail().equals("A")) {
      // A record of a domain goes with the domain (NXDOMAIN at its SOA), not with an apex that
      // merely has no address.
      if (coverage.outcome(Question.dns(q.asset(), "SOA")) == Outcome.ABSENT) {
        return null;
      }
    } else {
      // A host taken out of DNS takes its findings with it.
      String host = hostOf(q.asset());
      if (host != null && coverage.absent(host)) {
        return null;
      }
    }
    return switch (o) {
      case NO_ANSWER -> "no-answer:" + q.probe().id();
      case FAILED -> "failed:" + q.probe().id();
      case REFUSED -> "refused:" + q.probe().id();
      default -> "not-asked:" + q.probe().id();
    };
  }

  /**
   * Whether the newer scan says an asset of the older state is gone: a host DNS said no longer
   * exists; an address its host no longer has (the host answered); a service whose port the
   * port probe found closed.
   */
  private static boolean gone(String asset, Coverage coverage) {
    if (asset.contains(" ")) {
      String host = asset.substring(0, asset.indexOf(' '));
      return coverage.settles(Question.host(host));
    }
    int slash = asset.indexOf('/');
    if (slash > 0 && Question.isAddressPort(asset.substring(0, slash))) {
      return coverage.settles(Question.port(asset.substring(0, slash)));
    }
    return coverage.absent(asset);
  }

  /** The host name in an asset ({@code www.x.fr:443} → {@code www.x.fr}); null for an address. */
  static String hostOf(String asset) {
    if (Question.isAddressPort(asset)) {
      return null;
    }
    return asset.replaceFirst(":\\d+$", "");
  }

  private static Instant firstSeen(String key, Snapshot older, Snapshot newer) {
    Instant a = older == null ? null : older.firstSeen().get(key);
    Instant b = newer.firstSeen().get(key);
    if (a == null) {
      return b == null ? newer.started() : b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  public long count(Change.Status status) {
    return changes.stream().filter(c -> c.status() == status).count();
  }

  /** The findings the newer scan carries forward: unknown ones, with their reasons. */
  public List<CarriedFinding> carried() {
    return changes.stream()
        .filter(c -> c.status() == Change.Status.UNKNOWN)
        .map(c -> new CarriedFinding(c.finding(), c.reason()))
        .toList();
  }
}
