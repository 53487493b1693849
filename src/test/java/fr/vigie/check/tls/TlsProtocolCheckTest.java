package fr.vigie.check.tls;

import static fr.vigie.check.tls.TlsFixtures.accepting;
import static fr.vigie.check.tls.TlsFixtures.good;
import static fr.vigie.check.tls.TlsFixtures.observation;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.TlsObservation;
import java.util.List;

class TlsProtocolCheckTest extends CheckContract<TlsObservation> {

  @Override
  protected Check<TlsObservation> check() {
    return new TlsProtocolCheck();
  }

  @Override
  protected List<Example<TlsObservation>> examples() {
    return List.of(
        new Example<>(TlsProtocolCheck.SSLV3, accepting("TLSv1.2", "TLSv1.3", "SSLv3"), good()),
        new Example<>(TlsProtocolCheck.TLS10, accepting("TLSv1.2", "TLSv1.3", "TLSv1"), good()),
        new Example<>(TlsProtocolCheck.TLS11, accepting("TLSv1.2", "TLSv1.1"), good()),
        // TLS 1.3 alone is the strongest setup, not "TLS 1.2 missing".
        new Example<>(
            TlsProtocolCheck.TLS12_MISSING, accepting("TLSv1.1", "TLSv1"), accepting("TLSv1.3")),
        new Example<>(TlsProtocolCheck.TLS13_MISSING, accepting("TLSv1.2"), good()),
        new Example<>(
            TlsProtocolCheck.OVERSIZED,
            observation(
                List.of("TLSv1.2", "TLSv1.3"),
                List.of(),
                true,
                true,
                "oversized: certificate message of 307200 bytes, over the 256 KiB limit"),
            good()));
  }
}
