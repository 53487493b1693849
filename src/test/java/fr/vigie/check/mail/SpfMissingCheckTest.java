package fr.vigie.check.mail;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import java.util.List;

class SpfMissingCheckTest extends CheckContract<DomainObservation> {

  private static final String MX = "10 mail.x.fr.";

  @Override
  protected Check<DomainObservation> check() {
    return new SpfMissingCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    return List.of(
        new Example<>(
            SpfMissingCheck.ID,
            domain("x.fr").mx(MX).build(),
            domain("x.fr").mx(MX).txt("v=spf1 mx -all").build()),
        // A TXT question that timed out: the record may well exist.
        new Example<>(
            SpfMissingCheck.ID,
            domain("x.fr").mx(MX).build(),
            domain("x.fr").mx(MX).record("TXT", new DnsAnswer.Timeout()).build()));
  }
}
