package fr.vigie.check.mail;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DomainObservation;
import java.util.List;

class SpfPermissiveCheckTest extends CheckContract<DomainObservation> {

  private static final String MX = "10 mail.x.fr.";

  @Override
  protected Check<DomainObservation> check() {
    return new SpfPermissiveCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    return List.of(
        new Example<>(
            SpfPermissiveCheck.ID,
            domain("x.fr").txt("v=spf1 a mx +all").build(),
            domain("x.fr").txt("v=spf1 a mx -all").build()),
        new Example<>(
            SpfPermissiveCheck.ID,
            domain("x.fr").txt("v=spf1 mx ?all").build(),
            domain("x.fr").txt("v=spf1 mx ~all").build()));
  }
}
