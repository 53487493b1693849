package fr.vigie.inventory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The registrable domains of a commune's seeds. A host is probed only when it is one of them or
 * under one of them; everything else seen (an MX at the mail provider, a CNAME to a CDN) is
 * recorded as out of scope.
 */
public record Scope(List<String> domains, Set<String> hosted) {

  public Scope {
    domains = List.copyOf(domains);
    hosted = Set.copyOf(hosted);
  }

  public Scope(List<String> domains) {
    this(domains, Set.of());
  }

  /**
   * The registrable domains of the seeds; a seed under a shared parent (a site builder, a
   * provider's personal pages, see {@code shared-parents.txt}) is its own scope instead, and is
   * listed in {@link #hosted()}: the commune owns that name, not the platform's zone.
   */
  public static Scope of(Commune commune) {
    Set<String> domains = new LinkedHashSet<>();
    Set<String> hosted = new LinkedHashSet<>();
    for (String seed : commune.seeds()) {
      try {
        String registrable = DomainNames.registrableDomain(seed);
        if (SharedParents.builtIn().contains(registrable) && !seed.equals(registrable)) {
          domains.add(seed);
          hosted.add(seed);
        } else {
          domains.add(registrable);
        }
      } catch (InvalidTargetException e) {
        // Seeds were validated when the commune was read; a public suffix cannot get here.
        throw new IllegalStateException(e);
      }
    }
    return new Scope(List.copyOf(domains), hosted);
  }

  /** Whether this scope entry is a name on a shared platform rather than a zone of the commune. */
  public boolean isHosted(String domain) {
    return hosted.contains(domain);
  }

  /** The registrable domain of the scope that holds this host, if any. */
  public Optional<String> domainOf(String host) {
    String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    for (String d : domains) {
      if (DomainNames.isUnder(h, d)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
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
