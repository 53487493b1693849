package fr.vigie.cli;

import static fr.vigie.cli.CliTest.vigie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigie find} through the real CLI, against the demo's scan. */
class FindCliTest {

  @TempDir
  static Path dir;

  private static String db;

  @BeforeAll
  static void runTheDemo() {
    db = dir.resolve("demo.db").toString();
    CliTest.Run demo =
        vigie("demo", "-q", "--db", db, "--output-dir", dir.resolve("demo").toString());
    assertThat(demo.code()).as(demo.err()).isEqualTo(ExitCodes.OK);
  }

  private static CliTest.Run find(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "find";
    all[1] = "--db";
    all[2] = db;
    System.arraycopy(args, 0, all, 3, args.length);
    return vigie(all);
  }

  @Test
  void shouldFindTheCommunesOnAnOldWordPressAndNoneOnANewOne() {
    CliTest.Run old = find("--tech", "WordPress<6.4");
    assertThat(old.code()).as(old.err()).isZero();
    assertThat(old.out())
        .contains("99002 Montval — www.montval.test — WordPress 6.1.9", "1 réponse dans 1 commune");

    assertThat(find("--tech", "WordPress>=6.4").out()).contains("Aucune réponse dans ce scan.");
  }

  @Test
  void shouldSayToVerifyForVersionsTheScanCouldNotRead() {
    String out = find("--tech", "PHP<8").out();
    assertThat(out)
        .contains("www.montval.test — PHP 7.2.24", "PHP — version inconnue : à vérifier")
        .containsPattern("réponses dans \\d communes \\(dont \\d+ à vérifier\\)");
    // Roundcube 1.6.5 from Debian: the package may carry the fixes.
    assertThat(find("--tech", "Roundcube<1.6.11").out())
        .contains("Roundcube 1.6.5 — paquet de distribution qui peut porter les correctifs");
  }

  @Test
  void shouldFindFindingsServicesAndTheirCombinations() {
    assertThat(find("--check", "exposure.git").out())
        .contains("Montval — www.montval.test — critique Dépôt de code source", "[/.git/HEAD]");
    assertThat(find("--service", "rdp").out())
        .contains("99004 Lacombe — rdweb.lacombe.test — 3389/rdp RDP");
    String lacombe = find("--severity", "critical", "--commune", "Lacombe").out();
    assertThat(lacombe).contains("Bureau à distance (RDP)").doesNotContain("Montval");
    assertThat(lacombe.lines().filter(l -> l.startsWith("99")))
        .allMatch(l -> l.startsWith("99004 Lacombe") && l.contains(" — critique "));
    // Findings on the hosts that have RDP open: only rdweb's.
    assertThat(find("--service", "rdp", "--severity", "high")
            .out()
            .lines()
            .filter(l -> l.startsWith("99")))
        .isNotEmpty()
        .allMatch(l -> l.contains("rdweb.lacombe.test"));
  }

  @Test
  void shouldAnswerInCsvAndJsonForScripts() throws Exception {
    String csv = find("--tech", "jQuery", "-f", "csv").out();
    assertThat(csv.lines().findFirst().orElseThrow())
        .isEqualTo(
            "insee,commune,host,kind,what,version,match,check,subject,severity,status,evidence");
    assertThat(csv.lines().count()).isGreaterThan(1);
    JsonNode json =
        Json.MAPPER.readTree(find("--check", "exposure", "-f", "json").out());
    assertThat(json.isArray()).isTrue();
    assertThat(json.findValuesAsText("check")).contains("exposure.git", "exposure.env");
  }

  @Test
  void shouldRefuseAQuestionItCannotReadWithExitTwo() {
    CliTest.Run none = find();
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("find needs a question");
    CliTest.Run bad = find("--tech", "WordPress<<6");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--tech 'WordPress<<6'").doesNotContain("Exception");
    assertThat(find("--severity", "grave").err()).contains("--severity 'grave'");
    assertThat(find("--status", "vieux").err()).contains("--status 'vieux'");
    assertThat(find("--check", "x", "--commune", "Atlantide").err()).contains("Atlantide");
  }
}
