package fr.vigie.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.fingerprint.Rules.Signal;
import fr.vigie.fingerprint.Rules.Technology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The prefilter of the mark patterns: what it requires, every match must contain. */
class RequiredTextTest {

  /** Each regex (as written in a rule file) and the text every match of it contains. */
  static Stream<Arguments> regexes() {
    return Stream.of(
        Arguments.of("\\bjimdoData\\s*=", "jimdoData"),
        Arguments.of("(?:href|src|action)=\"(?:\\./)?spip\\.php\\?", "spip.php?"),
        Arguments.of("<script[^>]+class=\"joomla-script-options", "class=\"joomla-script-options"),
        Arguments.of(
            "themes/pmahomme/css/theme\\.css\\?v=(?<version>\\d+)",
            "themes/pmahomme/css/theme.css?v="),
        Arguments.of(
            "wp-includes/css/dashicons(?:\\.min)?\\.css\\?ver=", "wp-includes/css/dashicons"),
        Arguments.of("(?m)^Drupal (?<version>7\\.\\d+), \\d{4}", "Drupal "),
        Arguments.of("<title>phpMyAdmin\\s*</title>", "<title>phpMyAdmin"),
        Arguments.of("colou?r-scheme", "r-scheme"),
        Arguments.of("ab{0,2}cdef", "cdef"),
        Arguments.of("x[]ab]yzw", "yzw"),
        Arguments.of("(?i)wordpress", ""),
        Arguments.of("jimdo|wix", ""),
        Arguments.of("\\x41bcd", ""),
        Arguments.of("\\Qa.b\\E", ""),
        Arguments.of("ab", ""));
  }

  @ParameterizedTest(name = "{0} requires \"{1}\"")
  @MethodSource("regexes")
  void shouldFindTheLongestPlainTextEveryMatchHas(String regex, String expected) {
    assertThat(RequiredText.of(regex)).isEqualTo(expected);
    Pattern.compile(regex); // the fixtures are real patterns
  }

  @Test
  void shouldRequireNothingOfACaseInsensitivePattern() {
    assertThat(RequiredText.of(Pattern.compile("wordpress", Pattern.CASE_INSENSITIVE)))
        .isEmpty();
    assertThat(RequiredText.of(Pattern.compile("^wordpress", Pattern.MULTILINE)))
        .isEqualTo("wordpress");
  }

  /**
   * Over every captured page the testbed serves (real CMS home pages, logins, feeds, manifests):
   * each built-in pattern's matches contain its required text, and the prefilter passes over a
   * page only where the pattern finds nothing in it.
   */
  @Test
  void shouldNeverPassOverAPageTheBuiltInPatternsMatch() throws IOException {
    List<Pattern> patterns = new ArrayList<>();
    for (Technology t : Rules.builtIn().technologies()) {
      for (Signal s : t.signals()) {
        if (s.pattern() != null) {
          patterns.add(s.pattern());
        }
      }
    }
    List<String> pages;
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/fr/vigie/testbed/captures"))) {
      pages = files
          .filter(f -> f.toString().endsWith(".http"))
          .map(RequiredTextTest::read)
          .toList();
    }
    assertThat(pages).hasSizeGreaterThan(30);
    int matched = 0;
    int required = 0;
    for (Pattern p : patterns) {
      String text = RequiredText.of(p);
      required += text.isEmpty() ? 0 : 1;
      for (String page : pages) {
        Matcher m = p.matcher(page);
        while (m.find()) {
          matched++;
          assertThat(m.group()).as(p.pattern()).contains(text);
        }
      }
    }
    assertThat(matched).as("matches over the captures").isGreaterThan(30);
    assertThat(required).as("patterns with a required text").isGreaterThan(patterns.size() / 2);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
