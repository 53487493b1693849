package fr.vigie.check.tls;

import static fr.vigie.check.tls.TlsFixtures.good;
import static fr.vigie.check.tls.TlsFixtures.observation;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.TlsObservation;
import java.util.List;
import java.util.Set;

class TlsCipherCheckTest extends CheckContract<TlsObservation> {

  private static final List<String> MODERN = List.of("TLSv1.2", "TLSv1.3");

  @Override
  protected Check<TlsObservation> check() {
    return new TlsCipherCheck();
  }

  /** RC4 is high, 3DES medium: the catalogue gives the usual one. */
  @Override
  protected Set<String> severityVaries() {
    return Set.of(TlsCipherCheck.WEAK);
  }

  @Override
  protected List<Example<TlsObservation>> examples() {
    return List.of(
        new Example<>(
            TlsCipherCheck.WEAK, observation(MODERN, List.of("RC4"), true, true, null), good()),
        new Example<>(
            TlsCipherCheck.WEAK, observation(MODERN, List.of("3DES"), true, true, null), good()),
        new Example<>(
            TlsCipherCheck.NO_FS,
            observation(MODERN, List.of(), false, true, null),
            // Not known (the probe could not tell): nothing said.
            observation(MODERN, List.of(), null, true, null)),
        new Example<>(
            TlsCipherCheck.RENEGOTIATION,
            observation(MODERN, List.of(), true, false, null),
            observation(MODERN, List.of(), true, null, null)));
  }
}
