package fr.vigie.coverage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one scan asked about one commune, and what each question got: the record the diff reads
 * to tell "fixed" from "not looked at" and "could not look". Immutable; stored as JSON with the
 * commune's results and given in the JSON report.
 *
 * @param status {@code complete} (everything asked, everything answered), {@code partial} (an
 *     option left a family out, or some questions got no answer), {@code unreachable} (nothing
 *     conclusive could be learnt: the resolver, or every host, did not answer; or the scan of the
 *     commune failed), {@code unknown} (a scan stored before coverage was recorded)
 * @param reason why a commune is unreachable ({@code dns-timeout}, {@code dns-servfail}, {@code
 *     dns-refused}, {@code dns-truncated}, {@code hosts-timeout}, {@code error}, {@code
 *     commune-timeout}) or, for a partial one, cut short ({@code commune-timeout}); else null
 * @param detail what goes with the reason: the resolver, the error message
 * @param asked the probe families that ran ({@link Probe#id()})
 * @param narrowedBy the options that narrowed the scan ({@code --no-paths}, {@code --ports 22,443})
 * @param resolvers the DNS resolvers asked ({@code system} for the machine's)
 * @param wordlist digest of the subdomain labels tried, or null when none were
 * @param ports the ports the port probe tried (empty: none)
 * @param assets asset to question key to outcome id: {@code dns:TXT}, {@code web}, {@code paths}
 *     (and {@code paths-list}, the digest of the paths asked), {@code tls}, {@code tech}, {@code
 *     ports} (an address probed), {@code port} (an {@code address:port} that was open or gave no
 *     answer; a port of the list not named was refused), {@code wordlist} (a domain the wordlist
 *     was tried under)
 * @param lists the lists behind the digests (wordlist labels, paths asked), stored once each
 */
@JsonPropertyOrder({
  "status",
  "reason",
  "detail",
  "asked",
  "narrowedBy",
  "resolvers",
  "wordlist",
  "ports",
  "assets"
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Coverage(
    String status,
    String reason,
    String detail,
    List<String> asked,
    List<String> narrowedBy,
    List<String> resolvers,
    String wordlist,
    List<Integer> ports,
    Map<String, Map<String, String>> assets,
    @JsonIgnore Map<String, List<String>> lists) {

  public static final String COMPLETE = "complete";
  public static final String PARTIAL = "partial";
  public static final String UNREACHABLE = "unreachable";
  public static final String UNKNOWN = "unknown";

  /** A scan stored before coverage was recorded: nothing in it can resolve anything. */
  public static final Coverage LEGACY = new Coverage(
      UNKNOWN, null, null, List.of(), List.of(), List.of(), null, List.of(), Map.of(), Map.of());

  public Coverage {
    asked = asked == null ? List.of() : List.copyOf(asked);
    narrowedBy = narrowedBy == null ? List.of() : List.copyOf(narrowedBy);
    resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
    ports = ports == null ? List.of() : List.copyOf(ports);
    Map<String, Map<String, String>> copy = new TreeMap<>();
    if (assets != null) {
      assets.forEach((k, v) -> copy.put(k, Map.copyOf(new TreeMap<>(v))));
    }
    assets = Collections.unmodifiableMap(copy);
    lists = lists == null ? Map.of() : Map.copyOf(lists);
  }

  /** An unreachable commune: nothing was learnt. */
  public static Coverage unreachable(
      String reason,
      String detail,
      List<String> asked,
      List<String> narrowedBy,
      List<String> resolvers) {
    return new Coverage(
        UNREACHABLE,
        reason,
        detail,
        asked,
        narrowedBy,
        resolvers,
        null,
        List.of(),
        Map.of(),
        Map.of());
  }

  /** The same coverage with the lists behind its digests (read back from the store). */
  public Coverage withLists(Map<String, List<String>> lists) {
    return new Coverage(
        status, reason, detail, asked, narrowedBy, resolvers, wordlist, ports, assets, lists);
  }

  /** The same coverage, from a scan of the commune stopped before its end (its budget ran out). */
  public Coverage cutShort(String why, String whyDetail) {
    return new Coverage(
        isUnreachable() ? UNREACHABLE : PARTIAL,
        why,
        whyDetail,
        asked,
        narrowedBy,
        resolvers,
        wordlist,
        ports,
        assets,
        lists);
  }

  public boolean isUnreachable() {
    return UNREACHABLE.equals(status);
  }

  public boolean asked(Probe probe) {
    return asked.contains(probe.id());
  }

  /** The digests this coverage refers to (for the store's list table). */
  @JsonIgnore
  public Set<String> digests() {
    Set<String> out = new LinkedHashSet<>();
    if (wordlist != null) {
      out.add(wordlist);
    }
    for (Map<String, String> q : assets.values()) {
      String d = q.get("paths-list");
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }

  /** What this scan got for the question: {@link Outcome#NOT_ASKED} when it did not ask it. */
  public Outcome outcome(Question q) {
    if (UNKNOWN.equals(status) || UNREACHABLE.equals(status)) {
      return Outcome.NOT_ASKED;
    }
    return switch (q.probe()) {
      case DNS -> dns(q);
      case WEB, TLS, TECH -> get(q.asset(), q.probe().id());
      case PATHS -> path(q);
      case PORTS -> port(q.asset());
      case WORDLIST, MAIL, CT -> Outcome.NOT_ASKED;
    };
  }

  /**
   * Whether this scan can say the finding's question is settled: asked, and answered
   * conclusively.
   */
  public boolean settles(Question q) {
    return outcome(q).conclusive(q.probe());
  }

  /** True when DNS said authoritatively that this host name no longer exists (or has no address). */
  public boolean absent(String host) {
    return outcome(Question.host(host)) == Outcome.ABSENT;
  }

  private Outcome dns(Question q) {
    Outcome recorded = get(q.asset(), "dns:" + q.detail());
    if (recorded != Outcome.NOT_ASKED || !q.detail().equals("A") || wordlist == null) {
      return recorded;
    }
    // A name of the wordlist that discovery asked and dropped: it answered with nothing (names
    // whose answer was not conclusive are recorded one by one).
    List<String> labels = lists.get(wordlist);
    if (labels == null) {
      return Outcome.NOT_ASKED;
    }
    for (Map.Entry<String, Map<String, String>> e : assets.entrySet()) {
      String domain = e.getKey();
      if (Outcome.ANSWERED.id().equals(e.getValue().get("wordlist"))
          && q.asset().endsWith("." + domain)) {
        String label = q.asset().substring(0, q.asset().length() - domain.length() - 1);
        if (labels.contains(label)) {
          return Outcome.ABSENT;
        }
      }
    }
    return Outcome.NOT_ASKED;
  }

  private Outcome path(Question q) {
    Outcome o = get(q.asset(), "paths");
    if (!o.conclusive(Probe.PATHS) || q.detail().isEmpty()) {
      return o;
    }
    String digest = assets.getOrDefault(q.asset(), Map.of()).get("paths-list");
    List<String> paths = digest == null ? null : lists.get(digest);
    if (paths != null && !paths.contains(q.detail())) {
      return Outcome.NOT_ASKED; // the path list changed: that path was not requested this time
    }
    return o;
  }

  private Outcome port(String addressPort) {
    Outcome recorded = get(addressPort, "port");
    if (recorded != Outcome.NOT_ASKED) {
      return recorded;
    }
    int colon = addressPort.lastIndexOf(':');
    if (colon < 0) {
      return Outcome.NOT_ASKED;
    }
    String address = addressPort.substring(0, colon);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(addressPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      return Outcome.NOT_ASKED;
    }
    Outcome probed = get(address, "ports");
    if (ports.contains(port) && probed == Outcome.ANSWERED) {
      return Outcome.REFUSED;
    }
    if (ports.contains(port) && probed == Outcome.NO_ANSWER) {
      return Outcome.NO_ANSWER; // the address was not probed in time
    }
    return Outcome.NOT_ASKED;
  }

  private Outcome get(String asset, String key) {
    String v = assets.getOrDefault(asset, Map.of()).get(key);
    if (v == null) {
      return Outcome.NOT_ASKED;
    }
    try {
      return Outcome.parse(v);
    } catch (IllegalArgumentException e) {
      return Outcome.NOT_ASKED;
    }
  }

  /** A short, stable digest of a list (order kept): the key of the list in the store. */
  public static String digest(Collection<String> items) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String s : items) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Builds a commune's coverage while its scan runs. Not thread-safe. */
  public static final class Builder {
    private final List<String> asked = new ArrayList<>();
    private final List<String> narrowedBy;
    private final List<String> resolvers;
    private String wordlist;
    private List<String> wordlistLabels = List.of();
    private List<Integer> ports = List.of();
    private final Map<String, Map<String, String>> assets = new TreeMap<>();
    private final Map<String, List<String>> lists = new TreeMap<>();

    public Builder(List<String> narrowedBy, List<String> resolvers) {
      this.narrowedBy = List.copyOf(narrowedBy);
      this.resolvers = List.copyOf(resolvers);
    }

    public Builder asked(Probe probe) {
      if (!asked.contains(probe.id())) {
        asked.add(probe.id());
      }
      return this;
    }

    public Builder wordlist(List<String> labels) {
      this.wordlistLabels = List.copyOf(labels);
      this.wordlist = labels.isEmpty() ? null : digest(labels);
      if (wordlist != null) {
        lists.put(wordlist, wordlistLabels);
      }
      return this;
    }

    public Builder ports(List<Integer> list) {
      this.ports = List.copyOf(list);
      return this;
    }

    public Builder put(String asset, String key, Outcome outcome) {
      assets.computeIfAbsent(asset, k -> new TreeMap<>()).put(key, outcome.id());
      return this;
    }

    /** Records an outcome unless a better one is there (several observations of one asset). */
    public Builder merge(String asset, String key, Outcome outcome) {
      Map<String, String> q = assets.computeIfAbsent(asset, k -> new TreeMap<>());
      String was = q.get(key);
      if (was == null || rank(Outcome.parse(was)) > rank(outcome)) {
        q.put(key, outcome.id());
      }
      return this;
    }

    private static int rank(Outcome o) {
      return switch (o) {
        case ANSWERED -> 0;
        case ABSENT -> 1;
        case REFUSED -> 2;
        case FAILED -> 3;
        case NO_ANSWER -> 4;
        case NOT_ASKED -> 5;
      };
    }

    public Builder paths(String host, Outcome outcome, List<String> paths) {
      put(host, "paths", outcome);
      if (!paths.isEmpty()) {
        String d = digest(paths);
        lists.putIfAbsent(d, List.copyOf(paths));
        assets.get(host).put("paths-list", d);
      }
      return this;
    }

    public Coverage build(String status, String reason, String detail) {
      return new Coverage(
          status, reason, detail, asked, narrowedBy, resolvers, wordlist, ports, assets, lists);
    }
  }
}
