package fr.vigie.report;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.store.ScanCommune;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What --commune may name, and the nearest communes when it names none. */
class CommuneQueryTest {

  private static final ScanCommune SAINT_ETIENNE =
      new ScanCommune(1, "42218", "42218", "Saint-Étienne", List.of("saint-etienne.fr"), "done");
  private static final ScanCommune CHALON = new ScanCommune(
      2, "71076", "71076", "Chalon-sur-Saône", List.of("chalonsursaone.fr"), "done");
  private static final ScanCommune ADHOC = new ScanCommune(
      3, "mairie-exemple.fr", null, "mairie-exemple.fr", List.of("mairie-exemple.fr"), "done");
  private static final ScanCommune IDN = new ScanCommune(
      4,
      "99001",
      "99001",
      "Lège-Cap-Ferret",
      List.of(java.net.IDN.toASCII("lège-cap-ferret.fr")),
      "done");

  @Test
  void shouldFindACommuneByItsInseeCodeNameOrDomain() {
    assertThat(CommuneQuery.matches("42218", SAINT_ETIENNE)).isTrue();
    assertThat(CommuneQuery.matches("saint etienne", SAINT_ETIENNE)).isTrue();
    assertThat(CommuneQuery.matches("SAINT-ÉTIENNE", SAINT_ETIENNE)).isTrue();
    assertThat(CommuneQuery.matches("Saint-Etienne.FR.", SAINT_ETIENNE)).isTrue();
    assertThat(CommuneQuery.matches("mairie-exemple.fr", ADHOC)).isTrue();
    assertThat(CommuneQuery.matches("lège-cap-ferret.fr", IDN)).isTrue();
    assertThat(CommuneQuery.matches("chalon-sur-saone", CHALON)).isTrue();
  }

  @Test
  void shouldNotTakeOneCommuneForAnother() {
    assertThat(CommuneQuery.matches("saint", SAINT_ETIENNE)).isFalse();
    assertThat(CommuneQuery.matches("71076", SAINT_ETIENNE)).isFalse();
    assertThat(CommuneQuery.matches("etienne.fr", SAINT_ETIENNE)).isFalse();
  }

  @Test
  void shouldListTheNearestWhenNoneMatches() {
    List<ScanCommune> all = List.of(SAINT_ETIENNE, CHALON, ADHOC, IDN);

    assertThat(CommuneQuery.nearest("chalon sur saon", all, 2))
        .extracting(ScanCommune::key)
        .first()
        .isEqualTo("71076");
    assertThat(CommuneQuery.nearest("st etienne", all, 1))
        .extracting(ScanCommune::key)
        .containsExactly("42218");
  }

  @Test
  void shouldFoldAccentsCaseAndSeparators() {
    assertThat(CommuneQuery.folded("L’Haÿ-les-Roses")).isEqualTo("l hay les roses");
    assertThat(CommuneQuery.levenshtein("chalon", "chalons")).isEqualTo(1);
  }
}
