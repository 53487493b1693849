package fr.vigie.check.mail;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import java.util.List;

class SpfInvalidCheckTest extends CheckContract<DomainObservation> {

  private static final String MX = "10 mail.x.fr.";

  @Override
  protected Check<DomainObservation> check() {
    return new SpfInvalidCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    return List.of(
        new Example<>(
            SpfInvalidCheck.ID,
            domain("x.fr").txt("v=spf1 mx -all", "v=spf1 a -all").build(),
            domain("x.fr").txt("v=spf1 mx -all").build()),
        new Example<>(
            SpfInvalidCheck.ID,
            domain("x.fr").txt("v=spf1 ip4:192.0.2.300 includ:h.fr -all").build(),
            domain("x.fr")
                .txt("v=spf1 ip4:192.0.2.30 include:h.fr -all")
                .include("h.fr", "v=spf1 -all")
                .build()),
        new Example<>(
            SpfInvalidCheck.ID,
            domain("x.fr")
                .txt("v=spf1 include:h.fr -all")
                .include("h.fr", DnsAnswer.noData())
                .build(),
            domain("x.fr")
                .txt("v=spf1 include:h.fr -all")
                .include("h.fr", "v=spf1 mx -all")
                .build()));
  }
}
