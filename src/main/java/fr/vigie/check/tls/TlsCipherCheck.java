package fr.vigie.check.tls;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.TlsObservation.FamilyResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Suites and key exchange (ANSSI TLS guide, RFC 7465, Sweet32): weak families accepted (high for
 * RC4, NULL, EXPORT and anonymous, which give the traffic away; medium for 3DES and its 64-bit
 * blocks), no forward secrecy, no secure renegotiation (RFC 5746).
 */
public final class TlsCipherCheck extends BaseCheck<TlsObservation> {

  public static final String WEAK = "tls.cipher.weak";
  public static final String NO_FS = "tls.forward-secrecy.missing";
  public static final String RENEGOTIATION = "tls.renegotiation.insecure";

  public TlsCipherCheck() {
    super(TlsObservation.class, WEAK, NO_FS, RENEGOTIATION);
  }

  @Override
  public List<Finding> evaluate(TlsObservation o) {
    if (!TlsFacts.handshook(o)) {
      return List.of();
    }
    String asset = TlsFacts.asset(o);
    List<Finding> out = new ArrayList<>();
    // A weak suite chosen in a version handshake counts too (a server that prefers RC4).
    Map<String, List<String>> weak = new LinkedHashMap<>();
    for (FamilyResult f : o.weakFamilies()) {
      if (f.accepted()) {
        weak.computeIfAbsent(f.family(), k -> new ArrayList<>())
            .add(f.suite() + " (" + f.version() + ")");
      }
    }
    for (TlsObservation.VersionResult v : o.versions()) {
      String family = v.accepted() ? family(v.suite()) : null;
      if (family != null) {
        List<String> list = weak.computeIfAbsent(family, k -> new ArrayList<>());
        String entry = v.suite() + " (" + v.version() + ")";
        if (!list.contains(entry)) {
          list.add(entry);
        }
      }
    }
    weak.forEach((family, suites) -> out.add(finding(
        WEAK,
        family.equals("3DES") ? Severity.MEDIUM : Severity.HIGH,
        asset,
        family,
        Evidence.of("tls.cipher.weak", "family", family, "suites", suites))));
    if (Boolean.FALSE.equals(o.forwardSecrecy())) {
      out.add(finding(
          NO_FS,
          asset,
          "",
          Evidence.of("tls.forward-secrecy.missing", "versions", o.acceptedVersions())));
    }
    if (Boolean.FALSE.equals(o.secureRenegotiation())) {
      out.add(finding(RENEGOTIATION, asset, "", Evidence.of("tls.renegotiation.insecure")));
    }
    return out;
  }

  /** The weak family of a suite name, or null. */
  static String family(String suite) {
    if (suite == null) {
      return null;
    }
    if (suite.contains("_anon_")) {
      return "anon";
    }
    if (suite.contains("EXPORT")) {
      return "EXPORT";
    }
    if (suite.contains("_NULL_")) {
      return "NULL";
    }
    if (suite.contains("RC4")) {
      return "RC4";
    }
    if (suite.contains("3DES")) {
      return "3DES";
    }
    return null;
  }

  /** Raised and cleared by the TLS probe of host:port. */
  @Override
  public Question question(Finding f) {
    return Question.tls(f.asset());
  }
}
