package fr.vigie.observation;

/**
 * The names assets go by in findings, coverage, the store and the diff. They are part of every
 * finding's key, so they are built here and nowhere else: two spellings of one endpoint would
 * make a finding "new" and its twin "resolved" the same night.
 */
public final class Asset {

  private Asset() {}

  /** A TLS or web endpoint on a host name: {@code www.mairie.fr:443}. */
  public static String endpoint(String host, int port) {
    return host + ":" + port;
  }

  /** A port on an address: {@code 203.0.113.7:3389}, {@code [2001:db8::1]:22}. */
  public static String address(String address, int port) {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }

  /** An identified service: {@code 203.0.113.7:3389/rdp}, {@code [2001:db8::1]:22/ssh}. */
  public static String service(String address, int port, String protocol) {
    return address(address, port) + "/" + protocol;
  }

  /** A host name and one of its addresses, as the diff lists them: {@code www.mairie.fr 203.0.113.7}. */
  public static String hostAddress(String host, String address) {
    return host + " " + address;
  }
}
