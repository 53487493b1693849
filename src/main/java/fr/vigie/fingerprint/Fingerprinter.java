package fr.vigie.fingerprint;

import fr.vigie.fingerprint.Detection.Precision;
import fr.vigie.fingerprint.Rules.Signal;
import fr.vigie.fingerprint.Rules.Source;
import fr.vigie.fingerprint.Rules.Technology;
import fr.vigie.fingerprint.Rules.When;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.Body;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.ProbeExtras;
import fr.vigie.observation.WebObservation;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the technology rules to what the web probe saw of a host. Pure: the same observation
 * gives the same technologies. It also tells the probe what to keep of whole pages (the parts its
 * HTML and path patterns look for) and which version-source paths to request.
 */
public final class Fingerprinter implements ProbeExtras {

  /** A mark longer than this is cut: a pattern that needs more is a bad pattern. */
  static final int MARK_CHARS = 400;

  static final int MAX_MARKS = 64;
  private static final int EVIDENCE_CHARS = 160;

  /** What a detection implied by another one gives as evidence, before the other's name. */
  public static final String IMPLIED_BY = "implied by ";

  public static final List<String> CATEGORIES = List.of(
      "cms",
      "builder",
      "webmail",
      "collaboration",
      "admin",
      "remote-access",
      "javascript",
      "language",
      "server");

  private final Rules rules;
  private final List<Pattern> markPatterns;
  /** Each mark pattern's {@link RequiredText}: a body without it is not given to the pattern. */
  private final List<String> markTexts;

  public Fingerprinter(Rules rules) {
    this.rules = rules;
    Map<String, Pattern> patterns = new LinkedHashMap<>();
    for (Technology t : rules.technologies()) {
      for (Signal s : t.signals()) {
        if ((s.source() == Source.HTML || s.source() == Source.PATH) && s.pattern() != null) {
          patterns.putIfAbsent(s.pattern().pattern(), s.pattern());
        }
      }
    }
    this.markPatterns = List.copyOf(patterns.values());
    this.markTexts = markPatterns.stream().map(RequiredText::of).toList();
  }

  public static Fingerprinter builtIn() {
    return new Fingerprinter(Rules.builtIn());
  }

  public Rules rules() {
    return rules;
  }

  @Override
  public List<String> marks(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < markPatterns.size(); i++) {
      String required = markTexts.get(i);
      if (!required.isEmpty() && !text.contains(required)) {
        continue;
      }
      Matcher m = markPatterns.get(i).matcher(text);
      if (m.find()) {
        String found = m.group();
        out.add(found.length() > MARK_CHARS ? found.substring(0, MARK_CHARS) : found);
        if (out.size() >= MAX_MARKS) {
          break;
        }
      }
    }
    return List.copyOf(out);
  }

  @Override
  public List<String> paths(WebObservation soFar) {
    Set<String> out = new LinkedHashSet<>();
    Page page = page(soFar);
    for (Technology t : rules.technologies()) {
      List<Hit> passive = t.signals().stream()
          .filter(s -> s.source() != Source.PATH)
          .map(s -> match(s, soFar, page))
          .flatMap(Optional::stream)
          .toList();
      // Version sources are asked only where the home page suggests the technology and did not
      // already give its exact version: each request is one more on a shared host.
      boolean suspected = !passive.isEmpty();
      boolean versioned = passive.stream()
          .anyMatch(h -> h.signal().version() == Precision.EXACT && h.version() != null);
      for (Signal s : t.signals()) {
        if (s.source() == Source.PATH && (s.when() == When.ALWAYS || (suspected && !versioned))) {
          out.add(s.name());
        }
      }
    }
    return List.copyOf(out);
  }

  /** The technologies of one host, sorted by name. */
  public TechObservation identify(WebObservation w) {
    Page page = page(w);
    Map<String, Detection> found = new LinkedHashMap<>();
    for (Technology t : rules.technologies()) {
      detect(t, w, page).ifPresent(d -> found.put(t.name(), d));
    }
    // Implied technologies (WordPress runs on PHP) carry no version and the implier's confidence.
    boolean added = true;
    while (added) {
      added = false;
      for (Technology t : rules.technologies()) {
        Detection d = found.get(t.name());
        if (d == null) {
          continue;
        }
        for (String implied : t.implies()) {
          if (!found.containsKey(implied)) {
            Technology it = technology(implied);
            found.put(
                implied,
                new Detection(
                    implied,
                    it.product(),
                    it.category(),
                    null,
                    Precision.UNKNOWN,
                    d.confidence(),
                    false,
                    List.of(IMPLIED_BY + t.name())));
            added = true;
          }
        }
      }
    }
    List<Detection> out = new ArrayList<>(found.values());
    // Applications first, then what they run on: "Roundcube 1.6.5, jQuery, PHP, nginx".
    out.sort(Comparator.comparingInt((Detection d) -> CATEGORIES.indexOf(d.category()))
        .thenComparing(d -> d.name().toLowerCase(Locale.ROOT)));
    return new TechObservation(w.host(), out);
  }

  private Technology technology(String name) {
    return rules.technologies().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private record Hit(Signal signal, String evidence, String version, String distro) {
    boolean packaged() {
      return distro != null;
    }
  }

  /** Each signal of {@code t} that matches, with the version it read ("" when none): what the contract test checks. */
  Map<Signal, String> matches(Technology t, WebObservation w) {
    Page page = page(w);
    Map<Signal, String> out = new LinkedHashMap<>();
    for (Signal s : t.signals()) {
      match(s, w, page).ifPresent(h -> out.put(s, h.version() == null ? "" : h.version()));
    }
    return out;
  }

  private Optional<Detection> detect(Technology t, WebObservation w, Page page) {
    List<Hit> hits = new ArrayList<>();
    for (Signal s : t.signals()) {
      match(s, w, page).ifPresent(hits::add);
    }
    int confidence =
        Math.min(100, hits.stream().mapToInt(h -> h.signal().confidence()).sum());
    if (hits.isEmpty() || confidence < t.threshold()) {
      return Optional.empty();
    }
    List<String> evidence = new ArrayList<>();
    for (Hit h : hits) {
      if (!evidence.contains(h.evidence())) {
        evidence.add(h.evidence());
      }
    }
    String version = null;
    Precision precision = Precision.UNKNOWN;
    boolean packaged = false;
    String distribution = null;
    for (Precision p : List.of(Precision.EXACT, Precision.BRANCH, Precision.HINT)) {
      Set<String> versions = new LinkedHashSet<>();
      for (Hit h : hits) {
        if (h.signal().version() == p && h.version() != null) {
          versions.add(h.version());
          packaged |= h.packaged();
          distribution = distribution == null ? h.distro() : distribution;
        }
      }
      if (versions.size() > 1) {
        // 15.1.2507 (a path) and 15.1.2507.39 (a header) agree: keep the finer one.
        String finest = versions.stream()
            .max(Comparator.comparingInt(x -> Version.of(x).size()))
            .orElseThrow();
        Version fine = Version.of(finest);
        if (versions.stream().allMatch(x -> fine.within(Version.of(x)))) {
          versions = new LinkedHashSet<>(List.of(finest));
        }
      }
      if (versions.size() > 1) {
        // Two precise sources disagree (a copied generator tag, a half-finished upgrade): say so,
        // judge nothing.
        // The same words in French and English: evidence lines are shown in either report.
        evidence.add("versions " + String.join(" ≠ ", versions));
        version = null;
        precision = Precision.UNKNOWN;
        break;
      }
      if (versions.size() == 1) {
        version = versions.iterator().next();
        precision = p;
        break;
      }
    }
    return Optional.of(new Detection(
        t.name(),
        t.product(),
        t.category(),
        version,
        precision,
        confidence,
        packaged,
        evidence,
        version == null ? null : distribution));
  }

  /** The page this host serves itself: the end of its HTTPS chain, else of its HTTP chain. */
  record Page(Hop hop, Body body) {}

  static Page page(WebObservation w) {
    for (HttpObservation o : List.of(w.https(), w.http())) {
      if (o.end() != End.OK || o.body() == null || o.last().isEmpty()) {
        continue;
      }
      Hop last = o.last().get();
      if (onHost(last.url(), w.host()) && last.status() >= 200 && last.status() < 300) {
        return new Page(last, o.body());
      }
    }
    return null;
  }

  private static List<Hop> ownHops(WebObservation w) {
    List<Hop> out = new ArrayList<>();
    for (HttpObservation o : List.of(w.https(), w.http())) {
      for (Hop h : o.hops()) {
        if (onHost(h.url(), w.host())) {
          out.add(h);
        }
      }
    }
    return out;
  }

  private static Optional<Hit> match(Signal s, WebObservation w, Page page) {
    return switch (s.source()) {
      case GENERATOR ->
        page == null || page.body().html() == null
            ? Optional.empty()
            : first(s, page.body().html().generators(), v -> "meta generator \"" + v + "\"");
      case TITLE ->
        page == null || page.body().html() == null
            ? Optional.empty()
            : first(s, List.of(page.body().html().title()), v -> "title \"" + v + "\"");
      case HEADER -> {
        List<String> values = new ArrayList<>();
        for (Hop h : ownHops(w)) {
          values.addAll(h.values(s.name()));
        }
        yield first(s, values, v -> s.name() + ": " + v);
      }
      case COOKIE -> {
        List<String> names = new ArrayList<>();
        for (Hop h : ownHops(w)) {
          for (String c : h.values("Set-Cookie")) {
            int eq = c.indexOf('=');
            names.add((eq < 0 ? c : c.substring(0, eq)).strip());
          }
        }
        yield first(s, names, v -> "cookie " + v);
      }
      case SCRIPT, LINK -> {
        if (page == null || page.body().html() == null) {
          yield Optional.empty();
        }
        List<String> urls = s.source() == Source.SCRIPT
            ? page.body().html().scripts()
            : page.body().html().links();
        List<String> candidates = new ArrayList<>();
        for (String u : urls) {
          if (s.thirdParty()) {
            candidates.add(u);
          } else if (onHost(u, w.host())) {
            candidates.add(pathAndQuery(u));
          }
        }
        yield first(
            s, candidates, v -> (s.source() == Source.SCRIPT ? "<script> " : "<link> ") + v);
      }
      case HTML -> {
        if (page == null) {
          yield Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        texts.add(page.body().excerpt() == null ? "" : page.body().excerpt());
        texts.addAll(page.body().marks());
        yield first(s, texts, v -> "page: " + v);
      }
      case URL -> {
        List<String> paths = new ArrayList<>();
        for (Hop h : ownHops(w)) {
          paths.add(pathAndQuery(h.url()));
        }
        yield first(s, paths, v -> "URL " + v);
      }
      case PATH -> {
        Optional<PathResult> r = w.path(s.name());
        if (r.isEmpty()
            || !(s.status() == 0 ? r.get().isSuccess() : r.get().status() == s.status())) {
          yield Optional.empty();
        }
        if (s.sha256() != null) {
          yield s.sha256().equalsIgnoreCase(r.get().sha256())
              ? Optional.of(new Hit(s, s.name() + " (SHA-256 ✓)", null, null))
              : Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        texts.add(r.get().excerpt() == null ? "" : r.get().excerpt());
        texts.addAll(r.get().marks());
        yield first(s, texts, v -> s.name() + ": " + v);
      }
    };
  }

  private static Optional<Hit> first(
      Signal s, List<String> values, Function<String, String> describe) {
    for (String v : values) {
      if (v == null) {
        continue;
      }
      Matcher m = s.pattern().matcher(v);
      if (m.find()) {
        String raw = group(m, "version");
        String version;
        try {
          version = s.version(raw);
        } catch (NumberFormatException e) {
          version = null;
        }
        String distro = group(m, "distro");
        String shown = s.source() == Source.HTML || s.source() == Source.PATH ? m.group() : v;
        return Optional.of(new Hit(
            s,
            cut(describe.apply(shown)),
            version,
            distro == null || distro.isEmpty() ? null : distro.strip()));
      }
    }
    return Optional.empty();
  }

  private static String group(Matcher m, String name) {
    try {
      return m.group(name);
    } catch (IllegalArgumentException absent) {
      return null;
    }
  }

  private static String cut(String s) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() > EVIDENCE_CHARS ? one.substring(0, EVIDENCE_CHARS) + "…" : one;
  }

  static boolean onHost(String url, String host) {
    try {
      String h = URI.create(url).getHost();
      return h != null && h.equalsIgnoreCase(host);
    } catch (IllegalArgumentException bad) {
      return false;
    }
  }

  private static String pathAndQuery(String url) {
    try {
      URI u = URI.create(url);
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
    } catch (IllegalArgumentException bad) {
      return url;
    }
  }
}
