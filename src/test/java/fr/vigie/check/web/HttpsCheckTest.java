package fr.vigie.check.web;

import static fr.vigie.check.WebFixtures.GOOD_HEADERS;
import static fr.vigie.check.WebFixtures.failed;
import static fr.vigie.check.WebFixtures.good;
import static fr.vigie.check.WebFixtures.hop;
import static fr.vigie.check.WebFixtures.ok;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.WebObservation;
import java.util.List;

class HttpsCheckTest extends CheckContract<WebObservation> {

  private static final String HOST = "www.mairie.fr";

  @Override
  protected Check<WebObservation> check() {
    return new HttpsCheck();
  }

  private static WebObservation clear(HttpObservation https) {
    return new WebObservation(
        HOST,
        "mairie.fr",
        ok(HOST, "http", hop("http://" + HOST + "/", 200)),
        https,
        "http://" + HOST,
        List.of(),
        List.of());
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    return List.of(
        new Example<>(HttpsCheck.MISSING, clear(failed(HOST, "https", End.REFUSED)), good(HOST)),
        // Silence on 443 proves nothing.
        new Example<>(
            HttpsCheck.MISSING,
            clear(failed(HOST, "https", End.TLS_FAILED)),
            clear(failed(HOST, "https", End.TIMEOUT))),
        new Example<>(
            HttpsCheck.REDIRECT,
            clear(ok(HOST, "https", hop("https://" + HOST + "/", 200, GOOD_HEADERS))),
            good(HOST)));
  }
}
