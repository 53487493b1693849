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

  static Stream<Check<?>> checks() {
    return Checks.all().list().stream();
  }

  @Test
  void shouldHaveUniqueIds() {
    List<String> ids = checks().map(Check::id).toList();

    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
  }

  @ParameterizedTest
  @MethodSource("checks")
  void shouldHaveAnIdOfAKnownFamily(Check<?> check) {
    assertThat(check.id()).matches(CheckCatalogue.ID_PATTERN);
  }

  @ParameterizedTest
  @MethodSource("checks")
  void shouldHaveTitlesRemediationAndReferenceInTheCatalogue(Check<?> check) {
    CheckCatalogue.Entry entry = CheckCatalogue.builtIn().find(check.id()).orElseThrow(
        () -> new AssertionError(check.id() + " is missing from catalogue.yaml"));

    assertThat(entry.titleFr()).isNotBlank().isNotEqualTo(entry.titleEn());
    assertThat(entry.titleEn()).isNotBlank();
    assertThat(entry.remediationFr()).hasSizeGreaterThan(60);
    assertThat(entry.remediationEn()).hasSizeGreaterThan(60);
    assertThat(entry.reference()).startsWith("https://");
  }

  @Test
  void shouldListOnlyRegisteredChecksInTheCatalogue() {
    Set<String> registered = new HashSet<>(checks().map(Check::id).toList());

    assertThat(CheckCatalogue.builtIn().entries().keySet()).allMatch(registered::contains);
  }
}
