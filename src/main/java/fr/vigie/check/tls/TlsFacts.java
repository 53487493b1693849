package fr.vigie.check.tls;

import fr.vigie.observation.Asset;
import fr.vigie.observation.TlsObservation;

/** What the TLS checks share; pure. */
final class TlsFacts {

  private TlsFacts() {}

  /** {@code host:port}, the asset of every TLS and certificate finding. */
  static String asset(TlsObservation o) {
    return Asset.endpoint(o.host(), o.port());
  }

  /** At least one handshake succeeded: there is something to judge. */
  static boolean handshook(TlsObservation o) {
    return o.answered() && !o.acceptedVersions().isEmpty();
  }
}
