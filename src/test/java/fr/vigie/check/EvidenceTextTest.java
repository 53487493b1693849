package fr.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.CheckCatalogue.Lang;
import fr.vigie.check.EvidenceText.Style;
import fr.vigie.model.Evidence;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EvidenceTextTest {

  private final EvidenceText texts = EvidenceText.builtIn();

  @Test
  void shouldSayAnExpiryInFrenchWithParisDatesAndFrenchNumbers() {
    Evidence e = Evidence.of("cert.expired", "date", "2024-01-14T22:59:59Z", "days", 1052);

    assertThat(texts.render(e, Style.of(Lang.FR)))
        .isEqualTo("a expiré le 14 janvier 2024 (il y a 1\u202f052 jours)");
    assertThat(texts.render(e, Style.of(Lang.EN)))
        .isEqualTo("expired on 14 January 2024 (1,052 days ago)");
    // The text stored for older readers keeps the values as the check gave them.
    assertThat(texts.english(e)).isEqualTo("expired on 2024-01-14T22:59:59Z (1052 days ago)");
  }

  @Test
  void shouldTellDatesInTheZoneAsked() {
    Evidence e = Evidence.of("cert.not-yet-valid", "date", "2027-01-01T23:30:00Z");

    assertThat(texts.render(e, Style.of(Lang.FR)))
        .isEqualTo("valide seulement à partir du 2 janvier 2027 à 00:30");
    assertThat(texts.render(e, new Style(Lang.EN, ZoneId.of("America/Cayenne"))))
        .isEqualTo("valid only from 1 January 2027, 20:30");
  }

  @Test
  void shouldChooseTheWordForTheCount() {
    assertThat(texts.render(
            Evidence.of("cert.expiring", "date", "2027-01-01T12:00:00Z", "days", 1),
            Style.of(Lang.FR)))
        .endsWith("(dans 1 jour)");
    assertThat(texts.render(
            Evidence.of("cert.expiring", "date", "2027-01-01T12:00:00Z", "days", 1),
            Style.of(Lang.EN)))
        .endsWith("(in 1 day)");
  }

  @Test
  void shouldRenderNestedPartsInTheSameLanguage() {
    Evidence e = Evidence.of(
        "dns.unresolvable",
        "a",
        Evidence.of("dns.answer.nxdomain"),
        "aaaa",
        Evidence.of("dns.answer.no-record"),
        "mx",
        Evidence.of("dns.answer.timeout"));

    assertThat(texts.render(e, Style.of(Lang.FR)))
        .isEqualTo("A : NXDOMAIN, AAAA : aucun enregistrement, MX : délai dépassé");
    assertThat(texts.render(e, Style.of(Lang.EN)))
        .isEqualTo("A: NXDOMAIN, AAAA: no record, MX: timeout");
  }

  @Test
  void shouldShowServerTextAsSentInEveryLanguage() {
    Evidence e = Evidence.verbatim("Server: Apache/2.4.57 (Debian)");

    assertThat(texts.render(e, Style.of(Lang.FR))).isEqualTo("Server: Apache/2.4.57 (Debian)");
    assertThat(texts.frame(e, Lang.FR)).isEqualTo("…");
  }

  /** Every template's example, in both languages: no placeholder left, no word of the other. */
  @TestFactory
  Stream<DynamicTest> shouldSayEveryTemplateInBothLanguagesWithoutTheOther() {
    List<DynamicTest> tests = new ArrayList<>();
    for (EvidenceText.Template t : texts.templates().values()) {
      tests.add(DynamicTest.dynamicTest(t.id(), () -> {
        assertThat(t.fr()).as("French text").isNotBlank();
        assertThat(t.en()).as("English text").isNotBlank();
        Evidence e = new Evidence(t.id(), t.example());
        for (Lang lang : Lang.values()) {
          String shown = texts.render(e, Style.of(lang));
          assertThat(shown).as(t.id() + " " + lang).doesNotContain("{").doesNotContain("}");
        }
        assertThat(Untranslated.englishIn(texts.frame(e, Lang.FR)))
            .as(t.id() + " in French: " + texts.frame(e, Lang.FR))
            .isEmpty();
        assertThat(Untranslated.frenchIn(texts.frame(e, Lang.EN)))
            .as(t.id() + " in English: " + texts.frame(e, Lang.EN))
            .isEmpty();
        assertThat(names(t.fr())).as(t.id() + ": the same values in both").isEqualTo(names(t.en()));
        assertThat(t.example().keySet())
            .as(t.id() + ": its example gives every value it names")
            .containsAll(names(t.fr()));
      }));
    }
    return tests.stream();
  }

  @Test
  void shouldReadBackWhatJsonKept() {
    Evidence e = Evidence.of(
        "tech.vulnerable",
        "label",
        "Roundcube 1.6.5",
        "cves",
        List.of(Evidence.of("tech.cve", "cve", "CVE-2024-37383", "what", "XSS", "advisory", "u")));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(e);

    assertThat(Evidence.fromJson(json)).isEqualTo(e);
    assertThat(Evidence.values(json.path("params"))).containsKey("cves");
    assertThat(Map.copyOf(e.params())).hasSize(2);
  }

  private static List<String> names(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("\\{(\\w+)").matcher(text);
    while (m.find()) {
      if (!out.contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
    out.sort(null);
    return out;
  }
}
