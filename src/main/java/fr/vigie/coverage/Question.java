package fr.vigie.coverage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One question a scan may ask of one asset: what a check's finding rests on. A finding is
 * resolved only when a later scan asked the same question and got a conclusive answer without
 * it.
 *
 * @param asset a domain, host name, {@code host:port} or {@code address:port}
 * @param detail what precisely: the record type for DNS ({@code TXT}, {@code DMARC}…), the path
 *     for PATHS; empty otherwise
 */
public record Question(Probe probe, String asset, String detail) {

  public Question {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(asset, "asset");
    detail = detail == null ? "" : detail;
  }

  /** A record of a domain ({@code SOA}, {@code TXT}, {@code CAA}, {@code DMARC}, {@code WILDCARD}…). */
  public static Question dns(String domain, String type) {
    return new Question(Probe.DNS, domain, type);
  }

  /** The addresses (and CNAME chain) of a host name. */
  public static Question host(String name) {
    return new Question(Probe.DNS, name, "A");
  }

  public static Question web(String host) {
    return new Question(Probe.WEB, host, "");
  }

  public static Question path(String host, String path) {
    return new Question(Probe.PATHS, host, path);
  }

  public static Question tls(String hostPort) {
    return new Question(Probe.TLS, hostPort, "");
  }

  public static Question tech(String asset) {
    return new Question(Probe.TECH, asset, "");
  }

  private static final Pattern ADDRESS_PORT =
      Pattern.compile("(\\d+\\.){3}\\d+:\\d+|\\[[0-9a-fA-F:.]+\\]:\\d+");

  /** An address and a port ({@code 203.0.113.7:25}, {@code [2001:db8::1]:22}): the port probe's. */
  public static boolean isAddressPort(String asset) {
    return ADDRESS_PORT.matcher(asset).matches();
  }

  /** A port of an address, {@code 203.0.113.7:3389}. */
  public static Question port(String addressPort) {
    return new Question(Probe.PORTS, addressPort, "");
  }
}
