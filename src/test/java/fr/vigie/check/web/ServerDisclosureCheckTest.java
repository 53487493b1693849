package fr.vigie.check.web;

import static fr.vigie.check.WebFixtures.site;
import static fr.vigie.check.WebFixtures.withHeader;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.WebObservation;
import java.util.List;

class ServerDisclosureCheckTest extends CheckContract<WebObservation> {

  private static final String HOST = "www.mairie.fr";

  @Override
  protected Check<WebObservation> check() {
    return new ServerDisclosureCheck();
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    return List.of(
        new Example<>(
            ServerDisclosureCheck.ID,
            site(HOST, withHeader("Server", "Apache/2.4.29 (Ubuntu)")),
            site(HOST, withHeader("Server", "Apache"))),
        new Example<>(
            ServerDisclosureCheck.ID,
            site(HOST, withHeader("X-Powered-By", "PHP/7.2.24")),
            site(HOST, withHeader("Server", "Microsoft-IIS"))));
  }
}
