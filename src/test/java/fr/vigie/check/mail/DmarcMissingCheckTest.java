package fr.vigie.check.mail;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import java.util.List;

class DmarcMissingCheckTest extends CheckContract<DomainObservation> {

  private static final String MX = "10 mail.x.fr.";

  @Override
  protected Check<DomainObservation> check() {
    return new DmarcMissingCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    return List.of(
        new Example<>(
            DmarcMissingCheck.ID,
            domain("x.fr").mx(MX).build(),
            domain("x.fr").mx(MX).dmarc("v=DMARC1; p=reject").build()),
        new Example<>(
            DmarcMissingCheck.ID,
            domain("x.fr").mx(MX).build(),
            domain("x.fr").mx(MX).dmarc(new DnsAnswer.Timeout()).build()));
  }
}
