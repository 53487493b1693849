package fr.vigie.check.dns;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import java.util.List;

class DnssecMissingCheckTest extends CheckContract<DomainObservation> {

  @Override
  protected Check<DomainObservation> check() {
    return new DnssecMissingCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    return List.of(
        new Example<>(
            DnssecMissingCheck.ID,
            domain("lacombe.fr").build(),
            domain("lacombe.fr")
                .records("DS", "2371 13 2 1F987CC6583E92DF0890718C42")
                .build()),
        new Example<>(
            DnssecMissingCheck.ID,
            domain("lacombe.fr").build(),
            domain("lacombe.fr").record("DS", new DnsAnswer.Timeout()).build()));
  }
}
