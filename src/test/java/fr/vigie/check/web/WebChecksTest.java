package fr.vigie.check.web;

import static fr.vigie.check.WebFixtures.GOOD_HEADERS;
import static fr.vigie.check.WebFixtures.body;
import static fr.vigie.check.WebFixtures.failed;
import static fr.vigie.check.WebFixtures.good;
import static fr.vigie.check.WebFixtures.hop;
import static fr.vigie.check.WebFixtures.ok;
import static fr.vigie.check.WebFixtures.path;
import static fr.vigie.check.WebFixtures.site;
import static fr.vigie.check.WebFixtures.withPaths;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.WebFixtures;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.WebObservation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebChecksTest {

  private static final String HOST = "www.mairie.fr";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);

  private static List<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::check).toList();
  }

  private static String[] without(String header) {
    return WebFixtures.withoutHeader(header);
  }

  private static String[] with(String header, String value) {
    return WebFixtures.withHeader(header, value);
  }

  // --- a good site raises nothing

  @Test
  void shouldRaiseNothingOnAGoodSite() {
    WebObservation w = good(HOST);

    assertThat(new HttpsCheck().evaluate(w)).isEmpty();
    assertThat(new SecurityHeadersCheck().evaluate(w)).isEmpty();
    assertThat(new ServerDisclosureCheck().evaluate(w)).isEmpty();
    assertThat(new CookieCheck().evaluate(w)).isEmpty();
    assertThat(new MixedContentCheck().evaluate(w)).isEmpty();
    assertThat(HttpGrading.of(w, List.of()))
        .hasValueSatisfying(g -> assertThat(g.grade()).isEqualTo("A+"));
  }

  // --- http.https.missing / http.redirect.missing

  @Test
  void shouldRaiseHttpsMissingWhenOnlyHttpAnswers() {
    WebObservation w = new WebObservation(
        HOST,
        "mairie.fr",
        ok(HOST, "http", hop("http://" + HOST + "/", 200)),
        failed(HOST, "https", End.REFUSED),
        "http://" + HOST,
        List.of(),
        List.of());

    List<Finding> f = new HttpsCheck().evaluate(w);

    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.check()).isEqualTo("http.https.missing");
      assertThat(x.severity()).isEqualTo(Severity.HIGH);
      assertThat(x.evidence())
          .contains("http://www.mairie.fr/ → 200", "https://www.mairie.fr/: connection refused");
    });
    assertThat(HttpGrading.of(w, f))
        .hasValueSatisfying(g -> assertThat(g.grade()).isEqualTo("F"));
  }

  @Test
  void shouldNotCallHttpsMissingWhenPort443OnlyTimedOut() {
    WebObservation w = new WebObservation(
        HOST,
        "mairie.fr",
        ok(HOST, "http", hop("http://" + HOST + "/", 200)),
        failed(HOST, "https", End.TIMEOUT),
        "http://" + HOST,
        List.of(),
        List.of());

    assertThat(ids(new HttpsCheck().evaluate(w)))
        .as("silence on 443 proves nothing; the missing redirect is still seen")
        .containsExactly("http.redirect.missing");
    WebObservation noTls = new WebObservation(
        HOST,
        "mairie.fr",
        ok(HOST, "http", hop("http://" + HOST + "/", 200)),
        failed(HOST, "https", End.TLS_FAILED),
        "http://" + HOST,
        List.of(),
        List.of());
    assertThat(ids(new HttpsCheck().evaluate(noTls))).containsExactly("http.https.missing");
  }

  @Test
  void shouldRaiseRedirectMissingWhenHttpStaysInClear() {
    WebObservation w = new WebObservation(
        HOST,
        "mairie.fr",
        ok(HOST, "http", hop("http://" + HOST + "/", 200)),
        ok(HOST, "https", hop("https://" + HOST + "/", 200, GOOD_HEADERS)),
        "https://" + HOST,
        List.of(),
        List.of());

    assertThat(ids(new HttpsCheck().evaluate(w))).containsExactly("http.redirect.missing");
  }

  @Test
  void shouldAcceptARedirectToHttpsElsewhereAndSayNothingWithoutAnyWebServer() {
    WebObservation toProvider = new WebObservation(
        HOST,
        "mairie.fr",
        new HttpObservation(
            HOST,
            "http",
            List.of(
                hop("http://" + HOST + "/", 302, "Location", "https://mairie.cms-prestataire.fr/")),
            End.OUT_OF_SCOPE,
            null,
            null,
            List.of()),
        ok(HOST, "https", hop("https://" + HOST + "/", 200)),
        "https://" + HOST,
        List.of(),
        List.of());
    WebObservation nothing = new WebObservation(
        "mail.mairie.fr",
        "mairie.fr",
        failed("mail.mairie.fr", "http", End.REFUSED),
        failed("mail.mairie.fr", "https", End.REFUSED),
        null,
        List.of(),
        List.of());

    assertThat(new HttpsCheck().evaluate(toProvider)).isEmpty();
    assertThat(new HttpsCheck().evaluate(nothing)).isEmpty();
    assertThat(new SecurityHeadersCheck().evaluate(nothing)).isEmpty();
    assertThat(HttpGrading.of(nothing, List.of())).isEmpty();
  }

  // --- headers

  @Test
  void shouldRaiseHstsMissingAndWeak() {
    assertThat(ids(
            new SecurityHeadersCheck().evaluate(site(HOST, without("Strict-Transport-Security")))))
        .containsExactly("http.hsts.missing");
    assertThat(new SecurityHeadersCheck()
            .evaluate(site(HOST, with("Strict-Transport-Security", "max-age=86400"))))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.check()).isEqualTo("http.hsts.weak");
          assertThat(f.evidence()).isEqualTo("Strict-Transport-Security: max-age=86400");
        });
    assertThat(new SecurityHeadersCheck()
            .evaluate(site(HOST, with("Strict-Transport-Security", "max-age=15552000"))))
        .isEmpty();
  }

  @Test
  void shouldNotAskForHstsOnAnHttpOnlySite() {
    WebObservation w = new WebObservation(
        HOST,
        "mairie.fr",
        ok(HOST, "http", hop("http://" + HOST + "/", 200, without("Strict-Transport-Security"))),
        failed(HOST, "https", End.REFUSED),
        "http://" + HOST,
        List.of(),
        List.of());

    assertThat(ids(new SecurityHeadersCheck().evaluate(w))).doesNotContain("http.hsts.missing");
  }

  @Test
  void shouldRaiseCspMissingAndUnsafe() {
    assertThat(ids(
            new SecurityHeadersCheck().evaluate(site(HOST, without("Content-Security-Policy")))))
        .contains("http.csp.missing");
    assertThat(
            new SecurityHeadersCheck()
                .evaluate(
                    site(
                        HOST,
                        with(
                            "Content-Security-Policy",
                            "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' https:; frame-ancestors 'none'"))))
        .extracting(Finding::check, Finding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http.csp.unsafe", "'unsafe-inline'"),
            org.assertj.core.groups.Tuple.tuple("http.csp.unsafe", "'unsafe-eval'"),
            org.assertj.core.groups.Tuple.tuple("http.csp.unsafe", "script source https:"));
  }

  @Test
  void shouldAcceptUnsafeInlineNeutralisedByANonce() {
    WebObservation w = site(
        HOST,
        with(
            "Content-Security-Policy",
            "script-src 'self' 'nonce-abc' 'unsafe-inline'; frame-ancestors 'self'"));

    assertThat(new SecurityHeadersCheck().evaluate(w)).isEmpty();
  }

  @Test
  void shouldRaiseFrameOptionsMissingOnlyWithoutXfoAndFrameAncestors() {
    String[] noXfo = with("Content-Security-Policy", "default-src 'self'");
    List<String> h = new ArrayList<>(Arrays.asList(noXfo));
    int i = h.indexOf("X-Frame-Options");
    h.remove(i);
    h.remove(i);

    assertThat(ids(new SecurityHeadersCheck().evaluate(site(HOST, h.toArray(String[]::new)))))
        .containsExactly("http.frame-options.missing");
    assertThat(new SecurityHeadersCheck().evaluate(site(HOST, without("X-Frame-Options"))))
        .isEmpty();
  }

  @Test
  void shouldRaiseNosniffAndReferrerPolicyMissing() {
    assertThat(new SecurityHeadersCheck().evaluate(site(HOST, without("X-Content-Type-Options"))))
        .extracting(Finding::check, Finding::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("http.nosniff.missing", Severity.LOW));
    assertThat(new SecurityHeadersCheck().evaluate(site(HOST, without("Referrer-Policy"))))
        .extracting(Finding::check, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("http.referrer-policy.missing", Severity.INFO));
  }

  // --- disclosure

  @Test
  void shouldRaiseVersionDisclosureOncePerHeader() {
    WebObservation w = site(HOST, with("Server", "Apache/2.4.29 (Ubuntu)"));
    WebObservation php = site(HOST, with("X-Powered-By", "PHP/7.2.24"));

    assertThat(new ServerDisclosureCheck().evaluate(w)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("server");
      assertThat(f.evidence()).isEqualTo("Server: Apache/2.4.29 (Ubuntu)");
    });
    assertThat(ids(new ServerDisclosureCheck().evaluate(php)))
        .containsExactly("http.server.version-disclosed");
    assertThat(new ServerDisclosureCheck().evaluate(site(HOST, with("Server", "Microsoft-IIS"))))
        .isEmpty();
  }

  // --- cookies

  @Test
  void shouldRaiseCookieProblemsPerCookieAndNeverShowItsValue() {
    WebObservation w = site(HOST, with("Set-Cookie", "PHPSESSID=s3cr3t-session; path=/"));

    List<Finding> f = new CookieCheck().evaluate(w);

    assertThat(f)
        .extracting(Finding::check)
        .containsExactly(
            "http.cookie.secure-missing",
            "http.cookie.httponly-missing",
            "http.cookie.samesite-missing");
    assertThat(f).allSatisfy(x -> {
      assertThat(x.subject()).isEqualTo("PHPSESSID");
      assertThat(x.evidence())
          .isEqualTo("Set-Cookie: PHPSESSID=…; path=/")
          .doesNotContain("s3cr3t");
    });
  }

  @Test
  void shouldAcceptAWellSetCookieAndNotAskHttpOnlyOfAPreferenceCookie() {
    assertThat(new CookieCheck()
            .evaluate(site(
                HOST, with("Set-Cookie", "PHPSESSID=x; Path=/; Secure; HttpOnly; SameSite=Lax"))))
        .isEmpty();
    assertThat(ids(new CookieCheck()
            .evaluate(site(HOST, with("Set-Cookie", "lang=fr; Secure; SameSite=Lax")))))
        .isEmpty();
  }

  // --- mixed content

  @Test
  void shouldRaiseMixedContentOnAnHttpsPageLoadingHttpResources() {
    WebObservation w = new WebObservation(
        HOST,
        "mairie.fr",
        good(HOST).http(),
        new HttpObservation(
            HOST,
            "https",
            List.of(hop("https://" + HOST + "/", 200, GOOD_HEADERS)),
            End.OK,
            null,
            body(
                "<html/>",
                List.of(
                    "script src http://cdn.exemple.fr/jquery.js",
                    "img src http://www.mairie.fr/logo.png")),
            List.of()),
        "https://" + HOST,
        List.of(),
        List.of());

    assertThat(new MixedContentCheck().evaluate(w)).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("http.mixed-content");
      assertThat(f.evidence())
          .startsWith("2 HTTP resources on https://www.mairie.fr/")
          .contains("http://cdn.exemple.fr/jquery.js");
    });
  }

  // --- security.txt

  @Test
  void shouldRaiseSecurityTxtMissingOnTheMainSiteOnly() {
    WebObservation absent = withPaths(
        good(HOST),
        List.of(),
        path(SecurityTxtCheck.PATH, 404, "text/html", "<html>introuvable</html>"));
    WebObservation otherHost = withPaths(
        good("extranet.mairie.fr"), List.of(), path(SecurityTxtCheck.PATH, 404, "text/html", "x"));

    assertThat(new SecurityTxtCheck(CLOCK).evaluate(absent)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("absent");
      assertThat(f.severity()).isEqualTo(Severity.INFO);
    });
    assertThat(new SecurityTxtCheck(CLOCK).evaluate(otherHost)).isEmpty();
  }

  @Test
  void shouldCheckSecurityTxtContactAndExpiry() {
    String valid = "Contact: mailto:dsi@mairie.fr\nExpires: 2027-06-30T23:00:00Z\n";
    String expired = "Contact: mailto:dsi@mairie.fr\nExpires: 2025-01-01T00:00:00Z\n";
    String noContact = "Expires: 2027-06-30T23:00:00Z\n";

    assertThat(new SecurityTxtCheck(CLOCK)
            .evaluate(withPaths(
                good(HOST), List.of(), path(SecurityTxtCheck.PATH, 200, "text/plain", valid))))
        .isEmpty();
    assertThat(new SecurityTxtCheck(CLOCK)
            .evaluate(withPaths(
                good(HOST), List.of(), path(SecurityTxtCheck.PATH, 200, "text/plain", expired))))
        .extracting(Finding::subject)
        .containsExactly("expired");
    assertThat(new SecurityTxtCheck(CLOCK)
            .evaluate(withPaths(
                good(HOST), List.of(), path(SecurityTxtCheck.PATH, 200, "text/plain", noContact))))
        .extracting(Finding::subject)
        .containsExactly("invalid");
  }

  // --- grade

  @Test
  void shouldGradeFromPenalties() {
    WebObservation w = site(HOST, "Server", "Apache");
    List<Finding> findings = new ArrayList<>(new SecurityHeadersCheck().evaluate(w));

    // CSP 25 + HSTS 20 + XFO 20 + nosniff 5 = 70 → 30
    assertThat(HttpGrading.of(w, findings)).hasValueSatisfying(g -> {
      assertThat(g.score()).isEqualTo(30);
      assertThat(g.grade()).isEqualTo("D");
      assertThat(g.penalties()).contains("http.csp.missing -25");
    });
    assertThat(HttpGrading.letter(95)).isEqualTo("A");
    assertThat(HttpGrading.letter(24)).isEqualTo("F");
  }
}
