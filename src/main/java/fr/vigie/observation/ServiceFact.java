package fr.vigie.observation;

import java.util.List;

/**
 * What a service's safe exchange can establish, and the values each fact may take. Stored as
 * {@code key=value} pairs (the JSON is unchanged); in code a fact is named by this enum and a
 * value outside its list is refused where it is written or compared, so that a typo is a test
 * failure, not a check that silently never fires.
 */
public enum ServiceFact {
  /** A database that refused the connection outright (MySQL's host-not-allowed packet). */
  ACCESS("access", "refused"),
  /** FTP's anonymous login, tried with {@code --intrusive} only. */
  ANONYMOUS("anonymous", "allowed", "refused"),
  /** Whether anyone may use the service without credentials. */
  AUTH("auth", "none", "required"),
  /** RDP's negotiation failure code. */
  FAILURE("failure"),
  /** RDP's Network Level Authentication. */
  NLA("nla", "required", "not-required", "unknown"),
  /** The distribution package a banner names ({@code Debian-2+deb12u3}). */
  PACKAGED("packaged"),
  /** VNC's security types, as offered. */
  SECURITY_TYPES("security-types"),
  /** RDP's selected security protocol. */
  SELECTED("selected"),
  /** SMB2 signing. */
  SIGNING("signing", "required", "not-required"),
  /** Whether the server still accepts SMB1. */
  SMB1("smb1", "accepted", "refused"),
  /** Whether an SMTP server's EHLO offers STARTTLS. */
  STARTTLS("starttls", "offered", "missing"),
  /** PostgreSQL's answer to an SSLRequest. */
  TLS("tls", "offered", "refused");

  private final String key;
  private final List<String> values;

  ServiceFact(String key, String... values) {
    this.key = key;
    this.values = List.of(values);
  }

  /** The name stored ({@code smb1}). */
  public String key() {
    return key;
  }

  /** The values it may take; empty for free text (a version, a list). */
  public List<String> allowed() {
    return values;
  }

  /** The value, when it is one this fact may take. */
  public String checked(String value) {
    if (!values.isEmpty() && !values.contains(value)) {
      throw new IllegalArgumentException(
          key + "=" + value + " is not a value of this fact (" + String.join(", ", values) + ")");
    }
    return value;
  }
}
