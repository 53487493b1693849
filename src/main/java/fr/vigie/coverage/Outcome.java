package fr.vigie.coverage;

import java.util.Locale;

/** What one question got. Only a conclusive outcome can resolve a finding. */
public enum Outcome {
  /** An answer came back (records, a page, a handshake, an open port). */
  ANSWERED,
  /** DNS said authoritatively that there is nothing (NXDOMAIN, no data). */
  ABSENT,
  /** The connection was refused: nothing listens there. */
  REFUSED,
  /** No answer in time, or given up after earlier timeouts of the same zone or host. */
  NO_ANSWER,
  /** An error answer: SERVFAIL, REFUSED from a resolver, a broken exchange. */
  FAILED,
  /** This scan did not ask. */
  NOT_ASKED;

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Outcome parse(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /**
   * Whether this outcome lets the scan say what is there. A refused port is conclusive for the
   * port probe (nothing listens, the service is gone); a web or TLS server that refuses is a
   * server down, not a fix.
   */
  public boolean conclusive(Probe probe) {
    return switch (this) {
      case ANSWERED, ABSENT -> true;
      case REFUSED -> probe == Probe.PORTS;
      default -> false;
    };
  }
}
