package fr.vigie.report;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.HostObservation.Source;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OnePerServerTest {

  private static HostObservation host(String name, String... addresses) {
    return new HostObservation(
        name,
        Set.of(Source.WORDLIST),
        true,
        CnameChain.none(),
        DnsAnswer.resolved(List.of(addresses)),
        null,
        null,
        Arrays.stream(addresses)
            .map(a -> new HostObservation.Address(a, "public", true))
            .toList());
  }

  @Test
  void shouldCountTheSameProblemOnTwoNamesOfOneServerOnceForTheGrade() {
    Map<String, HostObservation> hosts = Map.of(
        "mail.mairie.fr", host("mail.mairie.fr", "192.0.2.10"),
        "webmail.mairie.fr", host("webmail.mairie.fr", "192.0.2.10"),
        "www.mairie.fr", host("www.mairie.fr", "192.0.2.20"));
    Finding a =
        new Finding("tech.vulnerable", Severity.CRITICAL, "mail.mairie.fr", "Roundcube", "1.6.5");
    Finding b = new Finding(
        "tech.vulnerable", Severity.CRITICAL, "webmail.mairie.fr", "Roundcube", "1.6.5");
    Finding c =
        new Finding("tls.protocol.tls10", Severity.MEDIUM, "mail.mairie.fr:443", "TLSv1", "");
    Finding d =
        new Finding("tls.protocol.tls10", Severity.MEDIUM, "webmail.mairie.fr:8443", "TLSv1", "");
    Finding e =
        new Finding("tech.vulnerable", Severity.CRITICAL, "www.mairie.fr", "Roundcube", "1.6.5");

    assertThat(ReportBuilder.onePerServer(List.of(a, b, c, d, e), hosts))
        .as("one Roundcube per server, another port is another service")
        .containsExactly(a, c, d, e);
  }
}
