package fr.vigie.check.web;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.WebObservation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cookie attributes (RFC 6265 §4.1.2, draft rfc6265bis): cookies set over HTTPS without
 * {@code Secure} travel in clear on any HTTP request; session cookies without {@code HttpOnly}
 * are readable by injected script; without {@code SameSite} a cookie rides on cross-site
 * requests. One finding per cookie name and problem.
 */
public final class CookieCheck extends BaseCheck<WebObservation> {

  public static final String SECURE = "http.cookie.secure-missing";
  public static final String HTTPONLY = "http.cookie.httponly-missing";
  public static final String SAMESITE = "http.cookie.samesite-missing";

  /** Names that carry a session or an authentication. */
  static final Pattern SESSION = Pattern.compile(
      "(?i).*(sess|sid|session|auth|token|login|logged_in|jsessionid|phpsessid|asp\\.net_sessionid|remember|csrf|xsrf).*");

  public CookieCheck() {
    super(WebObservation.class, SECURE, HTTPONLY, SAMESITE);
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    // A cookie set on several hops is judged once, by its first Set-Cookie over HTTPS.
    Map<String, String> cookies = new LinkedHashMap<>();
    for (Hop hop : WebFacts.httpsHops(w)) {
      for (String header : hop.values("Set-Cookie")) {
        int eq = header.indexOf('=');
        if (eq > 0) {
          cookies.putIfAbsent(header.substring(0, eq).strip(), header);
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, String> c : cookies.entrySet()) {
      String name = c.getKey();
      List<String> attributes = attributes(c.getValue());
      Evidence evidence = Evidence.verbatim("Set-Cookie: " + redactValue(c.getValue()));
      if (!attributes.contains("secure")) {
        out.add(finding(SECURE, w.host(), name, evidence));
      }
      if (SESSION.matcher(name).matches() && !attributes.contains("httponly")) {
        out.add(finding(HTTPONLY, w.host(), name, evidence));
      }
      if (attributes.stream().noneMatch(a -> a.startsWith("samesite"))) {
        out.add(finding(SAMESITE, w.host(), name, evidence));
      }
    }
    return out;
  }

  private static List<String> attributes(String header) {
    List<String> out = new ArrayList<>();
    String[] parts = header.split(";");
    for (int i = 1; i < parts.length; i++) {
      out.add(parts[i].strip().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** A session id in a report is a session handed over: keep the name and attributes only. */
  static String redactValue(String header) {
    int eq = header.indexOf('=');
    int semi = header.indexOf(';');
    String rest = semi < 0 ? "" : header.substring(semi);
    return header.substring(0, eq + 1) + "…" + rest;
  }

  /** Raised and cleared by the home page's cookies. */
  @Override
  public Question question(Finding f) {
    return Question.web(f.asset());
  }
}
