package fr.vigie.check.dns;

import static fr.vigie.check.DnsFixtures.domain;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.ZoneTransferResult;
import java.util.List;
import java.util.Set;

class AxfrOpenCheckTest extends CheckContract<DomainObservation> {

  @Override
  protected Check<DomainObservation> check() {
    return new AxfrOpenCheck();
  }

  @Override
  protected List<Example<DomainObservation>> examples() {
    ZoneTransferResult open = new ZoneTransferResult.Transferred(
        "ns1.h.test", Set.of("vieux-moulin.fr", "extranet-elus.vieux-moulin.fr"), 14, false);
    return List.of(
        new Example<>(
            AxfrOpenCheck.ID,
            domain("vieux-moulin.fr").transfer(open).build(),
            domain("vieux-moulin.fr")
                .transfer(new ZoneTransferResult.Declined("ns1.h.test", "REFUSED"))
                .build()),
        // A server that did not answer proves nothing either way.
        new Example<>(
            AxfrOpenCheck.ID,
            domain("vieux-moulin.fr").transfer(open).build(),
            domain("vieux-moulin.fr")
                .transfer(new ZoneTransferResult.NoAnswer("ns1.h.test", "timeout"))
                .build()));
  }
}
