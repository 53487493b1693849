package fr.vigie.check.web;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.WebObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser-side defences a page's headers set (ANSSI « maîtriser les standards de sécurité
 * côté navigateur », MDN Observatory): HSTS, CSP, framing, MIME sniffing, referrer policy. Read on
 * the response that ends the HTTPS chain, or the HTTP one when there is no HTTPS (HSTS then says
 * nothing: http.https.missing does).
 */
public final class SecurityHeadersCheck extends BaseCheck<WebObservation> {

  public static final String HSTS_MISSING = "http.hsts.missing";
  public static final String HSTS_WEAK = "http.hsts.weak";
  public static final String CSP_MISSING = "http.csp.missing";
  public static final String CSP_UNSAFE = "http.csp.unsafe";
  public static final String FRAME_MISSING = "http.frame-options.missing";
  public static final String NOSNIFF_MISSING = "http.nosniff.missing";
  public static final String REFERRER_MISSING = "http.referrer-policy.missing";

  /** Six months: the minimum the Observatory and the HSTS preload list accept. */
  static final long HSTS_MIN_AGE = 15_552_000L;

  private static final Pattern MAX_AGE = Pattern.compile("(?i)max-age\\s*=\\s*\"?(\\d+)\"?");

  public SecurityHeadersCheck() {
    super(
        WebObservation.class,
        HSTS_MISSING,
        HSTS_WEAK,
        CSP_MISSING,
        CSP_UNSAFE,
        FRAME_MISSING,
        NOSNIFF_MISSING,
        REFERRER_MISSING);
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    Optional<Hop> found = WebFacts.page(w);
    if (found.isEmpty()) {
      return List.of();
    }
    Hop page = found.get();
    String host = w.host();
    List<Finding> out = new ArrayList<>();
    if (WebFacts.pageIsHttps(w)) {
      Optional<String> hsts = page.first("Strict-Transport-Security");
      if (hsts.isEmpty()) {
        out.add(finding(HSTS_MISSING, host, "", missing("Strict-Transport-Security", page.url())));
      } else {
        Matcher m = MAX_AGE.matcher(hsts.get());
        long age = m.find() ? parse(m.group(1)) : -1;
        if (age < HSTS_MIN_AGE) {
          out.add(finding(
              HSTS_WEAK, host, "", Evidence.verbatim("Strict-Transport-Security: " + hsts.get())));
        }
      }
    }
    Optional<String> csp = csp(page);
    if (csp.isEmpty()) {
      out.add(finding(CSP_MISSING, host, "", missing("Content-Security-Policy", page.url())));
    } else {
      for (String problem : unsafe(csp.get())) {
        out.add(finding(
            CSP_UNSAFE, host, problem, Evidence.verbatim("Content-Security-Policy: " + csp.get())));
      }
    }
    boolean frameAncestors =
        csp.map(c -> directive(c, "frame-ancestors").isPresent()).orElse(false);
    if (page.first("X-Frame-Options").isEmpty() && !frameAncestors) {
      out.add(
          finding(FRAME_MISSING, host, "", Evidence.of("http.frame.missing", "url", page.url())));
    }
    if (!page.first("X-Content-Type-Options")
        .map(v -> v.strip().equalsIgnoreCase("nosniff"))
        .orElse(false)) {
      out.add(finding(
          NOSNIFF_MISSING, host, "", Evidence.of("http.nosniff.missing", "url", page.url())));
    }
    if (page.first("Referrer-Policy").isEmpty()) {
      out.add(finding(REFERRER_MISSING, host, "", missing("Referrer-Policy", page.url())));
    }
    return out;
  }

  private static Evidence missing(String header, String url) {
    return Evidence.of("http.header.missing", "header", header, "url", url);
  }

  private static long parse(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException tooBig) {
      return Long.MAX_VALUE;
    }
  }

  /** The enforced policy; several headers are joined (each must be satisfied). */
  static Optional<String> csp(Hop page) {
    List<String> values = page.values("Content-Security-Policy");
    return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
  }

  static Optional<String> directive(String policy, String name) {
    for (String part : policy.split("[;,]")) {
      String p = part.strip();
      String lower = p.toLowerCase(Locale.ROOT);
      if (lower.equals(name) || lower.startsWith(name + " ")) {
        return Optional.of(p.substring(name.length()).strip());
      }
    }
    return Optional.empty();
  }

  /**
   * What makes a policy unable to stop injected script: unsafe-inline without a nonce or hash,
   * unsafe-eval, or a wildcard/scheme source for scripts.
   */
  static List<String> unsafe(String policy) {
    Optional<String> scripts = directive(policy, "script-src");
    if (scripts.isEmpty()) {
      scripts = directive(policy, "default-src");
    }
    List<String> problems = new ArrayList<>();
    if (scripts.isEmpty()) {
      problems.add("script-src missing");
      return problems;
    }
    List<String> sources = List.of(scripts.get().toLowerCase(Locale.ROOT).split("\\s+"));
    boolean nonceOrHash =
        sources.stream().anyMatch(s -> s.startsWith("'nonce-") || s.startsWith("'sha"));
    if (sources.contains("'unsafe-inline'") && !nonceOrHash) {
      problems.add("'unsafe-inline'");
    }
    if (sources.contains("'unsafe-eval'")) {
      problems.add("'unsafe-eval'");
    }
    for (String wide : List.of("*", "http:", "https:", "data:")) {
      if (sources.contains(wide)) {
        problems.add("script source " + wide);
      }
    }
    return problems;
  }

  /** Raised and cleared by the home page's headers. */
  @Override
  public Question question(Finding f) {
    return Question.web(f.asset());
  }
}
