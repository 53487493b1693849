package fr.vigie.check.dns;

import static fr.vigie.check.DnsFixtures.host;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.HostObservation.Source;
import java.util.List;
import java.util.Set;

class DnsUnresolvableCheckTest extends CheckContract<HostObservation> {

  @Override
  protected Check<HostObservation> check() {
    return new DnsUnresolvableCheck();
  }

  private static HostObservation seed(DnsAnswer a, DnsAnswer mx) {
    return host("mairie-vieux-moulin.fr", Set.of(Source.SEED), CnameChain.none(), a, null, mx);
  }

  @Override
  protected List<Example<HostObservation>> examples() {
    DnsAnswer nx = DnsAnswer.nxDomain();
    return List.of(
        new Example<>(
            DnsUnresolvableCheck.ID,
            seed(nx, nx),
            seed(DnsAnswer.noData(), DnsAnswer.resolved(List.of("10 mx.mairie-vieux-moulin.fr.")))),
        // A resolver that timed out proves no absence.
        new Example<>(
            DnsUnresolvableCheck.ID,
            seed(nx, nx),
            seed(new DnsAnswer.Timeout(), new DnsAnswer.Timeout())));
  }
}
