package fr.vigie.check.tls;

import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.TlsObservation.FamilyResult;
import fr.vigie.observation.TlsObservation.VersionResult;
import java.util.ArrayList;
import java.util.List;

/** TLS observations built in memory: which versions and weak families a server accepted. */
final class TlsFixtures {

  private TlsFixtures() {}

  static TlsObservation observation(
      List<String> accepted, List<String> weak, Boolean fs, Boolean reneg, String incomplete) {
    return observation(accepted, weak, fs, reneg, incomplete, List.of());
  }

  /** @param chain the certificates the server presented, as PEM */
  static TlsObservation observation(
      List<String> accepted,
      List<String> weak,
      Boolean fs,
      Boolean reneg,
      String incomplete,
      List<String> chain) {
    List<VersionResult> versions = new ArrayList<>();
    for (String v : List.of("TLSv1.2", "TLSv1.3", "TLSv1.1", "TLSv1", "SSLv3")) {
      boolean ok = accepted.contains(v);
      versions.add(new VersionResult(
          v,
          ok,
          ok
              ? (v.equals("TLSv1.3")
                  ? "TLS_AES_128_GCM_SHA256"
                  : "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
              : null,
          ok ? null : "alert protocol_version(70)"));
    }
    List<FamilyResult> families = new ArrayList<>();
    for (String f : List.of("RC4", "3DES", "NULL", "EXPORT", "anon")) {
      boolean ok = weak.contains(f);
      families.add(new FamilyResult(
          f,
          "TLSv1.2",
          ok,
          ok ? "TLS_RSA_WITH_" + f + "_X" : null,
          ok ? null : "alert handshake_failure(40)"));
    }
    return new TlsObservation(
        "www.mairie.fr",
        "192.0.2.7",
        443,
        null,
        versions,
        families,
        fs,
        reneg,
        chain,
        11,
        incomplete);
  }

  static TlsObservation accepting(String... versions) {
    return observation(List.of(versions), List.of(), true, true, null);
  }

  static TlsObservation good() {
    return accepting("TLSv1.2", "TLSv1.3");
  }
}
