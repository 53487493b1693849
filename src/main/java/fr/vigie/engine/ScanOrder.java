package fr.vigie.engine;

import fr.vigie.inventory.Commune;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order communes start in. A sweep ends when its last commune does: one that took four
 * minutes last night (its names on the busiest shared-hosting address, a site answering a second
 * late) started in the last minute leaves the machine idle around it. So communes timed before
 * start longest first — the classic longest-processing-time rule, whose end is within a third of
 * the best — and communes never timed start before them all, since nothing says they are quick.
 * Ties keep the inventory's order, so a first night is the inventory as written.
 */
final class ScanOrder {

  private ScanOrder() {}

  static List<Commune> longestFirst(List<Commune> communes, Map<String, Duration> lastTime) {
    List<Commune> out = new ArrayList<>(communes);
    out.sort(Comparator.comparing(
        (Commune c) -> lastTime.getOrDefault(c.key(), Duration.ofDays(1)),
        Comparator.reverseOrder()));
    return out;
  }
}
