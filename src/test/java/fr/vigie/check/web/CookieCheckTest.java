package fr.vigie.check.web;

import static fr.vigie.check.WebFixtures.site;
import static fr.vigie.check.WebFixtures.withHeader;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.WebObservation;
import java.util.List;

class CookieCheckTest extends CheckContract<WebObservation> {

  private static final String HOST = "www.mairie.fr";

  @Override
  protected Check<WebObservation> check() {
    return new CookieCheck();
  }

  private static WebObservation cookie(String setCookie) {
    return site(HOST, withHeader("Set-Cookie", setCookie));
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    return List.of(
        new Example<>(
            CookieCheck.SECURE,
            cookie("PHPSESSID=x; Path=/; HttpOnly; SameSite=Lax"),
            cookie("PHPSESSID=x; Path=/; Secure; HttpOnly; SameSite=Lax")),
        new Example<>(
            CookieCheck.HTTPONLY,
            cookie("PHPSESSID=x; Path=/; Secure; SameSite=Lax"),
            // A preference cookie is read by scripts: HttpOnly is not asked of it.
            cookie("lang=fr; Secure; SameSite=Lax")),
        new Example<>(
            CookieCheck.SAMESITE,
            cookie("PHPSESSID=x; Path=/; Secure; HttpOnly"),
            cookie("PHPSESSID=x; Path=/; Secure; HttpOnly; SameSite=Strict")));
  }
}
