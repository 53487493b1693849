package fr.vigie.check.exposure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.model.Severity;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.WebObservation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The exposed-path rules of {@code exposed-paths.yaml}: which paths the exposure check needs
 * requested, and what proves each. Severities are the catalogue's. Immutable.
 */
public final class ExposedPaths {

  /**
   * What must hold of the answer for the path to be exposed: a 2xx, or the status given (Tomcat's
   * manager answers 401 with its own page: reachable from anywhere, it is the exposure).
   */
  public record Proof(Pattern regex, int minMatches, String magic, boolean notHtml, int status) {
    public Proof(Pattern regex, int minMatches, String magic, boolean notHtml) {
      this(regex, minMatches, magic, notHtml, 0);
    }

    public boolean accepts(int answered) {
      return status == 0 ? answered >= 200 && answered < 300 : answered == status;
    }
  }

  /**
   * One rule: a check id, its severity, the paths it requests and its proof; {@code when}, for a
   * technology's own files, the sign of it the home page must show for them to be requested (null:
   * requested everywhere).
   */
  public record Rule(
      String check, Severity severity, List<String> paths, Proof proof, Pattern when) {
    public Rule {
      paths = List.copyOf(paths);
    }

    public Rule(String check, Severity severity, List<String> paths, Proof proof) {
      this(check, severity, paths, proof, null);
    }
  }

  private record RuleData(String check, List<String> paths, ProofData proof, String when) {}

  private record ProofData(
      String regex, Integer minMatches, String magic, Boolean notHtml, Integer status) {}

  private record FileData(List<RuleData> rules) {}

  private static final String RESOURCE = "/fr/vigie/checks/exposed-paths.yaml";
  private static final ExposedPaths BUILT_IN = load();

  private final List<Rule> rules;

  private ExposedPaths(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static ExposedPaths builtIn() {
    return BUILT_IN;
  }

  public List<Rule> rules() {
    return rules;
  }

  /** The paths to request on a host of the given registrable domain, in rule order, once each. */
  public List<String> paths(String registrableDomain) {
    return paths(registrableDomain, null);
  }

  /**
   * The paths to request on a host whose home page shows {@code signals} (its headers and the
   * start of its pages, see {@link #signals}): a rule with a {@code when} only where it matches.
   * Null signals: every rule's paths.
   */
  public List<String> paths(String registrableDomain, String signals) {
    String label = registrableDomain.contains(".")
        ? registrableDomain.substring(0, registrableDomain.indexOf('.'))
        : registrableDomain;
    Set<String> out = new LinkedHashSet<>();
    for (Rule r : rules) {
      if (signals != null && r.when() != null && !r.when().matcher(signals).find()) {
        continue;
      }
      for (String p : r.paths()) {
        out.add(p.replace("{domain}", label));
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * What the home page shows of the technologies behind it: the headers of every hop, on both
   * schemes, and the start of the final pages with their links and scripts.
   */
  public static String signals(WebObservation home) {
    StringBuilder out = new StringBuilder();
    for (HttpObservation o : List.of(home.http(), home.https())) {
      for (HttpObservation.Hop hop : o.hops()) {
        for (HttpObservation.Header h : hop.headers()) {
          out.append(h.name()).append(": ").append(h.value()).append('\n');
        }
      }
      if (o.body() != null) {
        out.append(o.body().excerpt()).append('\n');
        out.append(String.join("\n", o.body().marks())).append('\n');
        if (o.body().html() != null) {
          out.append(o.body().html()).append('\n');
        }
      }
    }
    return out.toString();
  }

  /** Whether a rule's path template gives this concrete path. */
  public static boolean matches(String template, String path) {
    if (!template.contains("{domain}")) {
      return template.equals(path);
    }
    String prefix = template.substring(0, template.indexOf("{domain}"));
    String suffix = template.substring(template.indexOf("{domain}") + "{domain}".length());
    return path.startsWith(prefix)
        && path.endsWith(suffix)
        && path.length() > prefix.length() + suffix.length();
  }

  private static ExposedPaths load() {
    try (InputStream in = ExposedPaths.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      FileData data = new ObjectMapper(new YAMLFactory()).readValue(in, FileData.class);
      List<Rule> rules = new ArrayList<>();
      for (RuleData r : data.rules()) {
        ProofData p = r.proof();
        rules.add(new Rule(
            r.check(),
            CheckCatalogue.builtIn()
                .find(r.check())
                .orElseThrow(() -> new IllegalStateException(
                    RESOURCE + ": " + r.check() + " is not in the catalogue"))
                .severity(),
            r.paths(),
            new Proof(
                p.regex() == null ? null : Pattern.compile(p.regex()),
                p.minMatches() == null ? 1 : p.minMatches(),
                p.magic(),
                Boolean.TRUE.equals(p.notHtml()),
                p.status() == null ? 0 : p.status()),
            r.when() == null ? null : Pattern.compile(r.when())));
      }
      return new ExposedPaths(rules);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
