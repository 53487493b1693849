package fr.vigie.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {

  @ParameterizedTest
  @CsvSource({
    "mairie-exemple.fr, mairie-exemple.fr",
    "MAIRIE-Exemple.FR, mairie-exemple.fr",
    "mairie-exemple.fr., mairie-exemple.fr",
    "'  www.montargis.fr  ', www.montargis.fr",
    "https://www.montargis.fr/contact?x=1#top, www.montargis.fr",
    "http://www.montargis.fr:8080, www.montargis.fr",
    "www.montargis.fr:443, www.montargis.fr",
    "https://user@www.montargis.fr/, www.montargis.fr",
    "évry.fr, xn--vry-9la.fr",
    "https://www.Bréval-les-Bains.fr/, www.xn--brval-les-bains-cnb.fr",
    "saint-étienne.fr, xn--saint-tienne-geb.fr",
    "xn--vry-9la.fr, xn--vry-9la.fr"
  })
  void shouldNormaliseWhatUsersAndInventoriesWrite(String raw, String expected) throws Exception {
    assertThat(DomainNames.normalise(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "localhost",
        "203.0.113.7",
        "[2001:db8::1]",
        "2001:db8::1",
        "exemple..fr",
        "-exemple.fr",
        "exemple-.fr",
        "exe mple.fr",
        "exemple.fr:http",
        "exemple.123",
        "http://"
      })
  void shouldRefuseWhatIsNotADomain(String raw) {
    assertThatThrownBy(() -> DomainNames.normalise(raw)).isInstanceOf(InvalidTargetException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "www.montargis.fr, montargis.fr",
    "montargis.fr, montargis.fr",
    "a.b.c.chalonsursaone.fr, chalonsursaone.fr",
    "www.ville.gouv.fr, ville.gouv.fr",
    "www.commune.re, commune.re",
    "www.mairie.test, mairie.test",
    "www.xn--vry-9la.fr, xn--vry-9la.fr"
  })
  void shouldFindTheRegistrableDomainFromThePublicSuffixList(String name, String expected)
      throws Exception {
    assertThat(DomainNames.registrableDomain(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gouv.fr", "fr", "co.uk"})
  void shouldRefuseAPublicSuffixAsADomain(String name) {
    assertThatThrownBy(() -> DomainNames.registrableDomain(name))
        .isInstanceOf(InvalidTargetException.class)
        .hasMessageContaining("public suffix");
  }

  @org.junit.jupiter.api.Test
  void shouldKeepScopeToRegistrableDomains() {
    Scope scope = Scope.of(
        new Commune("45208", "Montargis", List.of("www.montargis.fr", "montargis-agglo.fr")));

    assertThat(scope.domains()).containsExactly("montargis.fr", "montargis-agglo.fr");
    assertThat(scope.contains("webmail.montargis.fr")).isTrue();
    assertThat(scope.contains("montargis.fr.")).isTrue();
    assertThat(scope.contains("notmontargis.fr")).isFalse();
    assertThat(scope.contains("mx1.ovh.net")).isFalse();
  }

  @org.junit.jupiter.api.Test
  void shouldKeepASiteOnASharedPlatformToItsOwnName() {
    Scope scope = Scope.of(
        new Commune("53001", "Ahuillé", List.of("ahuille.mairie53.fr", "mairie-ahuille.fr")));

    assertThat(scope.domains()).containsExactly("ahuille.mairie53.fr", "mairie-ahuille.fr");
    assertThat(scope.isHosted("ahuille.mairie53.fr")).isTrue();
    assertThat(scope.isHosted("mairie-ahuille.fr")).isFalse();
    assertThat(scope.contains("www.ahuille.mairie53.fr")).isTrue();
    assertThat(scope.contains("argentre.mairie53.fr")).isFalse();
    assertThat(scope.contains("mairie53.fr")).isFalse();
  }

  @Test
  void shouldShowTheNamesOfATextInUnicodeAndLeaveTheRestAlone() {
    assertThat(
            DomainNames.namesToUnicode(
                "www.xn--brval-les-bains-cnb.test ne figure pas parmi les noms (CN=xn--brval-les-bains-cnb.test)"))
        .isEqualTo(
            "www.bréval-les-bains.test ne figure pas parmi les noms (CN=bréval-les-bains.test)");
    assertThat(DomainNames.namesToUnicode("Server: nginx/1.2 xn--"))
        .isEqualTo("Server: nginx/1.2 xn--");
    assertThat(DomainNames.namesToUnicode("mairie-exemple.fr")).isEqualTo("mairie-exemple.fr");
    assertThat(DomainNames.namesToUnicode(null)).isNull();
  }
}
