package fr.vigie.probe;

import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.Header;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.PathResult;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Names of one address that answer byte for byte the same (a shared host's default page for the
 * names it does not serve, a parking page): their paths are asked once, on the first of them,
 * and reported for each. Two names are the same when, on the same addresses, every hop of both
 * schemes has the same status and headers (but those that change from one answer to the next:
 * date, age, cookies' values, request ids), the pages the same bytes and the same certificates.
 * A name that shows itself anywhere (a redirect to its own URL, its name in the page) differs by
 * that alone. The most recent identities are kept, a bounded number. Thread-safe.
 */
final class IdenticalHosts {

  /** Headers that differ between two answers of one server to one request. */
  private static final Set<String> VOLATILE = Set.of(
      "date",
      "age",
      "expires",
      "keep-alive",
      "connection",
      "x-request-id",
      "x-correlation-id",
      "request-id",
      "cf-ray",
      "x-amz-request-id",
      "x-varnish");

  /** The paths one name got: its soft-404 baselines and the paths asked. */
  record Paths(List<PathResult> baselines, List<PathResult> paths) {}

  /** Who asks the paths of an identity: this caller ({@code mine}), or one before it. */
  record Claim(CompletableFuture<Paths> paths, boolean mine) {}

  private final Map<String, CompletableFuture<Paths>> recent;

  IdenticalHosts(int capacity) {
    this.recent = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Paths>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The caller asks the paths and completes the claim, or waits for the name that does. */
  synchronized Claim claim(String identity) {
    CompletableFuture<Paths> known = recent.get(identity);
    if (known != null) {
      return new Claim(known, false);
    }
    CompletableFuture<Paths> mine = new CompletableFuture<>();
    recent.put(identity, mine);
    return new Claim(mine, true);
  }

  /**
   * What two names must share to be the same answers; null when they can be told apart by
   * nothing but their name's absence (no answer on either scheme).
   */
  static String identity(List<InetAddress> addresses, HttpObservation http, HttpObservation https) {
    if (!http.answered() && !https.answered()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    addresses.forEach(a -> sb.append(a.getHostAddress()).append(','));
    for (HttpObservation o : List.of(http, https)) {
      sb.append('\n')
          .append(o.scheme())
          .append(' ')
          .append(o.end())
          .append(' ')
          .append(o.error() == null ? "" : o.error());
      for (Hop hop : o.hops()) {
        sb.append('\n').append(hop.status());
        for (Header h : hop.headers()) {
          String name = h.name().toLowerCase(Locale.ROOT);
          if (VOLATILE.contains(name)) {
            continue;
          }
          String value = name.equals("set-cookie") ? h.value().split("=", 2)[0] : h.value();
          sb.append('\n').append(name).append(": ").append(value);
        }
      }
      if (o.body() != null) {
        sb.append("\nbody ").append(o.body().sha256());
      }
      o.certificates().forEach(pem -> sb.append('\n').append(pem));
    }
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
