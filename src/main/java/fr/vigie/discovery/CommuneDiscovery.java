package fr.vigie.discovery;

import fr.vigie.target.Commune;
import fr.vigie.target.Scope;
import java.util.List;

/** Everything DNS discovery found for one commune: its domains and its host names. */
public record CommuneDiscovery(
    Commune commune, Scope scope, List<DomainObservation> domains, List<HostObservation> hosts) {

  public CommuneDiscovery {
    domains = List.copyOf(domains);
    hosts = List.copyOf(hosts);
  }
}
