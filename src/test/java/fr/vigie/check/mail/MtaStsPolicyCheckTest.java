package fr.vigie.check.mail;

import static fr.vigie.check.WebFixtures.path;
import static fr.vigie.check.WebFixtures.withPaths;
import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.check.WebFixtures;
import fr.vigie.model.Finding;
import fr.vigie.observation.WebObservation;
import java.util.List;
import org.junit.jupiter.api.Test;

class MtaStsPolicyCheckTest extends CheckContract<WebObservation> {

  @Override
  protected Check<WebObservation> check() {
    return new MtaStsPolicyCheck();
  }

  private static WebObservation policy(int status, String body) {
    return withPaths(
        WebFixtures.good("mta-sts.mairie.fr"),
        List.of(),
        path(MtaStsPolicyCheck.PATH, status, "text/plain", body));
  }

  @Override
  protected List<Example<WebObservation>> examples() {
    return List.of(
        new Example<>(
            MtaStsPolicyCheck.ID, policy(404, "<html>Not Found</html>"), policy(200, POLICY)),
        new Example<>(
            MtaStsPolicyCheck.ID,
            policy(200, "version: STSv1\nmode: enforce\n"),
            policy(200, POLICY.replace("\n", "\r\n"))));
  }

  private static final String POLICY =
      "version: STSv1\nmode: enforce\nmx: mx.mairie.fr\nmax_age: 604800\n";

  private static List<Finding> run(String host, int status, String body) {
    WebObservation w = withPaths(
        WebFixtures.good(host),
        List.of(),
        path("/.well-known/mta-sts.txt", status, "text/plain", body));
    return new MtaStsPolicyCheck().evaluate(w);
  }

  @Test
  void shouldAcceptAValidPolicy() {
    assertThat(run("mta-sts.mairie.fr", 200, POLICY)).isEmpty();
    assertThat(run("mta-sts.mairie.fr", 200, POLICY.replace("\n", "\r\n"))).isEmpty();
  }

  @Test
  void shouldSayAMissingOrBrokenPolicyOnTheDomain() {
    assertThat(run("mta-sts.mairie.fr", 404, "<html>Not Found</html>"))
        .singleElement()
        .satisfies(f -> {
          assertThat(f.check()).isEqualTo("mail.mta-sts.invalid");
          assertThat(f.asset()).isEqualTo("mairie.fr");
          assertThat(f.evidence())
              .contains("https://mta-sts.mairie.fr/.well-known/mta-sts.txt → 404");
        });
    assertThat(run("mta-sts.mairie.fr", 200, "<html>Bienvenue</html>"))
        .extracting(Finding::evidence)
        .singleElement()
        .asString()
        .contains("without a 'version: STSv1' line");
    assertThat(run("mta-sts.mairie.fr", 200, "version: STSv1\nmode: sometimes\n"))
        .hasSize(1);
  }

  @Test
  void shouldOnlyLookAtTheMtaStsHost() {
    assertThat(run("www.mairie.fr", 404, "")).isEmpty();
  }
}
