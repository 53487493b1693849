package fr.vigie.fingerprint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.fingerprint.Detection.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The technology rules: one YAML file per family under {@code fr/vigie/fingerprint/rules/}, listed
 * in its {@code index.txt}. The format is documented at the top of each file and in
 * {@code docs/fingerprint-rules.md}. Immutable once loaded.
 */
public final class Rules {

  /** Where a signal looks. */
  public enum Source {
    /** A meta generator of the home page. */
    GENERATOR,
    /** A response header (name given) of the home page's chain on this host. */
    HEADER,
    /** The name of a cookie set on this host. */
    COOKIE,
    /** The home page's title. */
    TITLE,
    /** A script src: on this host unless the signal says thirdParty. */
    SCRIPT,
    /** A link href (stylesheets, icons, feeds): on this host unless thirdParty. */
    LINK,
    /** The home page's HTML (its excerpt and the marks kept by the probe). */
    HTML,
    /** The path of a URL of the home page's redirect chain on this host. */
    URL,
    /** The answer to a path the probe requests for this technology. */
    PATH
  }

  /** When a path is requested. */
  public enum When {
    /** On every host (cheap identification of software that has no home-page sign). */
    ALWAYS,
    /** Only when other signals already suggest the technology (version sources). */
    DETECTED
  }

  /**
   * One signal.
   *
   * @param name the header name (HEADER) or the path (PATH)
   * @param pattern matched with find(); a group named {@code version} gives the version and one
   *     named {@code distro} a distribution suffix
   * @param sha256 PATH only: the answer's bytes must have this hash (favicons)
   * @param status PATH only: the status required (0: any 2xx)
   */
  public record Signal(
      Source source,
      String name,
      Pattern pattern,
      String sha256,
      int status,
      int confidence,
      Precision version,
      When when,
      boolean thirdParty,
      boolean versionId) {

    /** The version as the rules mean it: {@code 10605} is Roundcube 1.6.5. */
    public String version(String raw) {
      if (raw == null || !versionId) {
        return raw;
      }
      int n = Integer.parseInt(raw);
      return (n / 10000) + "." + (n / 100 % 100) + "." + (n % 100);
    }

    public String describe() {
      String what = switch (source) {
        case HEADER -> "header " + name;
        case PATH -> "path " + name;
        default -> source.name().toLowerCase(Locale.ROOT);
      };
      return what;
    }
  }

  /** One technology. */
  public record Technology(
      String name,
      String product,
      String category,
      List<String> implies,
      int threshold,
      List<Signal> signals,
      String file) {
    public Technology {
      implies = List.copyOf(implies);
      signals = List.copyOf(signals);
    }
  }

  private record SignalData(
      String generator,
      String header,
      String match,
      String cookie,
      String title,
      String script,
      String link,
      String html,
      String url,
      String path,
      String sha256,
      Integer status,
      Integer confidence,
      String version,
      String when,
      Boolean thirdParty,
      String transform) {}

  private record TechnologyData(
      String name,
      String product,
      String category,
      List<String> implies,
      Integer threshold,
      List<SignalData> signals) {}

  private record FileData(List<TechnologyData> technologies) {}

  /** The confidence a technology needs, unless its rule says otherwise. */
  public static final int DEFAULT_THRESHOLD = 50;

  private static final String DIR = "/fr/vigie/fingerprint/rules/";
  private static final Rules BUILT_IN = loadBuiltIn();

  private final List<Technology> technologies;

  Rules(List<Technology> technologies) {
    this.technologies = List.copyOf(technologies);
  }

  public static Rules builtIn() {
    return BUILT_IN;
  }

  public List<Technology> technologies() {
    return technologies;
  }

  /** The rule files, as {@code index.txt} lists them. */
  public static List<String> files() {
    List<String> out = new ArrayList<>();
    for (String line : text(DIR + "index.txt").split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  private static Rules loadBuiltIn() {
    List<Technology> all = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    for (String file : files()) {
      for (Technology t : parse(file, text(DIR + file))) {
        if (!names.add(t.name())) {
          throw new IllegalStateException(file + ": technology " + t.name() + " is defined twice");
        }
        all.add(t);
      }
    }
    for (Technology t : all) {
      for (String implied : t.implies()) {
        if (!names.contains(implied)) {
          throw new IllegalStateException(
              t.file() + ": " + t.name() + " implies unknown technology " + implied);
        }
      }
    }
    return new Rules(all);
  }

  /** Parses one rule file; errors name the file and the technology. */
  public static List<Technology> parse(String file, String yaml) {
    FileData data;
    try {
      data = new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(yaml, FileData.class);
    } catch (IOException e) {
      throw new IllegalStateException(
          file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
    }
    List<Technology> out = new ArrayList<>();
    for (TechnologyData t : data.technologies()) {
      String where = file + ": " + t.name();
      if (t.name() == null
          || t.category() == null
          || t.signals() == null
          || t.signals().isEmpty()) {
        throw new IllegalStateException(
            file + ": a technology needs name, category and signals (" + t.name() + ")");
      }
      List<Signal> signals = new ArrayList<>();
      for (SignalData s : t.signals()) {
        signals.add(signal(where, s));
      }
      out.add(new Technology(
          t.name(),
          t.product(),
          t.category(),
          t.implies() == null ? List.of() : t.implies(),
          t.threshold() == null ? DEFAULT_THRESHOLD : t.threshold(),
          signals,
          file));
    }
    return out;
  }

  private static Signal signal(String where, SignalData s) {
    Map<Source, String> given = new EnumMap<>(Source.class);
    given.put(Source.GENERATOR, s.generator());
    given.put(Source.HEADER, s.header());
    given.put(Source.COOKIE, s.cookie());
    given.put(Source.TITLE, s.title());
    given.put(Source.SCRIPT, s.script());
    given.put(Source.LINK, s.link());
    given.put(Source.HTML, s.html());
    given.put(Source.URL, s.url());
    given.put(Source.PATH, s.path());
    given.values().removeIf(Objects::isNull);
    if (given.size() != 1) {
      throw new IllegalStateException(
          where
              + ": a signal has exactly one of generator, header, cookie, title, script, link, html, url, path");
    }
    Source source = given.keySet().iterator().next();
    String value = given.get(source);
    // Headers and paths are named by the key; what to find in them is under match.
    boolean named = source == Source.HEADER || source == Source.PATH;
    String name = named ? value : null;
    String regex = !named ? value : source == Source.HEADER && s.match() == null ? "" : s.match();
    if (source == Source.PATH) {
      if (!name.startsWith("/")) {
        throw new IllegalStateException(where + ": path " + name + " must start with /");
      }
      if (s.match() == null && s.sha256() == null) {
        throw new IllegalStateException(where + ": path " + name + " needs match or sha256");
      }
    }
    if (s.match() != null && source != Source.HEADER && source != Source.PATH) {
      throw new IllegalStateException(where + ": match belongs to header and path signals");
    }
    Pattern pattern;
    try {
      pattern = regex == null ? null : Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalStateException(
          where + ": bad pattern " + regex + ": " + e.getDescription(), e);
    }
    Precision precision = s.version() == null
        ? Precision.UNKNOWN
        : switch (s.version()) {
          case "exact" -> Precision.EXACT;
          case "branch" -> Precision.BRANCH;
          case "hint" -> Precision.HINT;
          default ->
            throw new IllegalStateException(
                where + ": version is exact, branch or hint, not " + s.version());
        };
    if (precision != Precision.UNKNOWN
        && (pattern == null || !pattern.pattern().contains("(?<version>"))) {
      throw new IllegalStateException(
          where + ": a signal that gives a version needs a (?<version>…) group: " + regex);
    }
    int confidence = s.confidence() == null ? 100 : s.confidence();
    if (confidence < 1 || confidence > 100) {
      throw new IllegalStateException(where + ": confidence is 1..100");
    }
    When when = s.when() == null || s.when().equals("detected") ? When.DETECTED : When.ALWAYS;
    if (s.when() != null && !s.when().equals("detected") && !s.when().equals("always")) {
      throw new IllegalStateException(where + ": when is always or detected");
    }
    if (s.transform() != null && !s.transform().equals("version-id")) {
      throw new IllegalStateException(where + ": the only transform is version-id");
    }
    if (s.thirdParty() != null && source != Source.SCRIPT && source != Source.LINK) {
      throw new IllegalStateException(where + ": thirdParty belongs to script and link signals");
    }
    return new Signal(
        source,
        name,
        pattern,
        s.sha256(),
        s.status() == null ? 0 : s.status(),
        confidence,
        precision,
        when,
        Boolean.TRUE.equals(s.thirdParty()),
        "version-id".equals(s.transform()));
  }

  static String text(String resource) {
    try (InputStream in = Rules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
