package fr.vigie.observation;

import java.util.List;

/**
 * The paths the checks need requested on a web host. The web probe asks this, never the checks
 * themselves, so that adding a check that reads a file ({@code /.well-known/security.txt}) never
 * edits the probe.
 */
@FunctionalInterface
public interface PathRequests {

  /** The paths to request on {@code host}, a name under {@code registrableDomain}, in order. */
  List<String> paths(String host, String registrableDomain);

  /** The paths once the home page ({@code home}, without paths yet) is known. */
  default List<String> paths(String host, String registrableDomain, WebObservation home) {
    return paths(host, registrableDomain);
  }

  PathRequests NONE = (host, domain) -> List.of();
}
