package fr.vigie.diff;

import fr.vigie.check.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed for one commune between two scans: pure. A finding of the older scan that the
 * newer one does not have is resolved only if the newer scan's probe reached its asset; when it
 * could not (timeout, DNS failure, commune not scanned), the finding is {@code unknown}, never
 * resolved.
 *
 * @param from the older scan, or null for a first scan (everything is new)
 */
public record CommuneDiff(Long from, long to, List<Change> changes, Set<String> newAssets, Set<String> vanishedAssets) {

  public CommuneDiff {
    changes = List.copyOf(changes);
    newAssets = Set.copyOf(newAssets);
    vanishedAssets = Set.copyOf(vanishedAssets);
  }

  public static CommuneDiff between(Snapshot older, Snapshot newer) {
    Map<String, Finding> before = new HashMap<>();
    if (older != null) {
      for (Finding f : older.findings()) {
        before.put(f.key(), f);
      }
    }
    List<Change> changes = new ArrayList<>();
    for (Finding f : newer.findings()) {
      Finding was = before.remove(f.key());
      java.time.Instant first = newer.firstSeen().getOrDefault(f.key(), newer.started());
      if (was == null) {
        changes.add(new Change(Change.Status.NEW, f, null, first));
      } else {
        changes.add(new Change(Change.Status.OPEN, f, was.severity() == f.severity() ? null : was.severity(), first));
      }
    }
    for (Finding gone : before.values()) {
      java.time.Instant first = older.firstSeen().getOrDefault(gone.key(), older.started());
      Change.Status s = newer.reached(gone) ? Change.Status.RESOLVED : Change.Status.UNKNOWN;
      changes.add(new Change(s, gone, null, first));
    }
    changes.sort(Comparator.comparing((Change c) -> c.finding().severity())
        .thenComparing(c -> c.status().ordinal())
        .thenComparing(c -> c.finding().check())
        .thenComparing(c -> c.finding().asset())
        .thenComparing(c -> c.finding().subject()));
    Set<String> added = new TreeSet<>(newer.assets());
    Set<String> vanished = new TreeSet<>();
    if (older != null) {
      added.removeAll(older.assets());
      vanished.addAll(older.assets());
      vanished.removeAll(newer.assets());
      // A host the newer scan could not resolve has not vanished: it was not seen.
      vanished.removeIf(a -> !newer.completed());
    } else {
      added.clear();
    }
    return new CommuneDiff(older == null ? null : older.scanId(), newer.scanId(), changes, added, vanished);
  }

  public long count(Change.Status status) {
    return changes.stream().filter(c -> c.status() == status).count();
  }
}
