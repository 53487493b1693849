package fr.vigie.target;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registrable domains of a commune's seeds. A host is probed only when it is one of them or
 * under one of them; everything else seen (an MX at the mail provider, a CNAME to a CDN) is
 * recorded as out of scope.
 */
public record Scope(List<String> domains) {

  public Scope {
    domains = List.copyOf(domains);
  }

  public static Scope of(Commune commune) {
    Set<String> domains = new LinkedHashSet<>();
    for (String seed : commune.seeds()) {
      try {
        domains.add(DomainNames.registrableDomain(seed));
      } catch (InvalidTargetException e) {
        // Seeds were validated when the commune was read; a public suffix cannot get here.
        throw new IllegalStateException(e);
      }
    }
    return new Scope(List.copyOf(domains));
  }

  /** The registrable domain of the scope that holds this host, if any. */
  public java.util.Optional<String> domainOf(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    for (String d : domains) {
      if (DomainNames.isUnder(h, d)) {
        return java.util.Optional.of(d);
      }
    }
    return java.util.Optional.empty();
  }

  public boolean contains(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    for (String d : domains) {
      if (DomainNames.isUnder(h, d)) {
        return true;
      }
    }
    return false;
  }
}
