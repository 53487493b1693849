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

class DanglingCnameCheckTest extends CheckContract<HostObservation> {

  @Override
  protected Check<HostObservation> check() {
    return new DanglingCnameCheck();
  }

  private static HostObservation alias(CnameChain.End end, DnsAnswer a) {
    return host(
        "ancien.montval.fr",
        Set.of(Source.WORDLIST),
        new CnameChain(List.of("montval.wixsite-disparu.com"), end),
        a,
        null,
        null);
  }

  @Override
  protected List<Example<HostObservation>> examples() {
    DnsAnswer gone = new DnsAnswer.NxDomain(List.of("montval.wixsite-disparu.com"));
    return List.of(
        new Example<>(
            DanglingCnameCheck.ID,
            alias(CnameChain.End.DANGLING, gone),
            alias(CnameChain.End.RESOLVED, DnsAnswer.resolved(List.of("203.0.113.9")))),
        // The target's lookup timed out: the chain is unknown, not dangling.
        new Example<>(
            DanglingCnameCheck.ID,
            alias(CnameChain.End.DANGLING, gone),
            alias(CnameChain.End.UNKNOWN, new DnsAnswer.Timeout())));
  }
}
