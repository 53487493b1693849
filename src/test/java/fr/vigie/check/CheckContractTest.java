package fr.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every registered check: a valid unique id, and a complete catalogue entry in both languages. */
class CheckContractTest {

  static Stream<String> ids() {
    return Checks.all(
            java.time.Clock.systemUTC(), fr.vigie.check.tls.TrustAnchors.of(java.util.List.of()))
        .list()
        .stream()
        .flatMap(c -> c.ids().stream());
  }

  @Test
  void shouldHaveUniqueIds() {
    List<String> ids = ids().toList();

    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void shouldHaveAnIdOfAKnownFamily(String id) {
    assertThat(id).matches(CheckCatalogue.ID_PATTERN);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void shouldHaveTitlesRemediationAndReferenceInTheCatalogue(String id) {
    CheckCatalogue.Entry entry = CheckCatalogue.builtIn()
        .find(id)
        .orElseThrow(() -> new AssertionError(id + " is missing from catalogue.yaml"));

    assertThat(entry.titleFr()).isNotBlank().isNotEqualTo(entry.titleEn());
    assertThat(entry.titleEn()).isNotBlank();
    assertThat(entry.remediationFr()).hasSizeGreaterThan(60);
    assertThat(entry.remediationEn()).hasSizeGreaterThan(60);
    assertThat(entry.reference()).startsWith("https://");
  }

  @Test
  void shouldListOnlyRegisteredChecksInTheCatalogue() {
    Set<String> registered = new HashSet<>(ids().toList());

    assertThat(CheckCatalogue.builtIn().entries().keySet()).allMatch(registered::contains);
  }
}
