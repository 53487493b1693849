package fr.vigie.check.web;

import static fr.vigie.check.WebFixtures.good;
import static fr.vigie.check.WebFixtures.path;
import static fr.vigie.check.WebFixtures.withPaths;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.WebObservation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

class SecurityTxtCheckTest extends CheckContract<WebObservation> {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);
  static final String VALID = "Contact: mailto:dsi@mairie.fr\nExpires: 2027-06-30T23:00:00Z\n";

  @Override
  protected Check<WebObservation> check() {
    return new SecurityTxtCheck(CLOCK);
  }

  static WebObservation served(String host, int status, String type, String body) {
    return withPaths(good(host), List.of(), path(SecurityTxtCheck.PATH, status, type, body));
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    return List.of(
        new Example<>(
            SecurityTxtCheck.ID,
            served("mairie.fr", 404, "text/html", "<html>introuvable</html>"),
            served("mairie.fr", 200, "text/plain", VALID)),
        new Example<>(
            SecurityTxtCheck.ID,
            served("mairie.fr", 200, "text/plain", VALID.replace("2027-06-30", "2025-01-01")),
            // Not the main site: nobody expects the file there.
            served("extranet.mairie.fr", 404, "text/html", "<html>introuvable</html>")));
  }
}
