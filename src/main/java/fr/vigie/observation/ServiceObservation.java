package fr.vigie.observation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the port probe saw on one address: every port of the list, open or not, and for the open
 * ones what answered. Everything here came from the server: untrusted.
 *
 * @param address the address literal probed
 * @param hosts the in-scope names that point to it (the address is probed once for all)
 * @param mxHosts those of them that receive the commune's mail (MX)
 * @param ports one result per port of the list, in list order
 */
public record ServiceObservation(
    String address, List<String> hosts, List<String> mxHosts, List<Port> ports) {

  public ServiceObservation {
    hosts = List.copyOf(hosts);
    mxHosts = mxHosts == null ? List.of() : List.copyOf(mxHosts);
    ports = List.copyOf(ports);
  }

  public enum State {
    /** The TCP connection was accepted. */
    OPEN,
    /** Refused (RST): nothing listens. */
    CLOSED,
    /** No answer in time (a firewall drops it): not open as far as anyone can tell. */
    FILTERED
  }

  /**
   * One port.
   *
   * @param protocol what the answer proved ({@code ssh}, {@code rdp}, {@code redis}…), or
   *     {@code unknown} when the port is open and nothing could be identified
   * @param product the software, when the answer names it ({@code OpenSSH}, {@code vsFTPd})
   * @param version its version as sent
   * @param banner the first line or the decisive answer, printable characters only, cut
   * @param facts what the safe exchange established, e.g. {@code auth=none}, {@code nla=required},
   *     {@code smb1=accepted}, {@code starttls=offered}, {@code security-types=1,2}
   */
  public record Port(
      int port,
      State state,
      String protocol,
      String product,
      String version,
      String banner,
      Map<String, String> facts) {
    public Port {
      facts = facts == null ? Map.of() : Map.copyOf(facts);
      banner = banner == null ? "" : banner;
    }

    public boolean open() {
      return state == State.OPEN;
    }

    /** What the exchange established of this fact; null when it did not. */
    public String fact(ServiceFact fact) {
      return facts.get(fact.key());
    }

    /** Whether this fact has this value (a value the fact cannot take is refused). */
    public boolean is(ServiceFact fact, String value) {
      return fact.checked(value).equals(fact(fact));
    }
  }

  public Optional<Port> port(int number) {
    return ports.stream().filter(p -> p.port() == number).findFirst();
  }
}
