package fr.vigie.fingerprint;

import static fr.vigie.check.WebFixtures.hop;
import static fr.vigie.check.WebFixtures.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.fingerprint.Detection.Precision;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.Body;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.HttpObservation.HtmlFacts;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.WebObservation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's rules of evidence, on observations built in memory with rules written here. */
class FingerprinterTest {

  private static final String RULES = """
      technologies:
        - name: Cms
          product: cms
          category: cms
          implies: [Lang]
          signals:
            - generator: '^Cms(?: (?<version>\\d+\\.\\d+\\.\\d+))?$'
              version: exact
            - script: '/cms-core/'
              confidence: 40
            - path: /version.txt
              match: 'Cms (?<version>\\d+\\.\\d+(?:\\.\\d+)?)'
              version: exact
            - html: 'data-cms-build="(?<version>\\d+)"'
              version: hint
              confidence: 10
        - name: Lang
          category: language
          signals:
            - header: X-Powered-By
              match: '^Lang/(?<version>\\d+\\.\\d+\\.\\d+)(?<distro>-\\S+)?'
              version: exact
        - name: Icon
          category: webmail
          signals:
            - title: '^Icon mail$'
              confidence: 30
            - path: /favicon.ico
              sha256: ab12
              confidence: 30
        - name: Lib
          category: javascript
          signals:
            - script: '/lib-(?<version>\\d+\\.\\d+\\.\\d+)\\.js$'
              thirdParty: true
              version: exact
      """;

  private static final Fingerprinter F =
      new Fingerprinter(new Rules(Rules.parse("test.yaml", RULES)));

  static WebObservation site(
      List<String> generators,
      List<String> scripts,
      String excerpt,
      List<String> marks,
      String[] headers,
      PathResult... paths) {
    String host = "www.mairie.fr";
    Body body = new Body(
        excerpt.length(),
        false,
        "00",
        "text/html",
        "UTF-8",
        excerpt,
        new HtmlFacts("Mairie", generators, List.of(), scripts, List.of()),
        marks);
    HttpObservation https = new HttpObservation(
        host,
        "https",
        List.of(hop("https://" + host + "/", 200, headers)),
        End.OK,
        null,
        body,
        List.of());
    HttpObservation http = new HttpObservation(
        host,
        "http",
        List.of(hop("http://" + host + "/", 301, "Location", "https://" + host + "/")),
        End.OUT_OF_SCOPE,
        null,
        null,
        List.of());
    return new WebObservation(
        host, "mairie.fr", http, https, "https://" + host, List.of(), List.of(paths));
  }

  static List<String> labels(WebObservation w) {
    return F.identify(w).technologies().stream()
        .map(d -> d.label() + "/" + d.precision() + "/" + d.confidence())
        .toList();
  }

  @Test
  void shouldReadAnExactVersionAndAddWhatItImplies() {
    WebObservation w = site(List.of("Cms 2.3.4"), List.of(), "<html>", List.of(), new String[0]);
    assertThat(labels(w)).containsExactly("Cms 2.3.4/EXACT/100", "Lang/UNKNOWN/100");
    assertThat(F.identify(w).technologies().get(1).evidence()).containsExactly("implied by Cms");
  }

  @Test
  void shouldNotDetectOnAWeakSignalAloneButRequestItsVersionSources() {
    WebObservation w = site(
        List.of(),
        List.of("https://www.mairie.fr/theme/cms-core/app.js"),
        "<html>",
        List.of(),
        new String[0]);
    assertThat(labels(w)).isEmpty();
    assertThat(F.paths(w)).containsExactly("/version.txt");
    assertThat(F.paths(site(List.of(), List.of(), "<html>", List.of(), new String[0])))
        .isEmpty();
    // With its version source answering, the weak signal and the path together are enough.
    WebObservation confirmed = site(
        List.of(),
        List.of("https://www.mairie.fr/theme/cms-core/app.js"),
        "<html>",
        List.of(),
        new String[0],
        path("/version.txt", 200, "text/plain", "Cms 2.3.4\n"));
    assertThat(labels(confirmed)).containsExactly("Cms 2.3.4/EXACT/100", "Lang/UNKNOWN/100");
  }

  @Test
  void shouldIgnoreScriptsOfOtherHostsUnlessTheRuleSaysThirdParty() {
    WebObservation w = site(
        List.of(),
        List.of("https://cdn.other.test/cms-core/app.js", "https://cdn.other.test/js/lib-1.2.3.js"),
        "<html>",
        List.of(),
        new String[0]);
    assertThat(labels(w)).containsExactly("Lib 1.2.3/EXACT/100");
  }

  @Test
  void shouldNotCountAPathThatAnsweredAnError() {
    WebObservation w = site(
        List.of(),
        List.of("https://www.mairie.fr/cms-core/a.js"),
        "<html>",
        List.of(),
        new String[0],
        path("/version.txt", 404, "text/plain", "Cms 2.3.4 not found"));
    assertThat(labels(w)).isEmpty();
  }

  @Test
  void shouldLeaveTheVersionUnknownWhenPreciseSourcesDisagree() {
    WebObservation w = site(
        List.of("Cms 2.3.4"),
        List.of(),
        "<html>",
        List.of(),
        new String[0],
        path("/version.txt", 200, "text/plain", "Cms 2.4.0"));
    Detection d = F.identify(w).technologies().get(0);
    assertThat(d.version()).isNull();
    assertThat(d.precision()).isEqualTo(Precision.UNKNOWN);
    assertThat(d.evidence()).contains("versions 2.3.4 ≠ 2.4.0");
  }

  @Test
  void shouldKeepTheFinerOfTwoVersionsThatAgree() {
    WebObservation w = site(
        List.of("Cms 2.3.4"),
        List.of(),
        "<html>",
        List.of(),
        new String[0],
        path("/version.txt", 200, "text/plain", "Cms 2.3"));
    assertThat(F.identify(w).technologies().get(0).version()).isEqualTo("2.3.4");
  }

  @Test
  void shouldShowAHintButNeverAsAJudgedVersion() {
    WebObservation w =
        site(List.of("Cms"), List.of(), "<div data-cms-build=\"7\">", List.of(), new String[0]);
    Detection d = F.identify(w).technologies().get(0);
    assertThat(d.precision()).isEqualTo(Precision.HINT);
    assertThat(d.label()).isEqualTo("Cms");
    assertThat(d.judgedVersion()).isNull();
  }

  @Test
  void shouldReadTheMarksTheProbeKeptBeyondTheExcerpt() {
    String page = "<html>" + "x".repeat(10_000) + "<div data-cms-build=\"42\"></div></html>";
    List<String> marks = F.marks(page);
    assertThat(marks).containsExactly("data-cms-build=\"42\"");
    WebObservation w =
        site(List.of("Cms"), List.of(), page.substring(0, 4096), marks, new String[0]);
    assertThat(F.identify(w).technologies().get(0).version()).isEqualTo("42");
  }

  @Test
  void shouldMatchAFaviconByItsHash() {
    PathResult icon = new PathResult(
        "/favicon.ico", 200, "image/x-icon", 1150, 1150, "00000100", "", "AB12", null);
    PathResult other = new PathResult(
        "/favicon.ico", 200, "image/x-icon", 1150, 1150, "00000100", "", "cd34", null);
    Body body = new Body(
        10,
        false,
        "00",
        "text/html",
        "UTF-8",
        "<html>",
        new HtmlFacts("Icon mail", List.of(), List.of(), List.of(), List.of()),
        List.of());
    HttpObservation https = new HttpObservation(
        "mail.mairie.fr",
        "https",
        List.of(hop("https://mail.mairie.fr/", 200)),
        End.OK,
        null,
        body,
        List.of());
    HttpObservation http = new HttpObservation(
        "mail.mairie.fr", "http", List.of(), End.REFUSED, null, null, List.of());
    WebObservation suspected = new WebObservation(
        "mail.mairie.fr", "mairie.fr", http, https, "https://mail.mairie.fr", List.of(), List.of());
    assertThat(F.paths(suspected)).containsExactly("/favicon.ico");
    WebObservation same = new WebObservation(
        "mail.mairie.fr",
        "mairie.fr",
        http,
        https,
        "https://mail.mairie.fr",
        List.of(),
        List.of(icon));
    WebObservation different = new WebObservation(
        "mail.mairie.fr",
        "mairie.fr",
        http,
        https,
        "https://mail.mairie.fr",
        List.of(),
        List.of(other));
    assertThat(labels(same)).containsExactly("Icon/UNKNOWN/60");
    assertThat(labels(different)).isEmpty();
  }

  @Test
  void shouldFlagADistributionSuffix() {
    WebObservation w = site(List.of(), List.of(), "<html>", List.of(), new String[] {
      "X-Powered-By", "Lang/7.4.3-4ubuntu2.19"
    });
    Detection d = F.identify(w).technologies().get(0);
    assertThat(d.version()).isEqualTo("7.4.3");
    assertThat(d.packaged()).isTrue();
  }

  @Test
  void shouldRefuseABadRuleFileNamingTheFileAndTheTechnology() {
    assertThatThrownBy(
            () -> Rules.parse("bad.yaml", RULES.replace("version: hint", "version: guess")))
        .hasMessageContaining("bad.yaml: Cms")
        .hasMessageContaining("guess");
    assertThatThrownBy(
            () -> Rules.parse("bad.yaml", RULES.replace("(?<version>\\d+)\"", "(\\d+)\"")))
        .hasMessageContaining("bad.yaml: Cms")
        .hasMessageContaining("(?<version>");
    assertThatThrownBy(() ->
            Rules.parse("bad.yaml", RULES.replace("script: '/cms-core/'", "script: '/cms-core/('")))
        .hasMessageContaining("bad.yaml: Cms: bad pattern");
    assertThatThrownBy(
            () -> Rules.parse("bad.yaml", RULES.replace("confidence: 40", "confidence: 400")))
        .hasMessageContaining("confidence is 1..100");
  }

  @Test
  void shouldLoadTheShippedRules() {
    assertThat(Rules.builtIn().technologies())
        .extracting(Rules.Technology::name)
        .contains(
            "WordPress",
            "SPIP",
            "Joomla",
            "Drupal",
            "TYPO3",
            "PrestaShop",
            "Wix",
            "Jimdo",
            "Google Sites",
            "e-monsite",
            "Roundcube",
            "Zimbra",
            "Outlook Web App",
            "SOGo",
            "Nextcloud",
            "ownCloud",
            "phpMyAdmin",
            "Adminer",
            "GLPI",
            "FortiGate SSL-VPN",
            "Citrix Gateway",
            "Ivanti Connect Secure",
            "GlobalProtect",
            "RD Web Access",
            "Apache",
            "nginx",
            "IIS",
            "PHP",
            "jQuery");
  }
}
