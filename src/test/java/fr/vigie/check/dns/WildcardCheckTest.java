package fr.vigie.check.dns;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import java.util.List;

class WildcardCheckTest extends CheckContract<DomainObservation> {

  @Override
  protected Check<DomainObservation> check() {
    return new WildcardCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    return List.of(new Example<>(
        WildcardCheck.ID,
        domain("refusville.fr")
            .wildcard(DnsAnswer.resolved(List.of("203.0.113.40")))
            .build(),
        domain("refusville.fr").wildcard(DnsAnswer.nxDomain()).build()));
  }
}
