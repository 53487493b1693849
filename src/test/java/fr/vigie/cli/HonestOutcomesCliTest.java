package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What two successive scans say when the second did not look, could not look, or looked and
 * found the problem gone — through the real CLI and the testbed: "fixed", "not looked at" and
 * "could not look" must never be confused, in the reports nor in the exit codes.
 */
class HonestOutcomesCliTest {

  static JsonNode json(Path file) throws Exception {
    return Json.MAPPER.readTree(file.toFile());
  }

  static JsonNode commune(JsonNode report, String insee) {
    for (JsonNode c : report.path("communes")) {
      if (c.path("insee").asText().equals(insee)) {
        return c;
      }
    }
    throw new AssertionError("no commune " + insee);
  }

  static List<JsonNode> findings(JsonNode report, String prefix) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode c : report.path("communes")) {
      for (JsonNode f : c.path("findings")) {
        if (f.path("check").asText().startsWith(prefix)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  /** The commune's host of that name in a JSON report, or null. */
  static JsonNode host(JsonNode commune, String name) {
    for (JsonNode h : commune.path("hosts")) {
      if (h.path("name").asText().equals(name)) {
        return h;
      }
    }
    return null;
  }

  static JsonNode finding(JsonNode commune, String check, String asset) {
    for (JsonNode f : commune.path("findings")) {
      if (f.path("check").asText().equals(check) && f.path("asset").asText().equals(asset)) {
        return f;
      }
    }
    throw new AssertionError(
        "no " + check + " on " + asset + " in " + commune.path("name").asText());
  }

  /** The built-in demo, scanned in full, then narrowed in each way a user can narrow it. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class NarrowedScans {

    Path dir;
    Path db;
    CliTest.Run narrowed;
    CliTest.Run fullAgain;
    CliTest.Run noWordlist;
    CliTest.Run only22;

    CliTest.Run demo(String night, String... extra) {
      List<String> args = new ArrayList<>(List.of(
          "demo",
          "-q",
          "--db",
          db.toString(),
          "--output-dir",
          dir.resolve(night).toString()));
      args.addAll(List.of(extra));
      return CliTest.vigie(args.toArray(String[]::new));
    }

    @BeforeAll
    void nights() throws Exception {
      dir = Files.createTempDirectory("vigie-narrowed");
      db = dir.resolve("v.db");
      assertThat(demo("n1").code()).isEqualTo(ExitCodes.OK);
      narrowed = demo("n2", "--no-paths", "--no-tech");
      fullAgain = demo("n3", "--fail-on", "new:high");
      noWordlist = demo("n4", "--no-wordlist");
      only22 = demo("n5", "--ports", "22");
    }

    @Test
    void shouldNeverResolveWhatAScanWithoutPathsAndTechnologiesDidNotAsk() throws Exception {
      JsonNode first = json(dir.resolve("n1/report.json"));
      JsonNode second = json(dir.resolve("n2/report.json"));

      assertThat(narrowed.code()).isEqualTo(ExitCodes.OK);
      List<JsonNode> notAsked = new ArrayList<>(findings(second, "exposure."));
      // A version read from a service banner (Exim on address:25) is the port probe's: still asked.
      findings(second, "tech.").stream()
          .filter(f -> !f.path("asset").asText().matches("[0-9.]+:\\d+"))
          .forEach(notAsked::add);
      assertThat(notAsked).hasSizeGreaterThan(8);
      assertThat(notAsked).allSatisfy(f -> {
        assertThat(f.path("status").asText()).as(f.toString()).isEqualTo("unknown");
        assertThat(f.path("unknownReason").asText()).isIn("not-asked:paths", "not-asked:tech");
        assertThat(f.path("unknownReasonText").asText()).startsWith("non demandé à ce scan");
      });
      assertThat(findings(second, "exposure."))
          .extracting(f -> f.path("check").asText())
          .contains("exposure.git", "exposure.env", "exposure.admin.phpmyadmin");
      for (JsonNode c : second.path("communes")) {
        String insee = c.path("insee").asText();
        assertThat(c.path("status").asText()).isEqualTo("partial");
        assertThat(c.path("coverage").path("narrowedBy"))
            .extracting(JsonNode::asText)
            .containsExactly("--no-paths", "--no-tech");
        assertThat(c.path("grade").asText())
            .as("a narrowed scan never raises a grade (%s)", insee)
            .isEqualTo(commune(first, insee).path("grade").asText());
      }
      assertThat(narrowed.out()).contains("analyse partielle : ", "--no-paths, --no-tech");
    }

    @Test
    void shouldCallWhatANarrowedScanCarriedOpenTheNextFullNightWithItsFirstSighting()
        throws Exception {
      JsonNode first = json(dir.resolve("n1/report.json"));
      JsonNode third = json(dir.resolve("n3/report.json"));
      String started = first.path("scan").path("started").asText();

      assertThat(fullAgain.code()).as(fullAgain.err()).isEqualTo(ExitCodes.OK);
      assertThat(findings(third, "")).allSatisfy(f -> {
        assertThat(f.path("status").asText()).as(f.toString()).isEqualTo("open");
        assertThat(f.path("firstSeen").asText()).isEqualTo(started);
      });
      assertThat(findings(third, "")).hasSize(findings(first, "").size());
    }

    @Test
    void shouldNotCallTheWordlistHostsVanishedWhenTheWordlistWasNotTried() throws Exception {
      JsonNode fourth = json(dir.resolve("n4/report.json"));
      JsonNode montval = commune(fourth, "99002");

      assertThat(noWordlist.code()).isEqualTo(ExitCodes.OK);
      for (JsonNode c : fourth.path("communes")) {
        assertThat(c.path("changes").path("vanishedAssets"))
            .as(c.path("name").asText())
            .isEmpty();
      }
      assertThat(montval.path("changes").path("unknownAssets"))
          .extracting(JsonNode::asText)
          .contains("extranet.montval.test");
      JsonNode pma = finding(montval, "exposure.admin.phpmyadmin", "extranet.montval.test");
      assertThat(pma.path("status").asText()).isEqualTo("unknown");
      assertThat(pma.path("unknownReason").asText()).isEqualTo("not-asked:paths");
      assertThat(findings(fourth, "")).noneMatch(f -> f.path("status").asText().equals("resolved"));
    }

    @Test
    void shouldNotResolveTheServicesOfPortsTheScanDidNotTry() throws Exception {
      JsonNode fifth = json(dir.resolve("n5/report.json"));
      List<JsonNode> services = new ArrayList<>(findings(fifth, "service.rdp"));
      services.addAll(findings(fifth, "service.smb"));

      assertThat(only22.code()).isEqualTo(ExitCodes.OK);
      assertThat(services).isNotEmpty().allSatisfy(f -> {
        assertThat(f.path("status").asText()).isEqualTo("unknown");
        assertThat(f.path("unknownReason").asText()).isEqualTo("not-asked:ports");
      });
      assertThat(commune(fifth, "99004").path("coverage").path("narrowedBy"))
          .extracting(JsonNode::asText)
          .containsExactly("--ports 22");
    }

    @Test
    void shouldListWhatNarrowedEachScan() {
      CliTest.Run scans = CliTest.vigie("scans", "--db", db.toString());

      assertThat(scans.code()).isEqualTo(ExitCodes.OK);
      assertThat(scans.out())
          .contains("COMPLETE/PART/UNR", "NARROWED BY")
          .containsPattern("(?m)^ +2 .* 0/5/0 .*--no-paths --no-tech$")
          .containsPattern("(?m)^ +4 .*--no-wordlist$")
          .containsPattern("(?m)^ +5 .*--ports 22$");
    }

    @Test
    void shouldFailJunitCasesExactlyAsTheGatesDo() throws Exception {
      Path none = dir.resolve("none.xml");
      Path newHigh = dir.resolve("new-high.xml");
      Path anyCritical = dir.resolve("any-critical.xml");

      CliTest.Run a = CliTest.vigie(
          "report", "--db", db.toString(), "--scan", "3", "-f", "junit", "-o", none.toString());
      CliTest.Run b = CliTest.vigie(
          "report",
          "--db",
          db.toString(),
          "--scan",
          "3",
          "-f",
          "junit",
          "-o",
          newHigh.toString(),
          "--fail-on",
          "new:high");
      CliTest.Run c = CliTest.vigie(
          "report",
          "--db",
          db.toString(),
          "--scan",
          "3",
          "-f",
          "junit",
          "-o",
          anyCritical.toString(),
          "--fail-on",
          "any:critical");
      Files.writeString(dir.resolve("ignored"), ""); // nothing else is written

      assertThat(a.code()).isEqualTo(ExitCodes.OK);
      assertThat(failures(none)).isZero();
      assertThat(b.code()).as("nothing is new on the third night").isEqualTo(ExitCodes.OK);
      assertThat(failures(newHigh)).isZero();
      assertThat(property(newHigh, "vigie.gates")).isEqualTo("new:high");
      assertThat(c.code()).isEqualTo(ExitCodes.GATE_FAILED);
      assertThat(failures(anyCritical)).isPositive();
      assertThat(property(anyCritical, "vigie.gates")).isEqualTo("any:critical");
      assertThat(Jsoup.parse(Files.readString(anyCritical), "", org.jsoup.parser.Parser.xmlParser())
              .select("failure"))
          .allSatisfy(f -> assertThat(f.attr("type")).isEqualTo("critical"));
    }

    @Test
    void shouldNeverWriteADatabaseFromAReadOnlyCommand() throws Exception {
      Path empty = dir.resolve("empty.db");
      Files.createFile(empty);
      byte[] before = Files.readAllBytes(db);

      CliTest.Run scans = CliTest.vigie("scans", "--db", empty.toString());
      CliTest.Run report = CliTest.vigie("report", "--db", empty.toString());
      CliTest.Run diff = CliTest.vigie("diff", "--db", dir.resolve("absent.db").toString());
      CliTest.Run read = CliTest.vigie("report", "--db", db.toString(), "-f", "json");

      assertThat(scans.code()).isEqualTo(ExitCodes.USAGE);
      assertThat(scans.err()).contains("is empty, not a vigie database");
      assertThat(report.code()).isEqualTo(ExitCodes.USAGE);
      assertThat(Files.size(empty)).isZero();
      assertThat(diff.code()).isEqualTo(ExitCodes.USAGE);
      assertThat(Files.exists(dir.resolve("absent.db"))).isFalse();
      assertThat(read.code()).isEqualTo(ExitCodes.OK);
      assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    private static int failures(Path junit) throws Exception {
      Document doc = Jsoup.parse(Files.readString(junit), "", org.jsoup.parser.Parser.xmlParser());
      return Integer.parseInt(doc.selectFirst("testsuites").attr("failures"));
    }

    private static String property(Path junit, String name) throws Exception {
      Document doc = Jsoup.parse(Files.readString(junit), "", org.jsoup.parser.Parser.xmlParser());
      return doc.selectFirst("property[name=" + name + "]").attr("value");
    }
  }

  /**
   * Three nights of a scenario made for this: a resolver that refuses one zone and fails another,
   * hosts that stop answering, then real removals.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class BrokenNights {

    Path dir;
    Path db;
    CliTest.Run pannes;
    CliTest.Run retraits;
    final Path scenario = Path.of("src/test/resources/scenarios/coverage.yaml");

    CliTest.Run night(String name, String... extra) {
      List<String> args = new ArrayList<>(List.of(
          "demo",
          "-q",
          "--scenario",
          scenario.toString(),
          "--db",
          db.toString(),
          "--output-dir",
          dir.resolve(name).toString(),
          "--http-timeout",
          "1500"));
      args.addAll(List.of(extra));
      return CliTest.vigie(args.toArray(String[]::new));
    }

    @BeforeAll
    void nights() throws Exception {
      dir = Files.createTempDirectory("vigie-broken");
      db = dir.resolve("b.db");
      assertThat(night("n1").code()).isEqualTo(ExitCodes.OK);
      pannes = night("n2", "--variant", "pannes", "--fail-on", "new:high");
      retraits = night("n3", "--variant", "retraits");
    }

    @Test
    void shouldSayUnreachableForAZoneTheResolverRefusesOrFails() throws Exception {
      JsonNode second = json(dir.resolve("n2/report.json"));
      JsonNode refused = commune(second, "99302");
      JsonNode failed = commune(second, "99303");

      assertThat(refused.path("status").asText()).isEqualTo("unreachable");
      assertThat(refused.path("grade").asText()).isEqualTo("?");
      assertThat(refused.path("statusReason").asText()).contains("requête refusée (REFUSED)");
      assertThat(failed.path("status").asText()).isEqualTo("unreachable");
      assertThat(failed.path("statusReason").asText()).contains("SERVFAIL");
      for (JsonNode c : List.of(refused, failed)) {
        assertThat(c.path("findings")).isNotEmpty().allSatisfy(f -> {
          assertThat(f.path("status").asText()).isEqualTo("unknown");
          assertThat(f.path("unknownReason").asText()).isEqualTo("unreachable");
        });
        assertThat(c.path("findings"))
            .noneMatch(f -> f.path("check").asText().equals("dns.unresolvable")
                && f.path("status").asText().equals("new"));
        assertThat(c.path("changes").path("vanishedAssets")).isEmpty();
      }
      assertThat(commune(second, "99301").path("status").asText()).isEqualTo("partial");
      assertThat(pannes.out()).contains("non analysée : ", " : résolveur");
      assertThat(pannes.code())
          .as("a gate cannot pass over communes it could not judge")
          .isEqualTo(ExitCodes.RUNTIME);
      assertThat(pannes.err())
          .contains("--fail-on new:high cannot pass: 2 commune(s) could not be scanned");
    }

    @Test
    void shouldKeepTheFindingsOfAHostThatStoppedAnsweringUnknown() throws Exception {
      JsonNode clairval = commune(json(dir.resolve("n2/report.json")), "99301");

      JsonNode git = finding(clairval, "exposure.git", "www.clairval.test");
      assertThat(git.path("status").asText()).isEqualTo("unknown");
      assertThat(git.path("unknownReason").asText()).isEqualTo("no-answer:paths");
      assertThat(finding(clairval, "http.hsts.missing", "www.clairval.test")
              .path("unknownReason")
              .asText())
          .isEqualTo("no-answer:web");
      JsonNode policy = finding(clairval, "mail.mta-sts.invalid", "clairval.test");
      assertThat(policy.path("status").asText())
          .as("the policy is the web probe's: a silent mta-sts host resolves nothing")
          .isEqualTo("unknown");
      assertThat(clairval.path("grade").asText()).isEqualTo("F");
      assertThat(clairval.path("changes").path("resolved").asInt()).isZero();
    }

    @Test
    void shouldResolveWhatWasReallyRemoved() throws Exception {
      JsonNode third = json(dir.resolve("n3/report.json"));
      JsonNode clairval = commune(third, "99301");

      assertThat(retraits.code()).isEqualTo(ExitCodes.OK);
      assertThat(findings(third, "")).noneMatch(f -> f.path("status").asText().equals("new"));
      assertThat(finding(clairval, "exposure.git", "www.clairval.test")
              .path("status")
              .asText())
          .isEqualTo("resolved");
      assertThat(finding(clairval, "tls.protocol.tls10", "extranet.clairval.test:443")
              .path("status")
              .asText())
          .isEqualTo("resolved");
      assertThat(finding(clairval, "http.hsts.missing", "extranet.clairval.test")
              .path("status")
              .asText())
          .isEqualTo("resolved");
      assertThat(clairval.path("changes").path("vanishedAssets"))
          .extracting(JsonNode::asText)
          .contains("extranet.clairval.test");
      // Unknown the night before, seen again: open, not new.
      assertThat(finding(clairval, "http.hsts.missing", "www.clairval.test")
              .path("status")
              .asText())
          .isEqualTo("open");
      Map<String, String> statuses = new HashMap<>();
      commune(third, "99302")
          .path("findings")
          .forEach(f -> statuses.put(f.path("check").asText(), f.path("status").asText()));
      assertThat(statuses).containsEntry("mail.spf.permissive", "open").doesNotContainValue("new");
      assertThat(commune(third, "99302").path("grade").asText()).isEqualTo("D");
    }

    @Test
    void shouldCompareWithABaselineReportTheSameWay() throws Exception {
      CliTest.Run withBaseline = CliTest.vigie(
          "report",
          "--db",
          db.toString(),
          "--scan",
          "3",
          "--baseline",
          dir.resolve("n2/report.json").toString(),
          "--fail-on",
          "new:high",
          "-f",
          "json",
          "-o",
          dir.resolve("b.json").toString());
      JsonNode report = json(dir.resolve("b.json"));

      assertThat(withBaseline.code()).as(withBaseline.err()).isEqualTo(ExitCodes.OK);
      assertThat(findings(report, "")).noneMatch(f -> f.path("status").asText().equals("new"));
      assertThat(finding(commune(report, "99301"), "exposure.git", "www.clairval.test")
              .path("status")
              .asText())
          .isEqualTo("resolved");
    }
  }

  @Test
  void shouldExitThreeWithOneClearLineWhenTheResolverIsDead(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("r.json");
    CliTest.Run run = CliTest.vigie(
        "scan",
        "--db",
        dir.resolve("d.db").toString(),
        "--resolver",
        "127.0.0.1:9",
        "--dns-timeout",
        "300",
        "--no-ports",
        "-q",
        "-o",
        report.toString(),
        "mairie-exemple.fr");

    assertThat(run.code()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(run.err().strip().lines())
        .containsExactly("vigie: nothing could be scanned: résolveur 127.0.0.1:9 : aucune réponse");
    assertThat(run.out()).contains("note ?", "NON ANALYSÉE : résolveur").doesNotContain("note A");
    JsonNode c = json(report).path("communes").get(0);
    assertThat(c.path("status").asText()).isEqualTo("unreachable");
    assertThat(c.path("grade").asText()).isEqualTo("?");
    assertThat(c.path("coverage").path("reason").asText()).isEqualTo("dns-timeout");
  }

  @Test
  void shouldNeverTakeAnAnswerTruncatedEvenOverTcpForNoSuchRecord(@TempDir Path dir)
      throws Exception {
    Path scenario = dir.resolve("tc.yaml");
    Files.writeString(scenario, """
        communes:
          - {insee: "99601", name: Tronqueville, domain: tronqueville.test, dns: truncated,
             records: ['@ TXT "v=spf1 -all"'], hosts: {www: {http: {body: '<html></html>'}}}}
        """);

    CliTest.Run run = CliTest.vigie(
        "demo",
        "-q",
        "--scenario",
        scenario.toString(),
        "--db",
        dir.resolve("t.db").toString(),
        "--output-dir",
        dir.toString(),
        "--no-ports");
    JsonNode c = json(dir.resolve("report.json")).path("communes").get(0);

    assertThat(run.code()).isEqualTo(ExitCodes.RUNTIME);
    assertThat(c.path("status").asText()).isEqualTo("unreachable");
    assertThat(c.path("coverage").path("reason").asText()).isEqualTo("dns-truncated");
    assertThat(c.path("statusReason").asText()).contains("réponses tronquées (TC), même en TCP");
    assertThat(c.path("findings"))
        .as("TC is no answer: no dns.unresolvable, no mail.* 'missing'")
        .isEmpty();
  }

  @Test
  void shouldRejectCiInputsWithOneClearLine(@TempDir Path dir) throws Exception {
    Path notJson = dir.resolve("previous.json");
    Files.writeString(notJson, "<html>\n<body>not a report</body>\n</html>\n");
    Path suppressions = dir.resolve("vigie-suppressions.yaml");
    Files.writeString(suppressions, """
        suppressions:
          - check: http.hsts.missing
            reason: "HSTS plus tard"
          - check: http.hsts.absent
            reason: "une faute de frappe"
        """);

    CliTest.Run missing = CliTest.vigie(
        "report",
        "--db",
        dir.resolve("x.db").toString(),
        "--baseline",
        dir.resolve("nope.json").toString());
    CliTest.Run garbage = CliTest.vigie(
        "scan", "--db", dir.resolve("x.db").toString(), "--baseline", notJson.toString(), "a.test");
    CliTest.Run typo = CliTest.vigie(
        "scan",
        "--db",
        dir.resolve("y.db").toString(),
        "--suppressions",
        suppressions.toString(),
        "--resolver",
        "127.0.0.1:9",
        "--dns-timeout",
        "200",
        "-q",
        "--no-ports",
        "a.test");

    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err().strip())
        .isEqualTo("vigie: cannot read baseline " + dir.resolve("nope.json") + ": no such file");
    assertThat(garbage.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(garbage.err().strip().lines())
        .containsExactly(
            "vigie: baseline " + notJson + " is not a vigie JSON report: not valid JSON (line 1)");
    assertThat(typo.err())
        .contains("vigie: warning: " + suppressions
            + ":4: suppression 2 names an unknown check id 'http.hsts.absent'");
  }
}
