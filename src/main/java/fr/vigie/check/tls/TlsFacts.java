package fr.vigie.check.tls;

import fr.vigie.probe.TlsObservation;

/** What the TLS checks share; pure. */
final class TlsFacts {

  private TlsFacts() {}

  /** {@code host:port}, the asset of every TLS and certificate finding. */
  static String asset(TlsObservation o) {
    return o.host() + ":" + o.port();
  }

  /** At least one handshake succeeded: there is something to judge. */
  static boolean handshook(TlsObservation o) {
    return o.answered() && !o.acceptedVersions().isEmpty();
  }
}
