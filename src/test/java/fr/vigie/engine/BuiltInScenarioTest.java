package fr.vigie.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.discovery.Wordlist;
import fr.vigie.model.Finding;
import fr.vigie.net.AddressGuard;
import fr.vigie.net.DnsjavaClient;
import fr.vigie.store.Store;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Testbed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo's promise: a full scan of the built-in testbed raises every check on the host built
 * for it, nothing on the good commune and nothing on the catch-all portal.
 */
class BuiltInScenarioTest {

  private static Testbed testbed;
  private static List<Finding> findings;
  private static Map<String, String> httpGrades;
  private static List<Finding> recheckedWebFindings;
  private static List<String> mxTls;

  @TempDir
  static Path dir;

  @BeforeAll
  static void scan() throws Exception {
    testbed = Testbed.start(Scenario.builtIn(), 0);
    ScanSettings settings = ScanSettings.builder(Wordlist.builtIn())
        .resolvers(List.of(testbed.dnsAddress()))
        .addressPolicy(AddressGuard.Policy.LOOPBACK_ONLY)
        .http(fr.vigie.probe.HttpSettings.defaults().withPortMap(testbed.portMap()))
        .trust(fr.vigie.check.tls.TrustAnchors.of(List.of(testbedCa())))
        .build();
    try (Store store = Store.open(dir.resolve("demo.db"), true)) {
      fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
      fr.vigie.store.ScanReader scanReader = new fr.vigie.store.ScanReader(store);
      fr.vigie.store.CommuneWriter communeWriter = new fr.vigie.store.CommuneWriter(store);
      fr.vigie.diff.Snapshots snapshots = new fr.vigie.diff.Snapshots(scanLog, scanReader);
      fr.vigie.store.CtCache ctCache = new fr.vigie.store.CtCache(store);
      ScanEngine.Outcome outcome = new ScanEngine(
              settings,
              new DnsjavaClient(settings.resolvers(), Duration.ofSeconds(1), 1, 64),
              Clock.systemUTC())
          .run(testbed.communes(), "test", store, ScanListener.NONE);
      findings = outcome.findings();
      // Checks re-run on the stored observations, without the network, give the same findings.
      fr.vigie.check.Checks checks = fr.vigie.check.Checks.all(Clock.systemUTC(), settings.trust());
      fr.vigie.fingerprint.Fingerprinter fingerprinter =
          fr.vigie.fingerprint.Fingerprinter.builtIn();
      recheckedWebFindings = scanLog.communes(outcome.scanId()).stream()
          .flatMap(c -> scanReader.web(outcome.scanId(), c.id()).stream())
          .flatMap(w ->
              Stream.concat(checks.run(w).stream(), checks.run(fingerprinter.identify(w)).stream()))
          .toList();
      mxTls = scanLog.communes(outcome.scanId()).stream()
          .flatMap(c -> scanReader.tls(outcome.scanId(), c.id()).stream())
          .filter(t -> t.port() == 25 && t.answered())
          .map(t -> t.host() + ":" + t.port())
          .toList();
      httpGrades = scanLog.communes(outcome.scanId()).stream()
          .flatMap(c -> scanReader.httpGrades(outcome.scanId(), c.id()).entrySet().stream())
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().grade()));
    }
  }

  private static X509Certificate testbedCa() throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(
            new ByteArrayInputStream(testbed.caPem().getBytes(StandardCharsets.US_ASCII)));
  }

  @AfterAll
  static void stop() {
    testbed.close();
  }

  @ParameterizedTest
  @CsvSource({
    "dns.dangling-cname, ancien.montval.test",
    "dns.unresolvable, mairie-vieux-moulin.test",
    "dns.wildcard, xn--brval-les-bains-cnb.test",
    "dns.dnssec.missing, montval.test",
    "dns.caa.missing, lacombe.test",
    "mail.spf.permissive, montval.test",
    "mail.spf.invalid, lacombe.test",
    "mail.spf.invalid, xn--brval-les-bains-cnb.test",
    "mail.dmarc.missing, montval.test",
    "mail.dmarc.none, lacombe.test",
    "http.https.missing, www.vieux-moulin.test",
    "http.redirect.missing, www.montval.test",
    "http.hsts.missing, extranet.montval.test",
    "http.hsts.weak, www.lacombe.test",
    "http.csp.missing, www.montval.test",
    "http.csp.unsafe, www.lacombe.test",
    "http.frame-options.missing, www.lacombe.test",
    "http.nosniff.missing, extranet.montval.test",
    "http.referrer-policy.missing, www.lacombe.test",
    "http.server.version-disclosed, www.montval.test",
    "http.cookie.secure-missing, www.montval.test",
    "http.cookie.httponly-missing, www.montval.test",
    "http.cookie.samesite-missing, extranet.montval.test",
    "http.mixed-content, www.lacombe.test",
    "http.security-txt.missing, www.lacombe.test",
    "exposure.git, www.montval.test",
    "exposure.env, www.lacombe.test",
    "exposure.backup, www.vieux-moulin.test",
    "exposure.phpinfo, www.xn--brval-les-bains-cnb.test",
    "exposure.server-status, www.xn--brval-les-bains-cnb.test",
    "exposure.directory-listing, www.vieux-moulin.test",
    "exposure.admin.phpmyadmin, extranet.montval.test",
    "exposure.admin.adminer, www.lacombe.test",
    "tls.protocol.sslv3, old.montval.test:443",
    "tls.protocol.tls10, vpn.lacombe.test:443",
    "tls.protocol.tls11, old.montval.test:443",
    "tls.protocol.tls12-missing, vpn.lacombe.test:443",
    "tls.protocol.tls13-missing, gateway.lacombe.test:443",
    "tls.cipher.weak, old.montval.test:443",
    "tls.cipher.weak, rdweb.lacombe.test:443",
    "tls.forward-secrecy.missing, old.montval.test:443",
    "tls.renegotiation.insecure, gateway.lacombe.test:443",
    "cert.expired, www.montval.test:443",
    "cert.expiring, www.lacombe.test:443",
    "cert.not-yet-valid, webmail.vieux-moulin.test:443",
    "cert.untrusted, extranet.montval.test:443",
    "cert.hostname-mismatch, www.xn--brval-les-bains-cnb.test:443",
    "cert.key.weak, old.montval.test:443",
    "cert.signature.weak, recette.vieux-moulin.test:443",
    "cert.chain.incomplete, demo.vieux-moulin.test:443",
    "mail.mta-sts.invalid, lacombe.test",
    "tech.detected, www.montval.test",
    "tech.outdated, www.montval.test",
    "tech.end-of-life, www.montval.test",
    "tech.end-of-life, www.xn--brval-les-bains-cnb.test",
    "tech.vulnerable, www.xn--brval-les-bains-cnb.test",
    "tech.vulnerable, webmail.vieux-moulin.test",
    "tech.vulnerable, www.vieux-moulin.test",
    "tech.end-of-life, www.lacombe.test"
  })
  void shouldRaiseEachCheckOnTheHostBuiltForIt(String check, String asset) {
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.check()).isEqualTo(check);
      assertThat(f.asset()).isEqualTo(asset);
    });
  }

  /** Services the testbed runs on a host's address, found by the port probe as that address's findings. */
  @ParameterizedTest
  @CsvSource({
    "service.rdp.exposed, rdweb.lacombe.test, 3389, critical",
    "service.smb.exposed, fichiers.lacombe.test, 445, critical",
    "service.smb.v1, fichiers.lacombe.test, 445, critical",
    "service.vnc.exposed, fichiers.lacombe.test, 5900, high",
    "service.vnc.no-auth, fichiers.lacombe.test, 5900, critical",
    "service.database.exposed, partage.vieux-moulin.test, 6379, critical",
    "service.database.exposed, partage.vieux-moulin.test, 11211, critical",
    "service.database.exposed, www.montval.test, 3306, high",
    "service.ftp.cleartext, www.montval.test, 21, medium",
    "service.ssh.outdated, mail.vieux-moulin.test, 22, medium",
    "mail.starttls.missing, mail.montval.test, 25, medium",
    "tech.vulnerable, mail.montval.test, 25, critical",
    "tech.end-of-life, mail.montval.test, 25, high"
  })
  void shouldRaiseEachServiceCheckOnTheAddressRunningIt(
      String check, String host, int port, String severity) {
    String asset = testbed.hostAddresses().get(host) + ":" + port;
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.check()).isEqualTo(check);
      assertThat(f.asset()).isEqualTo(asset);
      assertThat(f.severity().id()).isEqualTo(severity);
      if (!check.startsWith("tech.")) {
        assertThat(f.evidence()).contains(host);
      }
    });
  }

  @org.junit.jupiter.api.Test
  void shouldCheckTheTlsOfAnMxOverStartTls() {
    assertThat(mxTls)
        .contains("mail.saint-exemple-sur-loire.test:25", "mail.lacombe.test:25")
        .doesNotContain("mail.montval.test:25");
  }

  @org.junit.jupiter.api.Test
  void shouldRaiseNothingOnSafeServicesNorOnPortsThatSayNothingUseful() {
    // Saint-Exemple's MX offers STARTTLS and runs a recent OpenSSH; Lacombe's gateway has a port
    // that accepts and never speaks and one that sends garbage forever: the scan got past both.
    for (String host : List.of("mail.saint-exemple-sur-loire.test", "gateway.lacombe.test")) {
      String address = testbed.hostAddresses().get(host);
      assertThat(findings)
          .filteredOn(f -> f.asset().startsWith(address + ":")
              && !f.check().startsWith("tls.")
              && !f.check().startsWith("cert."))
          .as("findings on %s", host)
          .isEmpty();
    }
  }

  /** Every simulated site that runs software: its name and exact version, as the demo shows them. */
  @ParameterizedTest
  @CsvSource({
    "www.montval.test, WordPress 6.1.9",
    "www.montval.test, PHP 7.2.24",
    "extranet.montval.test, phpMyAdmin 5.2.1",
    "www.xn--brval-les-bains-cnb.test, SPIP 4.1.5",
    "www.lacombe.test, Adminer 4.8.1",
    "www.lacombe.test, IIS 8.5",
    "www.lacombe.test, jQuery 1.12.4",
    "vpn.lacombe.test, FortiGate SSL-VPN",
    "rdweb.lacombe.test, RD Web Access",
    "www.vieux-moulin.test, Drupal 7.58",
    "webmail.vieux-moulin.test, Roundcube 1.6.5"
  })
  void shouldIdentifyWhatEachSiteRuns(String host, String technology) {
    assertThat(findings).anySatisfy(f -> {
      assertThat(f.check()).isEqualTo("tech.detected");
      assertThat(f.asset()).isEqualTo(host);
      assertThat(f.subject()).isEqualTo(technology);
    });
  }

  @org.junit.jupiter.api.Test
  void shouldSayWhichVulnerabilitiesAndWhereTheDataComesFrom() {
    assertThat(findings)
        .filteredOn(f ->
            f.check().equals("tech.vulnerable") && f.asset().equals("webmail.vieux-moulin.test"))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence())
            .contains("CVE-2025-49113", "CVE-2024-37383", "in CISA KEV since", "Debian 12"));
    assertThat(findings)
        .filteredOn(f -> f.check().equals("tech.vulnerable")
            && f.asset().equals("www.xn--brval-les-bains-cnb.test"))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence())
            .contains("CVE-2023-27372", "not in CISA KEV")
            .doesNotContain("in CISA KEV since"));
    assertThat(findings)
        .filteredOn(f -> f.check().equals("tech.outdated") && f.asset().equals("www.montval.test"))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence())
            .contains(
                "WordPress 6.1.9: branch 6.1 is at 6.1.12",
                "endoflife.date",
                "reviewed 2026-11-23"));
  }

  /**
   * A critical tech.vulnerable is one vigie can stand behind: no supported distribution ships that
   * exact version with the fixes, and the evidence hedges nothing (no "to verify", no backport
   * caveat). A patched Debian server is never graded F by a version it cannot see.
   */
  @org.junit.jupiter.api.Test
  void shouldRaiseCriticalVulnerabilitiesOnlyWhenConfirmed() {
    List<Finding> critical = findings.stream()
        .filter(f ->
            f.check().equals("tech.vulnerable") && f.severity() == fr.vigie.model.Severity.CRITICAL)
        .toList();

    assertThat(critical).as("the demo has confirmed ones (Drupal 7.58)").isNotEmpty();
    for (Finding f : critical) {
      assertThat(f.evidence())
          .as(f.asset())
          .doesNotContain("To verify", "may have been backported", "before concluding");
      Finding detected = findings.stream()
          .filter(d -> d.check().equals("tech.detected")
              && d.asset().equals(f.asset())
              && d.subject().startsWith(f.subject() + " "))
          .findFirst()
          .orElseThrow();
      String version = detected.subject().substring(f.subject().length() + 1);
      fr.vigie.fingerprint.VersionIntel.builtIn().products().values().stream()
          .filter(p -> p.name().equals(f.subject()))
          .forEach(p -> {
            List<String> cves = fr.vigie.fingerprint.VersionIntel.builtIn()
                .assess(
                    new fr.vigie.fingerprint.Detection(
                        p.name(),
                        p.key(),
                        "",
                        version,
                        fr.vigie.fingerprint.Detection.Precision.EXACT,
                        100,
                        false,
                        List.of()),
                    LocalDate.now())
                .map(a -> a.exploited().stream()
                    .map(fr.vigie.fingerprint.VersionIntel.Exploited::cve)
                    .toList())
                .orElse(List.of());
            assertThat(p.packages())
                .as("%s %s is shipped with every fix by a distribution", f.subject(), version)
                .noneMatch(k -> k.version().equals(fr.vigie.fingerprint.Version.of(version))
                    && k.fixed().keySet().containsAll(cves));
          });
    }
    assertThat(findings)
        .filteredOn(f ->
            f.check().equals("tech.vulnerable") && f.asset().equals("webmail.vieux-moulin.test"))
        .singleElement()
        .extracting(Finding::severity)
        .isEqualTo(fr.vigie.model.Severity.MEDIUM);
  }

  @org.junit.jupiter.api.Test
  void shouldRaiseNothingOnTheGoodCommuneNorOnTheCatchAllPortal() {
    Set<String> clean = Set.of(
        "saint-exemple-sur-loire.test",
        "www.saint-exemple-sur-loire.test",
        "mta-sts.saint-exemple-sur-loire.test",
        "webmail.saint-exemple-sur-loire.test",
        "mail.saint-exemple-sur-loire.test",
        "portail.xn--brval-les-bains-cnb.test");

    // Only the inventory of what they run (nginx, without version): no problem, no CMS the
    // catch-all portal's answers to /wp-login.php or /?feed=rss2 could fake.
    assertThat(findings)
        .filteredOn(f -> clean.contains(f.asset().replaceFirst(":(443|25)$", "")))
        .allSatisfy(
            f -> assertThat(f.check() + " " + f.subject()).isEqualTo("tech.detected nginx"));
    assertThat(httpGrades)
        .containsEntry("www.saint-exemple-sur-loire.test", "A+")
        .containsEntry("portail.xn--brval-les-bains-cnb.test", "A+");
  }

  @org.junit.jupiter.api.Test
  void shouldGiveTheSameWebFindingsWhenChecksRunAgainOnStoredObservations() {
    Set<String> web = findings.stream()
        .filter(f -> f.check().startsWith("http.")
            || f.check().startsWith("exposure.")
            || f.check().startsWith("tech.")
            || f.check().equals("mail.mta-sts.invalid"))
        .filter(
            f -> !f.asset().matches("[0-9.]+:\\d+")) // a banner's version (Exim), not a web page's
        .map(Finding::key)
        .collect(Collectors.toSet());

    assertThat(recheckedWebFindings)
        .extracting(Finding::key)
        .containsExactlyInAnyOrderElementsOf(web);
  }

  @org.junit.jupiter.api.Test
  void shouldNeverShowTheSecretsOfTheExposedFiles() {
    assertThat(findings)
        .allSatisfy(f -> assertThat(f.evidence())
            .doesNotContain(
                "Lacombe2019!", "secret-smtp", "ghp_exempleJeton123", "9f8e7d6c5b4a", "1a2b3c"));
  }

  @org.junit.jupiter.api.Test
  void shouldFindTheDemoHostsNamedOnlyInACertificateOrALink() {
    assertThat(findings)
        .extracting(Finding::asset)
        .as(
            "teletravail-2020 is only in www.lacombe.test's certificate; paiement-cantine only in a link of its home page")
        .contains("teletravail-2020.lacombe.test:443", "paiement-cantine.lacombe.test");
  }
}
