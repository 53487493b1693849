package fr.vigie.check.tls;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.TlsObservation;
import java.util.ArrayList;
import java.util.List;

/**
 * Protocol versions (ANSSI TLS guide R3/R4, RFC 8996, RFC 7568): SSLv3, TLS 1.0 and 1.1 accepted;
 * TLS 1.2 missing; TLS 1.3 not offered. Said only when the server answered handshakes.
 */
public final class TlsProtocolCheck extends BaseCheck<TlsObservation> {

  public static final String SSLV3 = "tls.protocol.sslv3";
  public static final String TLS10 = "tls.protocol.tls10";
  public static final String TLS11 = "tls.protocol.tls11";
  public static final String TLS12_MISSING = "tls.protocol.tls12-missing";
  public static final String TLS13_MISSING = "tls.protocol.tls13-missing";
  public static final String OVERSIZED = "tls.handshake.oversized";

  public TlsProtocolCheck() {
    super(TlsObservation.class, SSLV3, TLS10, TLS11, TLS12_MISSING, TLS13_MISSING, OVERSIZED);
  }

  @Override
  public List<Finding> evaluate(TlsObservation o) {
    if (!TlsFacts.handshook(o)) {
      return List.of();
    }
    String asset = TlsFacts.asset(o);
    List<Finding> out = new ArrayList<>();
    accepted(o, "SSLv3", SSLV3, Severity.HIGH, out, asset);
    accepted(o, "TLSv1", TLS10, Severity.MEDIUM, out, asset);
    accepted(o, "TLSv1.1", TLS11, Severity.MEDIUM, out, asset);
    Evidence offered = Evidence.of("tls.protocol.offered", "versions", o.acceptedVersions());
    // Only when the best version offered is below TLS 1.2: TLS 1.3 alone is the strongest setup.
    if (o.version("TLSv1.2").isPresent() && !o.accepts("TLSv1.2") && !o.accepts("TLSv1.3")) {
      out.add(finding(TLS12_MISSING, asset, "TLSv1.2", offered));
    }
    if (o.version("TLSv1.3").isPresent() && !o.accepts("TLSv1.3")) {
      out.add(finding(TLS13_MISSING, asset, "TLSv1.3", offered));
    }
    if (o.incomplete() != null && o.incomplete().startsWith("oversized")) {
      out.add(finding(OVERSIZED, asset, "", oversized(o.incomplete())));
    }
    return out;
  }

  private static final java.util.regex.Pattern OVERSIZED_DETAIL = java.util.regex.Pattern.compile(
      "oversized: ([a-z_]+) message of (\\d+) bytes, over the (\\d+) KiB limit");

  /** The probe's words ({@code TlsProbe}) as values, so that the report can say them in French. */
  static Evidence oversized(String detail) {
    java.util.regex.Matcher m = OVERSIZED_DETAIL.matcher(detail);
    if (!m.matches()) {
      return Evidence.of("tls.handshake.oversized", "detail", detail);
    }
    return Evidence.of(
        "tls.handshake.oversized.message",
        "message",
        m.group(1),
        "bytes",
        Long.parseLong(m.group(2)),
        "limit",
        Long.parseLong(m.group(3)));
  }

  private static void accepted(
      TlsObservation o,
      String version,
      String id,
      Severity severity,
      List<Finding> out,
      String asset) {
    o.version(version)
        .filter(TlsObservation.VersionResult::accepted)
        .ifPresent(v -> out.add(finding(
            id,
            severity,
            asset,
            version,
            Evidence.of("tls.protocol.accepted", "version", version, "suite", v.suite()))));
  }

  /** Raised and cleared by the TLS probe of host:port. */
  @Override
  public Question question(Finding f) {
    return Question.tls(f.asset());
  }
}
