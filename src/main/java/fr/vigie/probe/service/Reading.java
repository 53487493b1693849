package fr.vigie.probe.service;

import fr.vigie.observation.ServiceFact;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one answer says: the protocol, the software and version it names, a printable banner,
 * and what the safe exchange established ({@code starttls=offered}, {@code smb1=accepted}…).
 */
public record Reading(
    String protocol, String product, String version, String banner, Map<String, String> facts) {

  public static Reading of(String protocol, String banner) {
    return new Reading(protocol, null, null, banner, Map.of());
  }

  public Reading with(ServiceFact fact, String value) {
    Map<String, String> f = new LinkedHashMap<>(facts);
    f.put(fact.key(), fact.checked(value));
    return new Reading(protocol, product, version, banner, f);
  }

  public Reading product(String name, String v) {
    return new Reading(protocol, name, v, banner, facts);
  }

  /** The same reading under the name the port list gives (pop3s, submission…). */
  public Reading as(String name) {
    return new Reading(name, product, version, banner, facts);
  }
}
