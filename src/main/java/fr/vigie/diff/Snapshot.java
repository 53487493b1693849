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

  /** An asset that is an address and a port ({@code 203.0.113.7:25}): the port probe's. */
  private static final java.util.regex.Pattern SERVICE_ASSET =
      java.util.regex.Pattern.compile("(\\d+\\.){3}\\d+:\\d+|\\[[0-9a-fA-F:]+\\]:\\d+");

  /**
   * The probe family that can raise a finding: by its check id's prefix, except that anything
   * about an address and a port (a technology read from a service banner, Exim on
   * 203.0.113.7:25) is the port probe's.
   */
  public static String family(Finding f) {
    String id = f.check();
    if (id.startsWith("service.") || id.equals("mail.starttls.missing") || SERVICE_ASSET.matcher(f.asset()).matches()) {
      return "service";
    }
    if (id.startsWith("http.") || id.startsWith("exposure.") || id.startsWith("tech.")) {
      return "web";
    }
    if (id.startsWith("tls.") || id.startsWith("cert.")) {
      return "tls";
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
    if (reached.getOrDefault(family(f), Set.of()).contains(f.asset())) {
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
