package fr.vigie.check.web;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.WebObservation;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 9116: a {@code /.well-known/security.txt} with a {@code Contact:} and an {@code Expires:}
 * in the future tells whoever finds a flaw where to report it. Said for the commune's main
 * site (the domain itself and {@code www.}), not for every host.
 */
public final class SecurityTxtCheck extends BaseCheck<WebObservation> {

  public static final String ID = "http.security-txt.missing";

  /** Where a site publishes its security contact (RFC 9116 §3). */
  public static final String PATH = "/.well-known/security.txt";

  private static final Pattern CONTACT = Pattern.compile("(?im)^\\s*Contact\\s*:\\s*\\S+");
  private static final Pattern EXPIRES = Pattern.compile("(?im)^\\s*Expires\\s*:\\s*(\\S+)");

  private final Clock clock;

  public SecurityTxtCheck(Clock clock) {
    super(WebObservation.class, ID);
    this.clock = clock;
  }

  @Override
  public List<String> paths(String host, String registrableDomain) {
    return List.of(PATH);
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    // The main site is the domain or www., and only the one of them that serves the page.
    boolean mainSite =
        (w.host().equals(w.registrableDomain()) || w.host().equals("www." + w.registrableDomain()))
            && WebFacts.page(w).isPresent();
    Optional<PathResult> found = w.path(PATH);
    if (!mainSite || found.isEmpty() || found.get().status() == 0) {
      return List.of();
    }
    PathResult txt = found.get();
    String url = w.origin() + PATH;
    if (!txt.isSuccess() || txt.isHtml()) {
      return List.of(finding(
          w,
          "absent",
          Evidence.of(
              txt.isHtml() ? "http.security-txt.html" : "http.security-txt.absent",
              "url",
              url,
              "status",
              txt.status())));
    }
    String body = txt.excerpt();
    if (!CONTACT.matcher(body).find()) {
      return List.of(finding(
          w, "invalid", Evidence.of("http.security-txt.no-field", "url", url, "field", "Contact")));
    }
    Matcher expires = EXPIRES.matcher(body);
    if (!expires.find()) {
      return List.of(finding(
          w, "invalid", Evidence.of("http.security-txt.no-field", "url", url, "field", "Expires")));
    }
    try {
      OffsetDateTime when = OffsetDateTime.parse(expires.group(1));
      if (!when.toInstant().isAfter(clock.instant())) {
        return List.of(finding(
            w,
            "expired",
            Evidence.of("http.security-txt.expired", "url", url, "date", expires.group(1))));
      }
    } catch (DateTimeParseException e) {
      return List.of(finding(
          w,
          "invalid",
          Evidence.of("http.security-txt.bad-date", "url", url, "date", expires.group(1))));
    }
    return List.of();
  }

  private Finding finding(WebObservation w, String subject, Evidence evidence) {
    return finding(ID, w.host(), subject, evidence);
  }

  /** Raised and cleared by the request for /.well-known/security.txt. */
  @Override
  public Question question(Finding f) {
    return Question.path(f.asset(), PATH);
  }
}
