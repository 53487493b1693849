package fr.vigie.check.web;

import fr.vigie.model.Finding;
import fr.vigie.model.HttpGrade;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.WebObservation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A host's HTTP grade, in the spirit of the MDN HTTP Observatory's scoring: start at 100,
 * subtract a penalty per weakness found by the web checks, add bonuses only when the score is
 * already 90 or more, then map to A+ … F. A site with no HTTPS at all gets F.
 *
 * <p>Penalties: CSP missing 25, CSP unsafe 20, HSTS missing 20, HSTS short 10, X-Frame-Options
 * missing 20, HTTP not redirected to HTTPS 20, a cookie without Secure 20, a session cookie
 * without HttpOnly 10, mixed content 20, nosniff missing 5. Bonuses: Referrer-Policy set 5, HSTS
 * with includeSubDomains 5, every cookie with SameSite 5.
 */
public final class HttpGrading {

  private HttpGrading() {}

  private static final Map<String, Integer> PENALTY = Map.of(
      SecurityHeadersCheck.CSP_MISSING, 25,
      SecurityHeadersCheck.CSP_UNSAFE, 20,
      SecurityHeadersCheck.HSTS_MISSING, 20,
      SecurityHeadersCheck.HSTS_WEAK, 10,
      SecurityHeadersCheck.FRAME_MISSING, 20,
      HttpsCheck.REDIRECT, 20,
      CookieCheck.SECURE, 20,
      CookieCheck.HTTPONLY, 10,
      MixedContentCheck.ID, 20,
      SecurityHeadersCheck.NOSNIFF_MISSING, 5);

  /** The grade of a host from its web observation and its findings; empty when no site answered. */
  public static Optional<HttpGrade> of(WebObservation w, List<Finding> findings) {
    if (!w.http().answered() && !w.https().answered()) {
      return Optional.empty();
    }
    Set<String> ids = new HashSet<>();
    for (Finding f : findings) {
      if (f.asset().equals(w.host())) {
        ids.add(f.check());
      }
    }
    if (ids.contains(HttpsCheck.MISSING)) {
      return Optional.of(new HttpGrade("F", 0, List.of(HttpsCheck.MISSING)));
    }
    if (WebFacts.page(w).isEmpty()) {
      return Optional.empty(); // redirects elsewhere, or no page: graded where the page is
    }
    int score = 100;
    List<String> penalties = new ArrayList<>();
    for (Map.Entry<String, Integer> p :
        PENALTY.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      if (ids.contains(p.getKey())) {
        score -= p.getValue();
        penalties.add(p.getKey() + " -" + p.getValue());
      }
    }
    if (score >= 90) {
      Optional<Hop> page = WebFacts.page(w);
      if (page.flatMap(h -> h.first("Referrer-Policy")).isPresent()) {
        score += 5;
      }
      if (page.flatMap(h -> h.first("Strict-Transport-Security"))
          .map(v -> v.toLowerCase(Locale.ROOT).contains("includesubdomains"))
          .orElse(false)) {
        score += 5;
      }
      boolean cookies =
          WebFacts.httpsHops(w).stream().anyMatch(h -> !h.values("Set-Cookie").isEmpty());
      if (cookies && !ids.contains(CookieCheck.SAMESITE)) {
        score += 5;
      }
    }
    score = Math.max(0, score);
    return Optional.of(new HttpGrade(letter(score), score, penalties));
  }

  static String letter(int score) {
    int[] floors = {100, 90, 85, 80, 70, 65, 60, 50, 45, 40, 30, 25};
    String[] grades = {"A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-"};
    for (int i = 0; i < floors.length; i++) {
      if (score >= floors[i]) {
        return grades[i];
      }
    }
    return "F";
  }
}
