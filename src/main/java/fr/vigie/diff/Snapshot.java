package fr.vigie.diff;

import fr.vigie.check.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One commune as one scan saw it: its findings, the assets it had, and which assets each kind of
 * probe actually reached (what was not reached cannot be said resolved).
 *
 * @param completed false when the commune was not (fully) scanned: nothing in it can be resolved
 * @param assets in-scope hosts and their addresses
 * @param reached probe family ({@code dns}, {@code web}, {@code tls}, {@code service}) to the assets it reached
 * @param firstSeen finding key to when it was first seen for this commune
 */
public record Snapshot(
    long scanId,
    Instant started,
    boolean completed,
    List<Finding> findings,
    Set<String> assets,
    Map<String, Set<String>> reached,
    Map<String, Instant> firstSeen) {

  public Snapshot {
    findings = List.copyOf(findings);
    assets = Set.copyOf(assets);
    reached = Map.copyOf(reached);
    firstSeen = Map.copyOf(firstSeen);
  }

  /** The probe family a check id belongs to, by its prefix. */
  public static String family(String checkId) {
    if (checkId.startsWith("http.") || checkId.startsWith("exposure.") || checkId.startsWith("tech.")) {
      return "web";
    }
    if (checkId.startsWith("tls.") || checkId.startsWith("cert.")) {
      return "tls";
    }
    if (checkId.startsWith("service.") || checkId.equals("mail.starttls.missing")) {
      return "service";
    }
    return "dns";
  }

  /**
   * Whether this scan can say the finding is gone: the probe that could raise it reached its
   * asset, or the asset's host no longer exists while DNS answered for its domain (a host taken
   * out of DNS takes its findings with it).
   */
  public boolean reached(Finding f) {
    if (!completed) {
      return false;
    }
    // A technology read from a service banner (Exim on 203.0.113.7:25) is the port probe's.
    String family = f.asset().matches("(\\d+\\.){3}\\d+:\\d+|\\[[0-9a-fA-F:]+\\]:\\d+") ? "service" : family(f.check());
    if (reached.getOrDefault(family, Set.of()).contains(f.asset())) {
      return true;
    }
    String host = f.asset().replaceFirst(":\\d+$", "");
    if (hosts().contains(host)) {
      return false;
    }
    Set<String> dns = reached.getOrDefault("dns", Set.of());
    for (String name : dns) {
      if (host.endsWith("." + name)) {
        return true;
      }
    }
    return false;
  }

  /** The host names among the assets (assets are host names and "host address" pairs). */
  private Set<String> hosts() {
    Set<String> out = new java.util.HashSet<>();
    for (String a : assets) {
      out.add(a.contains(" ") ? a.substring(0, a.indexOf(' ')) : a);
    }
    return out;
  }
}
