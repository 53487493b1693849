package fr.vigie.check.web;

import static fr.vigie.check.WebFixtures.good;
import static fr.vigie.check.WebFixtures.site;
import static fr.vigie.check.WebFixtures.withHeader;
import static fr.vigie.check.WebFixtures.withoutHeader;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.WebObservation;
import java.util.ArrayList;
import java.util.List;

class SecurityHeadersCheckTest extends CheckContract<WebObservation> {

  private static final String HOST = "www.mairie.fr";

  @Override
  protected Check<WebObservation> check() {
    return new SecurityHeadersCheck();
  }

  private static WebObservation without(String header) {
    return site(HOST, withoutHeader(header));
  }

  private static WebObservation with(String header, String value) {
    return site(HOST, withHeader(header, value));
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    WebObservation good = good(HOST);
    return List.of(
        new Example<>(
            SecurityHeadersCheck.HSTS_MISSING, without("Strict-Transport-Security"), good),
        new Example<>(
            SecurityHeadersCheck.HSTS_WEAK,
            with("Strict-Transport-Security", "max-age=86400"),
            with("Strict-Transport-Security", "max-age=15552000")),
        new Example<>(SecurityHeadersCheck.CSP_MISSING, without("Content-Security-Policy"), good),
        new Example<>(
            SecurityHeadersCheck.CSP_UNSAFE,
            with(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'"),
            with(
                "Content-Security-Policy",
                "script-src 'self' 'nonce-abc' 'unsafe-inline'; frame-ancestors 'self'")),
        // Framing forbidden by CSP frame-ancestors alone is enough.
        new Example<>(SecurityHeadersCheck.FRAME_MISSING, noFraming(), without("X-Frame-Options")),
        new Example<>(
            SecurityHeadersCheck.NOSNIFF_MISSING, without("X-Content-Type-Options"), good),
        new Example<>(SecurityHeadersCheck.REFERRER_MISSING, without("Referrer-Policy"), good));
  }

  /** Neither X-Frame-Options nor CSP frame-ancestors. */
  private static WebObservation noFraming() {
    List<String> h =
        new ArrayList<>(List.of(withHeader("Content-Security-Policy", "default-src 'self'")));
    int i = h.indexOf("X-Frame-Options");
    h.remove(i);
    h.remove(i);
    return site(HOST, h.toArray(String[]::new));
  }
}
