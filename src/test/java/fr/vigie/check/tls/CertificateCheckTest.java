package fr.vigie.check.tls;

import static fr.vigie.check.tls.TlsChecksTest.CERTS;
import static fr.vigie.check.tls.TlsChecksTest.HOST;
import static fr.vigie.check.tls.TlsChecksTest.INTERMEDIATE;
import static fr.vigie.check.tls.TlsChecksTest.NOW;
import static fr.vigie.check.tls.TlsChecksTest.ROOT;
import static fr.vigie.check.tls.TlsChecksTest.good;
import static fr.vigie.check.tls.TlsChecksTest.leaf;
import static fr.vigie.check.tls.TlsChecksTest.withCert;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.observation.TlsObservation;
import fr.vigie.testbed.BcCertificates;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import okhttp3.tls.HeldCertificate;

class CertificateCheckTest extends CheckContract<TlsObservation> {

  @Override
  protected Check<TlsObservation> check() {
    return CERTS;
  }

  /** A month left is medium, a week high. */
  @Override
  protected Set<String> severityVaries() {
    return Set.of(CertificateCheck.EXPIRING);
  }

  private static TlsObservation valid(long fromDays, long toDays) {
    return withCert(leaf(HOST)
        .signedBy(ROOT)
        .validityInterval(
            NOW.plus(Duration.ofDays(fromDays)).toEpochMilli(),
            NOW.plus(Duration.ofDays(toDays)).toEpochMilli())
        .build());
  }

  @Override
  protected List<Example<TlsObservation>> examples() {
    TlsObservation fine = withCert(leaf(HOST).signedBy(ROOT).build());
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(1024);
      HeldCertificate small =
          leaf(HOST).keyPair(rsa.generateKeyPair()).signedBy(ROOT).build();
      KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
      X509Certificate sha1 = BcCertificates.leaf(
          HOST, ec, ROOT.keyPair(), ROOT.certificate(), "SHA1withECDSA", null, NOW);
      X509Certificate leafWithAia = BcCertificates.leaf(
          HOST,
          ec,
          INTERMEDIATE.keyPair(),
          INTERMEDIATE.certificate(),
          "SHA256withECDSA",
          "http://pki.exemple.fr/inter.crt",
          NOW);
      return List.of(
          new Example<>(CertificateCheck.EXPIRED, valid(-100, -3), fine),
          new Example<>(CertificateCheck.NOT_YET_VALID, valid(2, 90), fine),
          new Example<>(CertificateCheck.EXPIRING, valid(-60, 20), valid(-60, 40)),
          new Example<>(CertificateCheck.EXPIRING, valid(-60, 5), valid(-60, 40)),
          new Example<>(CertificateCheck.UNTRUSTED, good(leaf(HOST).build().certificate()), fine),
          new Example<>(
              CertificateCheck.MISMATCH,
              withCert(leaf("default.hebergeur.fr").signedBy(ROOT).build()),
              withCert(leaf("*.mairie.fr").signedBy(ROOT).build())),
          new Example<>(CertificateCheck.KEY_WEAK, withCert(small), fine),
          new Example<>(CertificateCheck.SIGNATURE_WEAK, good(sha1, ROOT.certificate()), fine),
          new Example<>(
              CertificateCheck.INCOMPLETE,
              good(leafWithAia),
              good(leafWithAia, INTERMEDIATE.certificate())));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(e);
    }
  }
}
