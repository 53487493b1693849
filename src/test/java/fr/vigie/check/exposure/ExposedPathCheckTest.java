package fr.vigie.check.exposure;

import static fr.vigie.check.WebFixtures.binary;
import static fr.vigie.check.WebFixtures.good;
import static fr.vigie.check.WebFixtures.notFound;
import static fr.vigie.check.WebFixtures.path;
import static fr.vigie.check.WebFixtures.withPaths;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.WebObservation;
import fr.vigie.probe.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExposedPathCheckTest extends CheckContract<WebObservation> {

  @Override
  protected Check<WebObservation> check() {
    return CHECK;
  }

  private static WebObservation on(PathResult result) {
    return withPaths(good("www.mairie.fr"), BASELINES, result);
  }

  /** The same path answering the host's "not found" page: nothing proven. */
  private static WebObservation softNotFound(String p) {
    return on(path(p, 200, "text/html", "<html><title>Mairie</title>Page introuvable</html>"));
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    String manager;
    String actuator;
    try {
      manager =
          Files.readString(Path.of("src/test/resources/fixtures/exposure/tomcat-manager-401.html"));
      actuator =
          Files.readString(Path.of("src/test/resources/fixtures/exposure/actuator-index.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.of(
        new Example<>(
            "exposure.git",
            on(path("/.git/HEAD", 200, "text/plain", "ref: refs/heads/master\n")),
            softNotFound("/.git/HEAD")),
        new Example<>(
            "exposure.git",
            on(path("/.svn/entries", 200, "text/plain", "12\n")),
            on(path("/.svn/entries", 404, "text/plain", "12\n"))),
        new Example<>(
            "exposure.env",
            on(path("/.env", 200, "text/plain", "APP_NAME=Mairie\nDB_PASSWORD=********\n")),
            on(path("/.env", 200, "text/html", "<html>DB_HOST=x\nDB_USER=y</html>"))),
        new Example<>(
            "exposure.backup",
            on(path(
                "/backup.sql", 200, "application/sql", "-- MySQL dump 10.13\nCREATE TABLE `t`")),
            softNotFound("/backup.sql")),
        new Example<>(
            "exposure.backup",
            on(binary("/backup.zip", "504b0304140000000800")),
            on(path("/backup.zip", 200, "text/html", "<html>backup</html>"))),
        new Example<>(
            "exposure.phpinfo",
            on(path(
                "/phpinfo.php",
                200,
                "text/html",
                "<html><head><title>phpinfo()</title></head><h1>PHP Version 7.4.3</h1>")),
            softNotFound("/phpinfo.php")),
        new Example<>(
            "exposure.server-status",
            on(path(
                "/server-status",
                200,
                "text/html",
                "<html><h1>Apache Server Status for www.mairie.fr</h1>Server uptime: 3 days")),
            softNotFound("/server-status")),
        new Example<>(
            "exposure.directory-listing",
            on(path(
                "/uploads/",
                200,
                "text/html",
                "<html><head><title>Index of /uploads</title></head>")),
            softNotFound("/uploads/")),
        new Example<>(
            "exposure.admin.phpmyadmin",
            on(path(
                "/phpmyadmin/",
                200,
                "text/html",
                "<html><title>phpMyAdmin</title><input name=\"pma_username\">")),
            softNotFound("/phpmyadmin/")),
        new Example<>(
            "exposure.admin.adminer",
            on(path("/adminer.php", 200, "text/html", "<html><title>Login - Adminer</title>")),
            softNotFound("/adminer.php")),
        new Example<>(
            "exposure.admin.tomcat-manager",
            on(path("/manager/html", 401, "text/html", manager)),
            on(path("/manager/html", 200, "text/html", manager))),
        new Example<>(
            "exposure.actuator",
            on(path("/actuator", 200, "application/vnd.spring-boot.actuator.v3+json", actuator)),
            on(path(
                "/actuator",
                200,
                "text/html",
                "<html><a href=\"/actuator\">supervision</a></html>"))));
  }

  private static final ExposedPathCheck CHECK = new ExposedPathCheck(ExposedPaths.builtIn());
  private static final List<PathResult> BASELINES =
      List.of(notFound("/vigie-1"), notFound("/vigie-1.php"));

  private static List<Finding> evaluate(PathResult... results) {
    return CHECK.evaluate(withPaths(good("www.mairie.fr"), BASELINES, results));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/.git/HEAD|text/plain|ref: refs/heads/master\\n|exposure.git|CRITICAL",
        "/.git/config|text/plain|[core]\\n\\trepositoryformatversion = 0\\n|exposure.git|CRITICAL",
        "/.svn/entries|text/plain|12\\n|exposure.git|CRITICAL",
        "/.env|text/plain|APP_NAME=Mairie\\nDB_PASSWORD=********\\n|exposure.env|CRITICAL",
        "/actuator/env|application/json|{\"activeProfiles\":[],\"propertySources\":[]}|exposure.env|CRITICAL",
        "/backup.sql|application/sql|-- MySQL dump 10.13\\nCREATE TABLE `habitants`|exposure.backup|HIGH",
        "/wp-config.php.bak|text/plain|<?php\\ndefine('DB_PASSWORD', '********');|exposure.backup|HIGH",
        "/.htpasswd|text/plain|admin:********\\n|exposure.backup|HIGH",
        "/web.config|text/xml|<?xml version=\"1.0\"?>\\n<configuration>|exposure.backup|HIGH",
        "/phpinfo.php|text/html|<html><head><title>phpinfo()</title></head><h1>PHP Version 7.4.3</h1>|exposure.phpinfo|MEDIUM",
        "/server-status|text/html|<html><h1>Apache Server Status for www.mairie.fr</h1>Server uptime: 3 days|exposure.server-status|MEDIUM",
        "/uploads/|text/html|<html><head><title>Index of /uploads</title></head>|exposure.directory-listing|MEDIUM",
        "/phpmyadmin/|text/html|<html><title>phpMyAdmin</title><input name=\"pma_username\">|exposure.admin.phpmyadmin|HIGH",
        "/adminer.php|text/html|<html><title>Login - Adminer</title>|exposure.admin.adminer|HIGH"
      })
  void shouldRaiseEachExposureOnItsProof(
      String p, String type, String body, String id, Severity severity) {
    List<Finding> f = evaluate(path(p, 200, type, body.replace("\\n", "\n").replace("\\t", "\t")));

    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.check()).isEqualTo(id);
      assertThat(x.severity()).isEqualTo(severity);
      assertThat(x.subject()).isEqualTo(p);
      assertThat(x.evidence()).startsWith("GET https://www.mairie.fr" + p + " → 200");
    });
  }

  @ParameterizedTest
  @CsvSource({"/nginx_status", "/server-status", "/status"})
  void shouldRaiseNginxStubStatusCapturedFromDebiansNginx(String p) throws Exception {
    String captured =
        Files.readString(Path.of("src/test/resources/fixtures/exposure/nginx-stub-status.txt"));

    assertThat(evaluate(path(p, 200, "text/plain", captured))).singleElement().satisfies(x -> {
      assertThat(x.check()).isEqualTo("exposure.server-status");
      assertThat(x.subject()).isEqualTo(p);
    });
  }

  @Test
  void shouldRaisePhpFpmStatusButNeverAPageThatMerelyMentionsIt() {
    String fpm =
        "pool:                 www\nprocess manager:      dynamic\nstart time:           02/Dec/2026:06:00:00 +0000\n"
            + "accepted conn:        12\nlisten queue:         0\n";

    assertThat(evaluate(path("/fpm-status", 200, "text/plain", fpm)))
        .extracting(Finding::check)
        .containsExactly("exposure.server-status");
    assertThat(
            evaluate(
                path(
                    "/status",
                    200,
                    "text/html",
                    "<html><body><p>Active connections: 3</p><p>pool: www, process manager: dynamic</p></body></html>")))
        .isEmpty();
  }

  /**
   * Tomcat's manager page (the 401 page of its manager webapp, as Tomcat 10.1 ships it) and Spring
   * Boot Actuator's index (the HAL document of its documentation's example): raised on those, and
   * not on a 401 of another server nor on a page that links to /actuator.
   */
  @Test
  void shouldRaiseTomcatsManagerOnItsOwn401PageAndActuatorOnItsIndex() throws Exception {
    String manager =
        Files.readString(Path.of("src/test/resources/fixtures/exposure/tomcat-manager-401.html"));
    String actuator =
        Files.readString(Path.of("src/test/resources/fixtures/exposure/actuator-index.json"));

    assertThat(evaluate(path("/manager/html", 401, "text/html", manager)))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.check()).isEqualTo("exposure.admin.tomcat-manager");
          assertThat(f.severity()).isEqualTo(Severity.HIGH);
          assertThat(f.evidence()).startsWith("GET https://www.mairie.fr/manager/html → 401");
        });
    assertThat(evaluate(path("/manager/html", 200, "text/html", manager)))
        .as("the manager itself asks for credentials")
        .isEmpty();
    assertThat(evaluate(path(
            "/manager/html",
            401,
            "text/html",
            "<html><title>401 Authorization Required</title></html>")))
        .isEmpty();
    assertThat(evaluate(
            path("/actuator", 200, "application/vnd.spring-boot.actuator.v3+json", actuator)))
        .extracting(Finding::check)
        .containsExactly("exposure.actuator");
    assertThat(evaluate(path(
            "/actuator", 200, "text/html", "<html><a href=\"/actuator\">supervision</a></html>")))
        .isEmpty();
  }

  @Test
  void shouldRaiseBinaryExposuresOnTheirMagicBytes() {
    assertThat(evaluate(binary("/.DS_Store", "0000000142756431000010000000080")))
        .extracting(Finding::check)
        .containsExactly("exposure.backup");
    assertThat(evaluate(binary("/backup.zip", "504b0304140000000800")))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).contains("first bytes 504b0304"));
    assertThat(evaluate(binary("/mairie.tar.gz", "1f8b0800000000000003")))
        .extracting(Finding::subject)
        .containsExactly("/mairie.tar.gz");
  }

  @Test
  void shouldRaiseNothingOnACatchAllSiteThatAnswers200ToEverything() {
    String home =
        "<html><head><title>Mairie</title></head><body><h1>Bienvenue</h1><p>Actualités de la commune et agenda des manifestations.</p></body></html>";
    List<PathResult> baselines = List.of(
        path("/vigie-1", 200, "text/html", home), path("/vigie-1.php", 200, "text/html", home));

    WebObservation w = withPaths(
        good("www.mairie.fr"),
        baselines,
        path("/.git/HEAD", 200, "text/html", home),
        path("/.env", 200, "text/html", home),
        path("/phpmyadmin/", 200, "text/html", home),
        path("/backup.sql", 200, "text/html", home),
        path("/", 200, "text/html", home));

    assertThat(CHECK.evaluate(w)).isEmpty();
  }

  @Test
  void shouldRaiseNothingOnAPageThatOnlyMentionsTheFiles() {
    String page =
        "<html><title>Sécurité</title><p>Nous avons retiré le dossier .git et phpMyAdmin (ref: refs/heads/main) ; Index of / n'est plus visible.</p></html>";

    assertThat(evaluate(
            path("/.git/HEAD", 200, "text/html", page),
            path("/phpmyadmin/", 200, "text/html", page),
            path("/.env", 200, "text/html", "<html>DB_HOST=x\nDB_USER=y</html>"),
            path("/", 200, "text/html", page)))
        .isEmpty();
  }

  @Test
  void shouldRaiseNothingOnRedirectsOrErrors() {
    assertThat(evaluate(
            new PathResult("/.git/HEAD", 301, null, 0, 0, "", "", "", "https://www.mairie.fr/"),
            path("/.env", 403, "text/html", "Forbidden")))
        .isEmpty();
  }

  @Test
  void shouldNeverShowTheSecretInTheEvidence() {
    String raw =
        "APP_KEY=base64:abcdefSECRET\nDB_PASSWORD=motdepasse\nDB_DATABASE=mairie\nMAIL_URL=smtp://user:hunter2@smtp.fr\n";

    List<Finding> f = evaluate(path("/.env", 200, "text/plain", Secrets.redact(raw)));

    assertThat(f)
        .singleElement()
        .satisfies(x -> assertThat(x.evidence())
            .contains("DB_PASSWORD=********", "DB_DATABASE=mairie")
            .doesNotContain("motdepasse", "SECRET", "hunter2"));
  }

  @Test
  void shouldAskForATechnologysOwnFilesOnlyWhereTheHomePageShowsIt() {
    WebObservation plain = good("www.mairie.fr"); // nginx, a page without WordPress
    WebObservation wordpress = new WebObservation(
        "www.mairie.fr",
        "mairie.fr",
        plain.http(),
        new fr.vigie.observation.HttpObservation(
            "www.mairie.fr",
            "https",
            plain.https().hops(),
            fr.vigie.observation.HttpObservation.End.OK,
            null,
            fr.vigie.check.WebFixtures.body(
                "<html><link rel='stylesheet' href='/wp-content/themes/mairie/style.css'></html>",
                List.of()),
            List.of()),
        plain.origin(),
        List.of(),
        List.of());
    WebObservation iis = fr.vigie.check.WebFixtures.site(
        "www.mairie.fr", fr.vigie.check.WebFixtures.withHeader("Server", "Microsoft-IIS/10.0"));

    List<String> onPlain = CHECK.paths("www.mairie.fr", "mairie.fr", plain);
    List<String> onWordpress = CHECK.paths("www.mairie.fr", "mairie.fr", wordpress);
    List<String> onIis = CHECK.paths("www.mairie.fr", "mairie.fr", iis);

    assertThat(onPlain)
        .contains("/.git/HEAD", "/.env", "/backup.sql", "/mairie.zip", "/phpmyadmin/", "/actuator")
        .doesNotContain("/wp-config.php.bak", "/wp-content/uploads/", "/web.config", "/elmah.axd");
    assertThat(onWordpress)
        .contains("/.git/HEAD", "/wp-config.php.bak", "/wp-config.php~", "/wp-content/uploads/")
        .doesNotContain("/web.config");
    assertThat(onIis).contains("/web.config", "/elmah.axd").doesNotContain("/wp-config.php.bak");
    // Without a home page to go by (what a caller that knows none asks), everything.
    assertThat(CHECK.paths("www.mairie.fr", "mairie.fr"))
        .contains("/wp-config.php.bak", "/web.config", "/elmah.axd", "/wp-content/uploads/");
    assertThat(onWordpress.size()).isGreaterThan(onPlain.size());
  }
}
