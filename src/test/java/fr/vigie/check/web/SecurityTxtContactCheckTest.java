package fr.vigie.check.web;

import static fr.vigie.check.web.SecurityTxtCheckTest.VALID;
import static fr.vigie.check.web.SecurityTxtCheckTest.served;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.WebObservation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityTxtContactCheckTest extends CheckContract<WebObservation> {

  @Override
  protected Check<WebObservation> check() {
    return new SecurityTxtContactCheck();
  }

  private static WebObservation contact(String value) {
    return served(
        "mairie.fr", 200, "text/plain", "Contact: " + value + "\nExpires: 2027-06-30T23:00:00Z\n");
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    return List.of(
        new Example<>(
            SecurityTxtContactCheck.ID,
            contact("dsi@mairie.fr"),
            served("mairie.fr", 200, "text/plain", VALID)),
        new Example<>(
            SecurityTxtContactCheck.ID,
            contact("http://www.mairie.fr/contact"),
            contact("https://www.mairie.fr/signaler-une-faille")),
        // No Contact at all is http.security-txt.missing's, and a 404 page says nothing.
        new Example<>(
            SecurityTxtContactCheck.ID,
            contact("06 12 34 56 78"),
            served("mairie.fr", 200, "text/plain", "Expires: 2027-06-30T23:00:00Z\n")),
        new Example<>(
            SecurityTxtContactCheck.ID,
            contact("dsi@mairie.fr"),
            served("mairie.fr", 404, "text/html", "<html>Contact: dsi@mairie.fr</html>")));
  }

  @Test
  void shouldAcceptEveryUriFormTheRfcGives() {
    assertThat(SecurityTxtContactCheck.usable("mailto:security@example.com")).isTrue();
    assertThat(SecurityTxtContactCheck.usable("tel:+33-1-23-45-67-89")).isTrue();
    assertThat(SecurityTxtContactCheck.usable("https://example.com/security-contact.html"))
        .isTrue();
    assertThat(SecurityTxtContactCheck.usable("MAILTO:DSI@MAIRIE.FR")).isTrue();
    assertThat(SecurityTxtContactCheck.usable("mailto:")).isFalse();
    assertThat(SecurityTxtContactCheck.usable("")).isFalse();
  }

  @Test
  void shouldNameEveryUnusableContactOnce() {
    WebObservation two = served(
        "mairie.fr",
        200,
        "text/plain",
        "Contact: dsi@mairie.fr\nContact: mailto:rssi@mairie.fr\nContact: 0123456789\n");

    assertThat(new SecurityTxtContactCheck().evaluate(two)).singleElement().satisfies(f -> {
      assertThat(f.asset()).isEqualTo("mairie.fr");
      assertThat(f.evidence())
          .endsWith("/.well-known/security.txt: Contact not a mailto:, tel: or https:// URI:"
              + " dsi@mairie.fr, 0123456789");
    });
  }
}
