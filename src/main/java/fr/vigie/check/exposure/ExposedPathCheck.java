package fr.vigie.check.exposure;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.WebObservation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Files and pages that should never be public (the rules of {@code exposed-paths.yaml}). A path
 * counts only when its 2xx answer is not the host's "not found" page in disguise (compared with
 * the answers to random paths) and the rule's proof holds: a site that answers 200 to everything,
 * or a page that merely mentions {@code .git}, raises nothing.
 */
public final class ExposedPathCheck extends BaseCheck<WebObservation> {

  private final ExposedPaths rules;

  public ExposedPathCheck(ExposedPaths rules) {
    super(WebObservation.class, ids(rules));
    this.rules = rules;
  }

  private static String[] ids(ExposedPaths rules) {
    Set<String> ids = new LinkedHashSet<>();
    rules.rules().forEach(r -> ids.add(r.check()));
    return ids.toArray(String[]::new);
  }

  @Override
  public List<String> paths(String host, String registrableDomain) {
    return rules.paths(registrableDomain);
  }

  @Override
  public List<String> paths(String host, String registrableDomain, WebObservation home) {
    return rules.paths(registrableDomain, ExposedPaths.signals(home));
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    List<Finding> out = new ArrayList<>();
    Set<String> said = new HashSet<>();
    for (PathResult result : w.paths()) {
      if (result.status() == 0 || SoftNotFound.looksLikeBaseline(result, w.baselines())) {
        continue;
      }
      for (ExposedPaths.Rule rule : rules.rules()) {
        boolean applies = rule.proof().accepts(result.status())
            && rule.paths().stream().anyMatch(t -> ExposedPaths.matches(t, result.path()));
        if (applies && proven(rule.proof(), result) && said.add(rule.check() + result.path())) {
          out.add(
              finding(rule.check(), rule.severity(), w.host(), result.path(), evidence(w, result)));
        }
      }
    }
    return out;
  }

  static boolean proven(ExposedPaths.Proof proof, PathResult r) {
    if (proof.notHtml() && r.isHtml()) {
      return false;
    }
    if (proof.magic() != null
        && !r.head().toLowerCase(Locale.ROOT).startsWith(proof.magic().toLowerCase(Locale.ROOT))) {
      return false;
    }
    if (proof.regex() != null) {
      Matcher m = proof.regex().matcher(r.excerpt() == null ? "" : r.excerpt());
      int found = 0;
      while (found < proof.minMatches() && m.find()) {
        found++;
      }
      return found >= proof.minMatches();
    }
    return proof.magic() != null;
  }

  /** The URL, the answer and the first bytes: secrets were masked by the probe already. */
  static Evidence evidence(WebObservation w, PathResult r) {
    Evidence first;
    if (r.excerpt() != null
        && !r.excerpt().isBlank()
        && r.excerpt().chars().noneMatch(c -> c == 0)) {
      String flat = r.excerpt().strip().replaceAll("\\s+", " ");
      first = Evidence.verbatim(flat.length() > 160 ? flat.substring(0, 159) + "…" : flat);
    } else {
      first = Evidence.of("exposure.path.head", "head", r.head());
    }
    return Evidence.of(
        "exposure.path",
        "url",
        w.origin() + r.path(),
        "status",
        r.status(),
        "type",
        r.contentType() == null ? null : " " + r.contentType(),
        "bytes",
        r.bytes(),
        "excerpt",
        first);
  }

  /** Raised and cleared by the request for the path (the finding's subject). */
  @Override
  public Question question(Finding f) {
    return Question.path(f.asset(), f.subject());
  }
}
