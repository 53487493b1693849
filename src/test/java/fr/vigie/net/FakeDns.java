package fr.vigie.net;

import fr.vigie.observation.DnsAnswer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A DNS that answers from a table: NXDOMAIN for names it does not know, no data for types. */
public final class FakeDns implements DnsClient {

  private final Map<String, Map<String, DnsAnswer>> names = new HashMap<>();

  public FakeDns add(String name, String type, String... records) {
    return set(name, type, DnsAnswer.resolved(List.of(records)));
  }

  public FakeDns set(String name, String type, DnsAnswer answer) {
    names.computeIfAbsent(name, k -> new HashMap<>()).put(type, answer);
    return this;
  }

  @Override
  public DnsAnswer query(String name, String type) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    Map<String, DnsAnswer> types = names.get(n);
    if (types == null) {
      return DnsAnswer.nxDomain();
    }
    return types.getOrDefault(type, DnsAnswer.noData());
  }
}
