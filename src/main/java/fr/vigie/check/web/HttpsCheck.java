package fr.vigie.check.web;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.WebObservation;
import java.util.List;
import java.util.Locale;

/**
 * HTTPS at all, and HTTP sent to it: a site only over HTTP ({@code http.https.missing}: HTTPS
 * does not answer, or answers only with an error such as a shared host's default site), or
 * reachable over HTTPS but not redirecting HTTP visitors there ({@code http.redirect.missing}).
 */
public final class HttpsCheck extends BaseCheck<WebObservation> {

  public static final String MISSING = "http.https.missing";
  public static final String REDIRECT = "http.redirect.missing";

  public HttpsCheck() {
    super(WebObservation.class, MISSING, REDIRECT);
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    if (!w.http().answered()) {
      return List.of();
    }
    // HTTPS that gave no answer in time says nothing: only a refusal, plain HTTP on 443 or no TLS
    // at all show that the site has no HTTPS.
    boolean silent = !w.https().answered() && w.https().end() == HttpObservation.End.TIMEOUT;
    if (!silent && !WebFacts.httpsServes(w)) {
      Evidence evidence = Evidence.of(
          "http.answers",
          "http",
          WebFacts.describe(w.http()),
          "https",
          WebFacts.describe(w.https()));
      return List.of(finding(MISSING, w.host(), "", evidence));
    }
    for (Hop hop : w.http().hops()) {
      String location = hop.first("Location").orElse("").toLowerCase(Locale.ROOT);
      if (hop.url().startsWith("https:") || location.startsWith("https:")) {
        return List.of();
      }
    }
    return List.of(finding(REDIRECT, w.host(), "", WebFacts.describe(w.http())));
  }

  /** Raised and cleared by the home page over HTTP and HTTPS. */
  @Override
  public Question question(Finding f) {
    return Question.web(f.asset());
  }
}
