package fr.vigie.check.web;

import static fr.vigie.check.WebFixtures.GOOD_HEADERS;
import static fr.vigie.check.WebFixtures.body;
import static fr.vigie.check.WebFixtures.good;
import static fr.vigie.check.WebFixtures.hop;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.WebObservation;
import java.util.List;

class MixedContentCheckTest extends CheckContract<WebObservation> {

  private static final String HOST = "www.mairie.fr";

  @Override
  protected Check<WebObservation> check() {
    return new MixedContentCheck();
  }

  private static WebObservation loading(List<String> insecure) {
    return new WebObservation(
        HOST,
        "mairie.fr",
        good(HOST).http(),
        new HttpObservation(
            HOST,
            "https",
            List.of(hop("https://" + HOST + "/", 200, GOOD_HEADERS)),
            End.OK,
            null,
            body("<html/>", insecure),
            List.of()),
        "https://" + HOST,
        List.of(),
        List.of());
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    return List.of(new Example<>(
        MixedContentCheck.ID,
        loading(List.of("script src http://cdn.exemple.fr/jquery.js")),
        loading(List.of())));
  }
}
