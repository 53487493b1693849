package fr.vigie.observation;

import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import java.util.List;
import java.util.Map;

/**
 * Everything DNS discovery found for one commune: its domains and its host names, and what it
 * asked without keeping (wordlist names).
 *
 * @param wordlistDomains the domains the wordlist was tried under (a zone that did not answer
 *     is not)
 * @param unanswered wordlist names dropped without a conclusive answer (timeout, SERVFAIL): not
 *     known to be absent
 */
public record CommuneDiscovery(
    Commune commune,
    Scope scope,
    List<DomainObservation> domains,
    List<HostObservation> hosts,
    List<String> wordlistDomains,
    Map<String, DnsAnswer> unanswered) {

  public CommuneDiscovery {
    domains = List.copyOf(domains);
    hosts = List.copyOf(hosts);
    wordlistDomains = wordlistDomains == null ? List.of() : List.copyOf(wordlistDomains);
    unanswered = unanswered == null ? Map.of() : Map.copyOf(unanswered);
  }

  public CommuneDiscovery(
      Commune commune, Scope scope, List<DomainObservation> domains, List<HostObservation> hosts) {
    this(commune, scope, domains, hosts, List.of(), Map.of());
  }
}
