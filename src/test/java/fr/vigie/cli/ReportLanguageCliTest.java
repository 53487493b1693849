package fr.vigie.cli;

import static fr.vigie.cli.CliTest.vigie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.check.Untranslated;
import fr.vigie.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person reads of the demo, through the real CLI, is in one language: the demo's own
 * output and progress, the terminal summary and its --details, Markdown and the HTML site, in
 * French by default and in English with --lang en. What servers sent (names, banners, versions,
 * the values inside evidence) is taken out first, from the JSON report's own fields: what
 * remains is vigie's words, which must all be in the report's language.
 */
class ReportLanguageCliTest {

  @TempDir
  static Path dir;

  private static Path db;
  private static CliTest.Run demo;
  private static List<String> data;

  @BeforeAll
  static void runTheDemo() throws Exception {
    db = dir.resolve("demo.db");
    demo =
        vigie("demo", "--db", db.toString(), "--output-dir", dir.resolve("demo").toString());
    assertThat(demo.code()).as(demo.err()).isEqualTo(ExitCodes.OK);
    JsonNode report = Json.MAPPER.readTree(dir.resolve("demo/report.json").toFile());
    Set<String> values = new LinkedHashSet<>();
    collect(report, null, values);
    // Longest first: a host name goes before the domain it contains.
    data = values.stream()
        .map(v -> v.replaceAll("\\s+", " ").strip())
        .filter(v -> v.length() > 1)
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  /** Keys whose values are vigie's words (checked), not data (taken out). */
  private static final Set<String> WORDS = Set.of(
      "title",
      "remediation",
      "evidence",
      "gradeReasons",
      "statusReason",
      "unknownReasonText",
      "suppression",
      "status",
      "severity",
      "previousSeverity",
      "reasons",
      "warnings");

  private static void collect(JsonNode node, String key, Set<String> out) {
    if (node.isTextual()) {
      if (key == null || !WORDS.contains(key)) {
        out.add(node.asText());
        // A host name is also shown in Unicode, and the parts of a banner on their own.
        out.add(fr.vigie.report.Words.asset(node.asText()));
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(e.getValue(), e.getKey(), out);
      }
    } else if (node.isArray()) {
      for (JsonNode n : node) {
        collect(n, key, out);
      }
    }
  }

  /** The text without what the servers sent and without check ids. */
  private static String words(String text) {
    // Lines wrapped at the terminal's width: one space, as in the values.
    String out = cutValues(text.replaceAll("\\s+", " "));
    for (String value : data) {
      if (out.contains(value)) {
        // Whole values only: a short one ("ns", "server") must not eat the inside of a word
        // or of a name (server-status).
        out = out.replaceAll(
            "(?<![\\p{L}\\p{N}.-])" + java.util.regex.Pattern.quote(value) + "(?![\\p{L}\\p{N}-])",
            " ");
      }
    }
    // Identifiers: addresses, check ids (exposure.git), settings (stub_status), directives and
    // header names
    // (upgrade-insecure-requests), key=value pairs (a cookie's path=/, nla=not-required).
    return out.replaceAll("https?://\\S+", " ")
        .replaceAll("(?U)\\b[\\p{L}\\p{N}_-]+(\\.[\\p{L}\\p{N}_-]+)+\\b", " ")
        .replaceAll("(?U)\\b\\w+_\\w+\\b", " ")
        .replaceAll("(?U)\\b[A-Za-z]+(-[A-Za-z]+)+\\b", " ")
        .replaceAll("(?U)\\b[A-Za-z-]+=\\S*", " ");
  }

  /** Values the report cut at a word boundary ("<html><head>… …"): their shown beginning. */
  private static String cutValues(String text) {
    StringBuilder out = new StringBuilder(text);
    for (String value : data) {
      if (value.length() < 24) {
        continue;
      }
      String head = value.substring(0, 24);
      int i = out.indexOf(head);
      while (i >= 0) {
        int j = 24;
        while (j < value.length() && i + j < out.length() && out.charAt(i + j) == value.charAt(j)) {
          j++;
        }
        String rest = out.substring(i + j, Math.min(out.length(), i + j + 2)).stripLeading();
        if (rest.startsWith("…")) {
          out.replace(i, i + j, " ");
        }
        i = out.indexOf(head, i + 1);
      }
    }
    return out.toString();
  }

  private static String visible(Path html) throws Exception {
    Document d = Jsoup.parse(html.toFile());
    d.select("script, style").remove();
    StringBuilder sb = new StringBuilder(d.text());
    for (Element e : d.select("[title], [placeholder], [aria-label]")) {
      sb.append(' ')
          .append(e.attr("title"))
          .append(' ')
          .append(e.attr("placeholder"))
          .append(' ')
          .append(e.attr("aria-label"));
    }
    return sb.toString();
  }

  /** Every text a person reads in this language, each with a name for the failure message. */
  private Map<String, String> everything(String lang, boolean withDemo) throws Exception {
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    if (withDemo) {
      texts.put("vigie demo (stdout)", demo.out());
      texts.put("vigie demo (stderr)", demo.err());
    }
    for (String[] args : List.of(
        new String[] {"report"},
        new String[] {"report", "--commune", "99004"},
        new String[] {"report", "--details", "--commune", "99004"},
        new String[] {"report", "-f", "md"},
        new String[] {"diff"},
        new String[] {"diff", "-f", "md"})) {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--db", db.toString(), "--lang", lang));
      CliTest.Run run = vigie(all.toArray(String[]::new));
      assertThat(run.code()).as(String.join(" ", all) + "\n" + run.err()).isZero();
      String shown = run.out() + run.err();
      if (all.contains("md")) {
        // What a Markdown viewer shows: no backslash escapes, no entities.
        shown = org.jsoup.parser.Parser.unescapeEntities(
            shown.replaceAll("\\\\([\\\\`*_\\[\\]#~|])", "$1"), false);
      }
      texts.put("vigie " + String.join(" ", args), shown);
    }
    Path site = dir.resolve("site-" + lang);
    CliTest.Run html =
        vigie("report", "--db", db.toString(), "--lang", lang, "-f", "html", "-o", site.toString());
    assertThat(html.code()).as(html.err()).isZero();
    texts.put("index.html", visible(site.resolve("index.html")));
    try (var pages = Files.list(site.resolve("communes"))) {
      for (Path page : pages.sorted().toList()) {
        texts.put(page.getFileName().toString(), visible(page));
      }
    }
    return texts;
  }

  private void assertOneLanguage(
      Map<String, String> texts, Function<String, List<String>> otherLanguage) {
    for (Map.Entry<String, String> t : texts.entrySet()) {
      String words = words(t.getValue());
      assertThat(otherLanguage.apply(words))
          .as(
              "words of the other language in %s, once the data is taken out:%n%s",
              t.getKey(), words)
          .isEmpty();
    }
  }

  @Test
  void shouldSpeakOnlyFrenchByDefault() throws Exception {
    assertThat(demo.out()).contains("Banc d'essai", "La commune la plus exposée", "Pourquoi");
    assertOneLanguage(everything("fr", true), Untranslated::englishIn);
  }

  @Test
  void shouldSpeakOnlyEnglishWithLangEn() throws Exception {
    Map<String, String> texts = everything("en", false);
    assertThat(texts.get("vigie report --commune 99004")).contains("Fix these first", "Why");
    assertOneLanguage(texts, Untranslated::frenchIn);
  }

  @Test
  void shouldShowAccentedNamesInUnicodeAndKeepTheirALabelInJson() throws Exception {
    JsonNode report = Json.MAPPER.readTree(dir.resolve("demo/report.json").toFile());
    JsonNode breval = report.path("communes").findParents("insee").stream()
        .filter(c -> c.path("insee").asText().equals("99003"))
        .findFirst()
        .orElseThrow();
    JsonNode www = breval.path("hosts").findParents("name").stream()
        .filter(h -> h.path("name").asText().equals("www.xn--brval-les-bains-cnb.test"))
        .findFirst()
        .orElseThrow();
    assertThat(www.path("unicodeName").asText()).isEqualTo("www.bréval-les-bains.test");

    String text = vigie("report", "--db", db.toString(), "--commune", "99003").out();
    assertThat(text).contains("www.bréval-les-bains.test").doesNotContain("xn--");
  }

  @Test
  void shouldListTheTechnologiesThatNeedActingOnFirstInTheIndex() throws Exception {
    Path site = dir.resolve("site-tech");
    assertThat(vigie("report", "--db", db.toString(), "-f", "html", "-o", site.toString())
            .code())
        .isZero();
    Document index = Jsoup.parse(site.resolve("index.html").toFile());

    List<Element> rows = index.select("table.tech tbody tr");
    assertThat(rows).isNotEmpty();
    assertThat(rows.get(0).select("span.sev.critical").text()).isEqualTo("critique");
    assertThat(rows.get(0).text()).contains("faille activement exploitée");
    // Every row with a verdict comes before every row without one.
    List<Boolean> judged =
        rows.stream().map(r -> !r.select("span.sev").isEmpty()).toList();
    assertThat(judged.indexOf(false)).isGreaterThan(judged.lastIndexOf(true));
    assertThat(index.select("table.tech").text()).contains("WordPress 6.1.9", "Roundcube 1.6.5");
  }

  @Nested
  class TimeZones {
    @Test
    void shouldDateInParisByDefaultAndInTheZoneGiven() throws Exception {
      JsonNode report = Json.MAPPER.readTree(dir.resolve("demo/report.json").toFile());
      Instant started = Instant.parse(report.path("scan").path("started").asText());
      assertThat(report.path("scan").path("started").asText())
          .as("JSON keeps UTC to the second")
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

      String paris =
          vigie("report", "--db", db.toString(), "--commune", "99001").out();
      String cayenne = vigie(
              "report", "--db", db.toString(), "--commune", "99001", "--tz", "America/Cayenne")
          .out();

      assertThat(paris).contains(hourIn(started, "Europe/Paris"));
      assertThat(cayenne).contains(hourIn(started, "America/Cayenne"));
      CliTest.Run bad = vigie("report", "--db", db.toString(), "--tz", "Mars/Olympus");
      assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
      assertThat(bad.err()).contains("--tz Mars/Olympus").doesNotContain("Exception");
    }

    private static String hourIn(Instant at, String zone) {
      return " à "
          + at.atZone(ZoneId.of(zone))
              .format(java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
    }
  }
}
