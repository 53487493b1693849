package fr.vigie.coverage;

import fr.vigie.observation.Asset;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.ServiceObservation;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The assets a scan saw of a commune, as the diff names them: in-scope host names that exist (an
 * address or a CNAME), {@code host address} pairs, and identified services ({@code
 * 203.0.113.7:3389/rdp}).
 */
public final class Assets {

  private Assets() {}

  public static Set<String> of(
      Collection<HostObservation> hosts, Collection<ServiceObservation> services) {
    Set<String> out = new TreeSet<>();
    for (HostObservation h : hosts) {
      if (h.inScope() && (h.hasAddress() || !h.cname().isEmpty())) {
        out.add(h.name());
        h.addresses().forEach(a -> out.add(Asset.hostAddress(h.name(), a.address())));
      }
    }
    for (ServiceObservation o : services) {
      for (ServiceObservation.Port p : o.ports()) {
        if (p.open() && !p.protocol().equals("unknown")) {
          out.add(service(o.address(), p));
        }
      }
    }
    return out;
  }

  /** {@code 203.0.113.7:3389/rdp}. */
  public static String service(String address, ServiceObservation.Port p) {
    return service(address, p.port(), p.protocol());
  }

  /** {@code 203.0.113.7:3389/rdp}, {@code [2001:db8::1]:22/ssh}. */
  public static String service(String address, int port, String protocol) {
    return Asset.service(address, port, protocol);
  }
}
