package fr.vigie.coverage;

import java.util.Locale;

/**
 * The families of questions a scan can ask. A scan records which ran (and which options left
 * out), so that the diff can tell "not asked" from "asked, and gone".
 */
public enum Probe {
  /** The records of the commune's domains and the addresses of its host names. */
  DNS,
  /** The subdomain wordlist tried under each domain. */
  WORDLIST,
  /** {@code http://host/} and {@code https://host/}. */
  WEB,
  /** The exposed-path list (and security.txt, the MTA-STS policy) on the origin that answered. */
  PATHS,
  /** The TLS probe on each HTTPS port. */
  TLS,
  /** The technology rules, with their version sources. */
  TECH,
  /** The port probe. */
  PORTS,
  /** TLS over STARTTLS on the MX hosts' port 25. */
  MAIL,
  /** Certificate Transparency logs, through a search API ({@code --ct}). */
  CT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Probe parse(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
