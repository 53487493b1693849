package fr.vigie.check.tls;

import fr.vigie.model.Finding;
import fr.vigie.model.TlsGrade;
import fr.vigie.observation.TlsObservation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A host's TLS grade in the spirit of Qualys SSL Labs' rating guide, from caps:
 *
 * <ul>
 *   <li>T: the certificate is expired, not yet valid, untrusted or for another name;
 *   <li>F: NULL, EXPORT or anonymous suites accepted;
 *   <li>C at most: SSLv3 accepted, no TLS 1.2, RC4 or 3DES accepted, insecure renegotiation;
 *   <li>B at most: TLS 1.0 or 1.1 accepted, no forward secrecy, weak key, weak signature,
 *       incomplete chain;
 *   <li>A+ when nothing caps it and TLS 1.3 is offered; A otherwise.
 * </ul>
 */
public final class TlsGrading {

  private TlsGrading() {}

  /** Empty when no handshake succeeded: there is nothing to grade. */
  public static Optional<TlsGrade> of(TlsObservation o, List<Finding> findings) {
    if (!TlsFacts.handshook(o)) {
      return Optional.empty();
    }
    String asset = TlsFacts.asset(o);
    Set<String> ids = new HashSet<>();
    Set<String> weakFamilies = new HashSet<>();
    for (Finding f : findings) {
      if (f.asset().equals(asset)) {
        ids.add(f.check());
        if (f.check().equals(TlsCipherCheck.WEAK)) {
          weakFamilies.add(f.subject());
        }
      }
    }
    List<String> caps = new ArrayList<>();
    for (String trust : List.of(
        CertificateCheck.EXPIRED,
        CertificateCheck.NOT_YET_VALID,
        CertificateCheck.UNTRUSTED,
        CertificateCheck.MISMATCH)) {
      if (ids.contains(trust)) {
        caps.add(trust + " → T");
      }
    }
    if (!caps.isEmpty()) {
      return Optional.of(new TlsGrade("T", o.acceptedVersions(), caps));
    }
    char grade = 'A';
    for (String family : List.of("NULL", "EXPORT", "anon")) {
      if (weakFamilies.contains(family)) {
        caps.add(family + " suites → F");
        grade = 'F';
      }
    }
    String[][] cCaps = {
      {TlsProtocolCheck.SSLV3, "SSLv3 → C"},
      {TlsProtocolCheck.TLS12_MISSING, "no TLS 1.2 → C"},
      {TlsCipherCheck.RENEGOTIATION, "insecure renegotiation → C"}
    };
    for (String[] c : cCaps) {
      if (ids.contains(c[0])) {
        caps.add(c[1]);
        grade = worst(grade, 'C');
      }
    }
    for (String family : List.of("RC4", "3DES")) {
      if (weakFamilies.contains(family)) {
        caps.add(family + " → C");
        grade = worst(grade, 'C');
      }
    }
    String[][] bCaps = {
      {TlsProtocolCheck.TLS10, "TLS 1.0 → B"},
      {TlsProtocolCheck.TLS11, "TLS 1.1 → B"},
      {TlsCipherCheck.NO_FS, "no forward secrecy → B"},
      {CertificateCheck.KEY_WEAK, "weak key → B"},
      {CertificateCheck.SIGNATURE_WEAK, "weak signature → B"},
      {CertificateCheck.INCOMPLETE, "incomplete chain → B"}
    };
    for (String[] c : bCaps) {
      if (ids.contains(c[0])) {
        caps.add(c[1]);
        grade = worst(grade, 'B');
      }
    }
    // A+ says "nothing to fix"; without a certificate chain seen, that cannot be said.
    boolean chainSeen = !o.chain().isEmpty();
    if (grade == 'A' && o.accepts("TLSv1.3") && !chainSeen) {
      caps.add("no certificate chain seen → A");
    }
    String letter =
        grade == 'A' && o.accepts("TLSv1.3") && chainSeen ? "A+" : String.valueOf(grade);
    return Optional.of(new TlsGrade(letter, o.acceptedVersions(), caps));
  }

  private static char worst(char a, char b) {
    return a > b ? a : b;
  }
}
