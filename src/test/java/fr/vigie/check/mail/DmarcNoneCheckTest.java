package fr.vigie.check.mail;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DomainObservation;
import java.util.List;

class DmarcNoneCheckTest extends CheckContract<DomainObservation> {

  private static final String MX = "10 mail.x.fr.";

  @Override
  protected Check<DomainObservation> check() {
    return new DmarcNoneCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    return List.of(
        new Example<>(
            DmarcNoneCheck.ID,
            domain("x.fr").mx(MX).dmarc("v=DMARC1; p=none; rua=mailto:d@x.fr").build(),
            domain("x.fr").mx(MX).dmarc("v=DMARC1; p=quarantine").build()),
        new Example<>(
            DmarcNoneCheck.ID,
            domain("x.fr").mx(MX).dmarc("v=DMARC1; rua=mailto:d@x.fr").build(),
            domain("x.fr").mx(MX).dmarc("v=DMARC1;p=REJECT").build()));
  }
}
