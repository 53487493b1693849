package fr.vigie.check.mail;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.model.Finding;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailTransportCheckTest extends CheckContract<DomainObservation> {

  private static final List<String> MX = List.of("10 mx.mairie.fr.");
  private static final DnsAnswer STS = DnsAnswer.resolved(List.of("v=STSv1; id=2026"));
  private static final DnsAnswer RPT =
      DnsAnswer.resolved(List.of("v=TLSRPTv1; rua=mailto:t@mairie.fr"));

  @Override
  protected Check<DomainObservation> check() {
    return new MailTransportCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    DnsAnswer nx = new DnsAnswer.NxDomain(List.of());
    return List.of(
        new Example<>(MailTransportCheck.MTA_STS, domain(MX, nx, RPT), domain(MX, STS, RPT)),
        new Example<>(
            MailTransportCheck.MTA_STS,
            domain(MX, nx, RPT),
            domain(MX, new DnsAnswer.Timeout(), RPT)),
        new Example<>(
            MailTransportCheck.TLS_RPT, domain(MX, STS, DnsAnswer.noData()), domain(MX, STS, RPT)),
        // A domain that receives no mail needs neither.
        new Example<>(
            MailTransportCheck.TLS_RPT,
            domain(MX, STS, DnsAnswer.noData()),
            domain(List.of(), null, null)));
  }

  private static List<Finding> run(List<String> mx, DnsAnswer mtaSts, DnsAnswer tlsRpt) {
    return new MailTransportCheck().evaluate(domain(mx, mtaSts, tlsRpt));
  }

  private static DomainObservation domain(List<String> mx, DnsAnswer mtaSts, DnsAnswer tlsRpt) {
    Map<String, DnsAnswer> records = Map.of(
        "MX", mx.isEmpty() ? DnsAnswer.noData() : DnsAnswer.resolved(mx),
        "TXT", DnsAnswer.resolved(List.of("v=spf1 mx -all")),
        "SOA",
            DnsAnswer.resolved(
                List.of("ns1.mairie.fr. hostmaster.mairie.fr. 1 3600 600 86400 300")));
    DomainObservation d = new DomainObservation(
        "mairie.fr",
        records,
        DnsAnswer.noData(),
        Map.of(),
        "vigie-1.mairie.fr",
        new DnsAnswer.NxDomain(List.of()),
        mtaSts,
        tlsRpt);
    return d;
  }

  @Test
  void shouldSayBothMissingForADomainThatReceivesMail() {
    assertThat(
            run(List.of("10 mx.mairie.fr."), new DnsAnswer.NxDomain(List.of()), DnsAnswer.noData()))
        .extracting(Finding::check)
        .containsExactly("mail.mta-sts.missing", "mail.tls-rpt.missing");
  }

  @Test
  void shouldSayNothingWhenPublishedOrWhenTheDomainReceivesNoMail() {
    assertThat(run(
            List.of("10 mx.mairie.fr."),
            DnsAnswer.resolved(List.of("v=STSv1; id=2026")),
            DnsAnswer.resolved(List.of("v=TLSRPTv1; rua=mailto:t@mairie.fr"))))
        .isEmpty();
    assertThat(run(List.of(), null, null)).isEmpty();
  }

  @Test
  void shouldSayNothingOnATimeout() {
    assertThat(run(List.of("10 mx.mairie.fr."), new DnsAnswer.Timeout(), new DnsAnswer.Timeout()))
        .isEmpty();
  }
}
