package fr.vigie.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.UserInputException;
import fr.vigie.fingerprint.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindTest {

  private static ScanReport.TechReport tech(String name, String version, String precision) {
    return new ScanReport.TechReport(name, version, precision, null, "cms", 100, List.of(), null);
  }

  @Test
  void shouldReadANameAndAnOptionalComparison() {
    assertThat(Find.Tech.parse("Roundcube")).isEqualTo(new Find.Tech("Roundcube", null, null));
    assertThat(Find.Tech.parse(" WordPress < 6.4 "))
        .isEqualTo(new Find.Tech("WordPress", "<", Version.of("6.4")));
    assertThat(Find.Tech.parse("nginx>=1.25.3").op()).isEqualTo(">=");
    assertThat(Find.Tech.parse("RD Web Access").name()).isEqualTo("RD Web Access");
    assertThatThrownBy(() -> Find.Tech.parse("WordPress<<6"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("--tech 'WordPress<<6'");
    assertThatThrownBy(() -> Find.Tech.parse("WordPress<")).isInstanceOf(UserInputException.class);
  }

  @Test
  void shouldMatchNamesWhateverTheirCaseAndSpaces() {
    assertThat(Find.Tech.parse("rd-web access").names(tech("RD Web Access", null, "unknown")))
        .isTrue();
    assertThat(Find.Tech.parse("WordPress").names(tech("WooCommerce", "8.0", "exact")))
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    // version, precision, question, answer
    "6.1.9, exact, WordPress<6.4, YES",
    "6.4, exact, WordPress<6.4, NO",
    "6.4.0, exact, WordPress<=6.4, YES",
    "6.5.2, exact, WordPress>6.4, YES",
    "6.5.2, exact, WordPress!=6.5.2, NO",
    // The version the site does not say is never a "no".
    ", unknown, WordPress<6.4, MAYBE",
    // A branch: all of it below, all of it above, or across the bound.
    "5, branch, WordPress<6.4, YES",
    "7, branch, WordPress<6.4, NO",
    "6, branch, WordPress<6.4, MAYBE",
    "10, branch, Drupal>=10, YES",
    "10, branch, Drupal<10, NO",
    "10, branch, Drupal=10, MAYBE",
    "10, branch, Drupal<11, YES"
  })
  void shouldAnswerVersionQuestionsWithoutClaimingWhatTheScanDidNotSee(
      String version, String precision, String question, Find.Match expected) {
    ScanReport.TechReport t = tech("WordPress", version, precision);
    assertThat(Find.match(t, Find.Tech.parse(question), false)).isEqualTo(expected);
  }

  @Test
  void shouldSayToVerifyForADistributionBuildThatMayCarryTheFix() {
    ScanReport.TechReport t = tech("Roundcube", "1.6.5", "exact");
    assertThat(Find.match(t, Find.Tech.parse("Roundcube<1.6.11"), true))
        .isEqualTo(Find.Match.MAYBE);
    assertThat(Find.match(t, Find.Tech.parse("Roundcube<1.6.11"), false)).isEqualTo(Find.Match.YES);
    assertThat(Find.match(t, Find.Tech.parse("Roundcube>1.7"), true)).isEqualTo(Find.Match.NO);
  }

  @Test
  void shouldTakeACheckOrItsFamily() {
    assertThat(Find.checkMatches("exposure.git", "exposure.git")).isTrue();
    assertThat(Find.checkMatches("exposure.git", "exposure")).isTrue();
    assertThat(Find.checkMatches("exposure.git", "exposure.*")).isTrue();
    assertThat(Find.checkMatches("exposure.gitlab", "exposure.git")).isFalse();
    assertThat(Find.checkMatches("tech.vulnerable", "exposure")).isFalse();
  }
}
