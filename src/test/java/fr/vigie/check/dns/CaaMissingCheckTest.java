package fr.vigie.check.dns;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import java.util.List;

class CaaMissingCheckTest extends CheckContract<DomainObservation> {

  @Override
  protected Check<DomainObservation> check() {
    return new CaaMissingCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    return List.of(
        new Example<>(
            CaaMissingCheck.ID,
            domain("montval.fr").build(),
            domain("montval.fr").records("CAA", "0 issue \"letsencrypt.org\"").build()),
        // A CAA question that timed out says nothing: not raised.
        new Example<>(
            CaaMissingCheck.ID,
            domain("montval.fr").record("CAA", DnsAnswer.noData()).build(),
            domain("montval.fr").record("CAA", new DnsAnswer.Timeout()).build()));
  }
}
