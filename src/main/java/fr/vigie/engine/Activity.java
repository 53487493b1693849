package fr.vigie.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a scan is doing right now: each commune's probes in flight, with what they probe and
 * since when. What the progress names when a minute passes without a commune finishing ("en
 * cours : www.mairie-exemple.fr (TLS, 4 min)"). Thread-safe.
 */
final class Activity {

  private record Task(String commune, String phase, String target, long since) {}

  private final ConcurrentHashMap<Long, Task> tasks = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  /** Starts a task; end it with {@link #end}. */
  long start(String commune, String phase, String target) {
    long id = ids.incrementAndGet();
    tasks.put(id, new Task(commune, phase, target, System.nanoTime()));
    return id;
  }

  void end(long id) {
    tasks.remove(id);
  }

  /** Forgets every task of a commune (it finished, failed or was stopped). */
  void endCommune(String commune) {
    tasks.values().removeIf(t -> t.commune().equals(commune));
  }

  /** For each commune in progress, its oldest task in flight, the longest-running first. */
  List<ScanListener.Running> running() {
    Map<String, Task> oldest = new HashMap<>();
    for (Task t : tasks.values()) {
      oldest.merge(t.commune(), t, (a, b) -> a.since() <= b.since() ? a : b);
    }
    long now = System.nanoTime();
    List<ScanListener.Running> out = new ArrayList<>();
    for (Task t : oldest.values()) {
      out.add(new ScanListener.Running(
          t.commune(), t.phase(), t.target(), Duration.ofNanos(now - t.since())));
    }
    out.sort(Comparator.comparing(ScanListener.Running::elapsed).reversed());
    return out;
  }
}
