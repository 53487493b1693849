package fr.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.model.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract every check's test extends, after ZAP's scan-rule tests: for each id the check
 * can raise, an observation that raises it and one that does not; the severity it raises is the
 * catalogue's (declared once); the check is registered. {@link CheckContractTest} makes sure
 * each registered check has such a test.
 *
 * @param <O> the observation type the check reads
 */
public abstract class CheckContract<O> {

  /**
   * One id's examples: {@code raises} must make the check raise {@code id}, {@code clean} must
   * not (it should be the nearest observation that does not: the same site with the header
   * set, the same zone with the record published).
   */
  public record Example<O>(String id, O raises, O clean) {}

  protected abstract Check<O> check();

  /** At least one example for each id of {@link Check#ids()}. */
  protected abstract List<Example<O>> examples();

  /**
   * Ids whose severity depends on the evidence (an expiry a week away is worse than one a month
   * away): the catalogue gives the usual one, and the check may say another.
   */
  protected Set<String> severityVaries() {
    return Set.of();
  }

  /**
   * The evidence is a template, rendered in French and in English; the words the templates add
   * (every value elided) belong to that language only.
   */
  static void saysItInBothLanguages(Finding f) {
    assertThat(f.data()).as(f.check() + ": evidence as a template, not text").isNotNull();
    EvidenceText texts = EvidenceText.builtIn();
    for (CheckCatalogue.Lang lang : CheckCatalogue.Lang.values()) {
      String shown = texts.render(f.data(), EvidenceText.Style.of(lang));
      assertThat(shown).as(f.check() + " in " + lang).isNotBlank();
      assertThat(texts.frame(f.data(), lang)).as(f.check() + " in " + lang).doesNotContain("{");
    }
    String fr = texts.frame(f.data(), CheckCatalogue.Lang.FR);
    String en = texts.frame(f.data(), CheckCatalogue.Lang.EN);
    assertThat(Untranslated.englishIn(fr)).as(f.check() + " in French: " + fr).isEmpty();
    assertThat(Untranslated.frenchIn(en)).as(f.check() + " in English: " + en).isEmpty();
    assertThat(texts.english(f.data())).isEqualTo(f.evidence());
  }

  @Test
  void shouldGiveAnExampleForEveryIdTheCheckRaises() {
    Set<String> covered = new LinkedHashSet<>();
    examples().forEach(e -> covered.add(e.id()));

    assertThat(covered)
        .as("ids with examples in " + getClass().getSimpleName())
        .containsExactlyInAnyOrderElementsOf(check().ids());
  }

  @TestFactory
  Stream<DynamicTest> shouldRaiseEachIdOnItsExampleOnlyWithTheCatalogueSeverity() {
    List<DynamicTest> tests = new ArrayList<>();
    int n = 0;
    for (Example<O> e : examples()) {
      n++;
      tests.add(DynamicTest.dynamicTest(e.id() + " #" + n + " raised", () -> {
        List<Finding> raised = ofId(check().evaluate(e.raises()), e.id());
        assertThat(raised).as(e.id() + " on its example").isNotEmpty();
        if (!severityVaries().contains(e.id())) {
          CheckCatalogue.Entry entry = CheckCatalogue.builtIn().find(e.id()).orElseThrow();
          assertThat(raised)
              .as(e.id() + ": severity declared in catalogue.yaml")
              .allSatisfy(f -> assertThat(f.severity()).isEqualTo(entry.severity()));
        }
        assertThat(raised).allSatisfy(f -> assertThat(f.evidence()).isNotBlank());
        assertThat(raised).allSatisfy(CheckContract::saysItInBothLanguages);
      }));
      tests.add(DynamicTest.dynamicTest(
          e.id() + " #" + n + " not raised",
          () -> assertThat(ofId(check().evaluate(e.clean()), e.id()))
              .as(e.id() + " on its clean example")
              .isEmpty()));
    }
    return tests.stream();
  }

  @Test
  void shouldBeRegistered() {
    assertThat(Checks.builtIn().list())
        .as("Checks.all lists " + check().getClass().getSimpleName())
        .anyMatch(c -> c.getClass().equals(check().getClass()));
  }

  private static List<Finding> ofId(List<Finding> findings, String id) {
    return findings.stream().filter(f -> f.check().equals(id)).toList();
  }
}
