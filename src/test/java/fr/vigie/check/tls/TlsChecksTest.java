package fr.vigie.check.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.TlsObservation;
import fr.vigie.testbed.BcCertificates;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** TLS and certificate checks on observations built in memory, certificates made here, clock pinned. */
class TlsChecksTest {

  static final Instant NOW = Instant.parse("2026-11-23T01:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String HOST = "www.mairie.fr";

  static final HeldCertificate ROOT = new HeldCertificate.Builder()
      .certificateAuthority(1)
      .commonName("Racine de test")
      .validityInterval(
          NOW.minus(Duration.ofDays(365)).toEpochMilli(),
          NOW.plus(Duration.ofDays(3650)).toEpochMilli())
      .build();
  static final HeldCertificate INTERMEDIATE = new HeldCertificate.Builder()
      .certificateAuthority(0)
      .commonName("Intermédiaire de test")
      .signedBy(ROOT)
      .validityInterval(
          NOW.minus(Duration.ofDays(365)).toEpochMilli(),
          NOW.plus(Duration.ofDays(1825)).toEpochMilli())
      .build();
  static final TrustAnchors TRUST = TrustAnchors.of(List.of(ROOT.certificate()));
  static final CertificateCheck CERTS = new CertificateCheck(CLOCK, TRUST);

  static HeldCertificate.Builder leaf(String name) {
    return new HeldCertificate.Builder()
        .commonName(name)
        .addSubjectAlternativeName(name)
        .validityInterval(
            NOW.minus(Duration.ofDays(30)).toEpochMilli(),
            NOW.plus(Duration.ofDays(60)).toEpochMilli());
  }

  static String pem(X509Certificate c) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(c.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static TlsObservation observation(
      List<String> accepted,
      List<String> weak,
      Boolean fs,
      Boolean reneg,
      X509Certificate... chain) {
    List<String> pems = new ArrayList<>();
    for (X509Certificate c : chain) {
      pems.add(pem(c));
    }
    return TlsFixtures.observation(accepted, weak, fs, reneg, null, pems);
  }

  static TlsObservation good(X509Certificate... chain) {
    return observation(List.of("TLSv1.2", "TLSv1.3"), List.of(), true, true, chain);
  }

  private static List<String> ids(List<Finding> f) {
    return f.stream().map(Finding::check).toList();
  }

  static TlsObservation withCert(HeldCertificate leaf) {
    return good(leaf.certificate(), ROOT.certificate());
  }

  // --- a good host raises nothing and grades A+

  @Test
  void shouldRaiseNothingOnAGoodHost() {
    TlsObservation o = withCert(leaf(HOST).signedBy(ROOT).build());

    List<Finding> all = new ArrayList<>(new TlsProtocolCheck().evaluate(o));
    all.addAll(new TlsCipherCheck().evaluate(o));
    all.addAll(CERTS.evaluate(o));

    assertThat(all).isEmpty();
    assertThat(TlsGrading.of(o, all))
        .hasValueSatisfying(g -> assertThat(g.grade()).isEqualTo("A+"));
  }

  // --- protocols

  @Test
  void shouldRaiseOldProtocolsAndMissingOnes() {
    TlsObservation old = observation(List.of("TLSv1", "SSLv3", "TLSv1.1"), List.of(), true, true);

    assertThat(new TlsProtocolCheck().evaluate(old))
        .extracting(Finding::check, Finding::severity)
        .containsExactly(
            tuple("tls.protocol.sslv3", Severity.HIGH),
            tuple("tls.protocol.tls10", Severity.MEDIUM),
            tuple("tls.protocol.tls11", Severity.MEDIUM),
            tuple("tls.protocol.tls12-missing", Severity.HIGH),
            tuple("tls.protocol.tls13-missing", Severity.INFO));
    assertThat(ids(new TlsProtocolCheck()
            .evaluate(observation(List.of("TLSv1.2"), List.of(), true, true))))
        .containsExactly("tls.protocol.tls13-missing");
  }

  @Test
  void shouldGradeATls13OnlyServerAsTheStrongestSetup() {
    HeldCertificate leaf = leaf(HOST).signedBy(INTERMEDIATE).build();
    TlsObservation only13 = observation(
        List.of("TLSv1.3"), List.of(), true, null, leaf.certificate(), INTERMEDIATE.certificate());
    List<Finding> all = new ArrayList<>(new TlsProtocolCheck().evaluate(only13));
    all.addAll(new TlsCipherCheck().evaluate(only13));
    all.addAll(CERTS.evaluate(only13));

    assertThat(ids(all)).doesNotContain("tls.protocol.tls12-missing");
    assertThat(TlsGrading.of(only13, all))
        .hasValueSatisfying(g -> assertThat(g.grade()).isEqualTo("A+"));
  }

  @Test
  void shouldNeverGradeAPlusAHostWhoseCertificateChainWasNotSeen() {
    TlsObservation noChain = observation(List.of("TLSv1.2", "TLSv1.3"), List.of(), true, true);

    assertThat(TlsGrading.of(noChain, List.of())).hasValueSatisfying(g -> {
      assertThat(g.grade()).isEqualTo("A");
      assertThat(g.caps()).contains("no certificate chain seen → A");
    });
  }

  @Test
  void shouldSayNothingWhenNoHandshakeSucceeded() {
    TlsObservation none = observation(List.of(), List.of(), null, null);
    TlsObservation refused = new TlsObservation(
        HOST,
        "192.0.2.7",
        443,
        "connection refused",
        List.of(),
        List.of(),
        null,
        null,
        List.of(),
        1);

    assertThat(new TlsProtocolCheck().evaluate(none)).isEmpty();
    assertThat(new TlsCipherCheck().evaluate(refused)).isEmpty();
    assertThat(TlsGrading.of(refused, List.of())).isEmpty();
  }

  // --- suites, forward secrecy, renegotiation

  @Test
  void shouldRaiseWeakFamiliesWithTheirSeverity() {
    TlsObservation o = observation(
        List.of("TLSv1.2"), List.of("RC4", "3DES", "NULL", "EXPORT", "anon"), true, true);

    assertThat(new TlsCipherCheck().evaluate(o))
        .extracting(Finding::subject, Finding::severity)
        .containsExactly(
            tuple("RC4", Severity.HIGH),
            tuple("3DES", Severity.MEDIUM),
            tuple("NULL", Severity.HIGH),
            tuple("EXPORT", Severity.HIGH),
            tuple("anon", Severity.HIGH));
    assertThat(new TlsCipherCheck().evaluate(o).get(0).evidence())
        .isEqualTo("RC4 accepted: TLS_RSA_WITH_RC4_X (TLSv1.2)");
  }

  @Test
  void shouldRaiseMissingForwardSecrecyAndInsecureRenegotiation() {
    TlsObservation o = observation(List.of("TLSv1.2"), List.of(), false, false);

    assertThat(ids(new TlsCipherCheck().evaluate(o)))
        .containsExactly("tls.forward-secrecy.missing", "tls.renegotiation.insecure");
    assertThat(
            new TlsCipherCheck().evaluate(observation(List.of("TLSv1.3"), List.of(), true, null)))
        .isEmpty();
  }

  // --- certificates

  @Test
  void shouldRaiseExpiredAndNotYetValid() {
    HeldCertificate expired = leaf(HOST)
        .signedBy(ROOT)
        .validityInterval(
            NOW.minus(Duration.ofDays(100)).toEpochMilli(),
            NOW.minus(Duration.ofDays(3)).toEpochMilli())
        .build();
    HeldCertificate future = leaf(HOST)
        .signedBy(ROOT)
        .validityInterval(
            NOW.plus(Duration.ofDays(2)).toEpochMilli(),
            NOW.plus(Duration.ofDays(90)).toEpochMilli())
        .build();

    assertThat(CERTS.evaluate(withCert(expired))).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("cert.expired");
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.asset()).isEqualTo("www.mairie.fr:443");
      assertThat(f.evidence()).contains("3 days ago");
    });
    assertThat(ids(CERTS.evaluate(withCert(future)))).containsExactly("cert.not-yet-valid");
  }

  @Test
  void shouldRaiseExpiringWithSeverityByDaysLeft() {
    HeldCertificate in20 = leaf(HOST)
        .signedBy(ROOT)
        .validityInterval(
            NOW.minus(Duration.ofDays(60)).toEpochMilli(),
            NOW.plus(Duration.ofDays(20)).toEpochMilli())
        .build();
    HeldCertificate in5 = leaf(HOST)
        .signedBy(ROOT)
        .validityInterval(
            NOW.minus(Duration.ofDays(60)).toEpochMilli(),
            NOW.plus(Duration.ofDays(5)).toEpochMilli())
        .build();
    HeldCertificate in40 = leaf(HOST)
        .signedBy(ROOT)
        .validityInterval(
            NOW.minus(Duration.ofDays(60)).toEpochMilli(),
            NOW.plus(Duration.ofDays(40)).toEpochMilli())
        .build();

    assertThat(CERTS.evaluate(withCert(in20)))
        .extracting(Finding::check, Finding::severity)
        .containsExactly(tuple("cert.expiring", Severity.MEDIUM));
    assertThat(CERTS.evaluate(withCert(in5)))
        .extracting(Finding::check, Finding::severity)
        .containsExactly(tuple("cert.expiring", Severity.HIGH));
    assertThat(CERTS.evaluate(withCert(in40))).isEmpty();
  }

  @Test
  void shouldRaiseUntrustedAndSaySelfSigned() {
    HeldCertificate self = leaf(HOST).build();
    HeldCertificate otherRoot = new HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName("Autorité inconnue")
        .build();
    HeldCertificate unknown = leaf(HOST).signedBy(otherRoot).build();

    assertThat(CERTS.evaluate(good(self.certificate()))).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("cert.untrusted");
      assertThat(f.evidence()).startsWith("self-signed certificate");
    });
    assertThat(CERTS.evaluate(good(unknown.certificate(), otherRoot.certificate())))
        .singleElement()
        .satisfies(f -> assertThat(f.evidence()).startsWith("no path to a trusted authority"));
  }

  @Test
  void shouldMatchHostNamesPerRfc9525() {
    HeldCertificate wildcard = leaf("*.mairie.fr").signedBy(ROOT).build();
    HeldCertificate other = leaf("default.hebergeur.fr").signedBy(ROOT).build();

    assertThat(CERTS.evaluate(withCert(wildcard))).isEmpty();
    assertThat(CERTS.evaluate(withCert(other))).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("cert.hostname-mismatch");
      assertThat(f.evidence())
          .isEqualTo("www.mairie.fr is not among the certificate's names: default.hebergeur.fr");
    });
    assertThat(HostnameMatch.matches("a.b.mairie.fr", "*.mairie.fr")).isFalse();
    assertThat(HostnameMatch.matches("mairie.fr", "*.fr")).isFalse();
    assertThat(HostnameMatch.matches("www.xn--vry-9la.fr", List.of("www.évry.fr")))
        .isTrue();
  }

  @Test
  void shouldRaiseWeakKeyAndWeakSignature() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    HeldCertificate small =
        leaf(HOST).keyPair(rsa.generateKeyPair()).signedBy(ROOT).build();
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X509Certificate sha1 = BcCertificates.leaf(
        HOST, ec, ROOT.keyPair(), ROOT.certificate(), "SHA1withECDSA", null, NOW);

    assertThat(CERTS.evaluate(withCert(small))).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("cert.key.weak");
      assertThat(f.evidence()).isEqualTo("RSA 1024 bits");
    });
    assertThat(ids(CERTS.evaluate(good(sha1, ROOT.certificate()))))
        .containsExactly("cert.signature.weak");
  }

  @Test
  void shouldRaiseIncompleteChainWhenTheIntermediateIsNotSent() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X509Certificate leafWithAia = BcCertificates.leaf(
        HOST,
        ec,
        INTERMEDIATE.keyPair(),
        INTERMEDIATE.certificate(),
        "SHA256withECDSA",
        "http://pki.exemple.fr/inter.crt",
        NOW);

    assertThat(ids(CERTS.evaluate(good(leafWithAia)))).containsExactly("cert.chain.incomplete");
    assertThat(CERTS.evaluate(good(leafWithAia, INTERMEDIATE.certificate()))).isEmpty();
  }

  @Test
  void shouldSayIncompleteNotUntrustedWhenTheMissingIssuerIsFoundAtItsUrl() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X509Certificate leafWithAia = BcCertificates.leaf(
        HOST,
        ec,
        INTERMEDIATE.keyPair(),
        INTERMEDIATE.certificate(),
        "SHA256withECDSA",
        "http://pki.exemple.fr/inter.crt",
        NOW);
    String issuer = INTERMEDIATE.certificate().getSubjectX500Principal().getName();
    TlsObservation found = good(leafWithAia)
        .withIssuers(List.of(new fr.vigie.observation.IssuerLookup(
            issuer,
            "aia",
            "http://pki.exemple.fr/inter.crt",
            "found",
            "",
            pem(INTERMEDIATE.certificate()))));

    assertThat(CERTS.evaluate(found)).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("cert.chain.incomplete");
      assertThat(f.evidence())
          .isEqualTo("issuer " + issuer
              + " not sent (1 certificate sent); found at http://pki.exemple.fr/inter.crt");
    });
    assertThat(TlsGrading.of(found, CERTS.evaluate(found)))
        .hasValueSatisfying(g -> assertThat(g.grade()).isEqualTo("B"));
  }

  @Test
  void shouldSayUntrustedOnlyWhenNoPathCanBeBuiltAndNameWhatIsMissing() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X509Certificate noAia = BcCertificates.leaf(
        HOST, ec, INTERMEDIATE.keyPair(), INTERMEDIATE.certificate(), "SHA256withECDSA", null, NOW);
    String issuer = INTERMEDIATE.certificate().getSubjectX500Principal().getName();
    TlsObservation unpublished = good(noAia)
        .withIssuers(List.of(new fr.vigie.observation.IssuerLookup(
            issuer, "none", null, "not-published", "", null)));

    List<Finding> f = CERTS.evaluate(unpublished);

    assertThat(ids(f)).containsExactly("cert.chain.incomplete", "cert.untrusted");
    assertThat(f.get(1).evidence())
        .isEqualTo("no path to a trusted authority: issuer " + issuer
            + " not sent, not published (no caIssuers URL) and not in --trust-ca");
  }

  @Test
  void shouldLeaveTrustUnverifiedWhenTheIssuerUrlDidNotAnswer() throws Exception {
    KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
    X509Certificate leafWithAia = BcCertificates.leaf(
        HOST,
        ec,
        INTERMEDIATE.keyPair(),
        INTERMEDIATE.certificate(),
        "SHA256withECDSA",
        "http://pki.exemple.fr/inter.crt",
        NOW);
    String issuer = INTERMEDIATE.certificate().getSubjectX500Principal().getName();
    TlsObservation silent = good(leafWithAia)
        .withIssuers(List.of(new fr.vigie.observation.IssuerLookup(
            issuer, "aia", "http://pki.exemple.fr/inter.crt", "no-answer", "timeout", null)));

    assertThat(CERTS.evaluate(silent))
        .as("absence of an answer is never 'untrusted'")
        .singleElement()
        .satisfies(f -> {
          assertThat(f.check()).isEqualTo("cert.chain.incomplete");
          assertThat(f.evidence())
              .endsWith("trust not verified: issuer " + issuer
                  + " http://pki.exemple.fr/inter.crt: timeout");
        });
  }

  @Test
  void shouldTrustTheRootsOfABundleAndCompleteChainsWithItsIntermediates() {
    TrustAnchors bundle =
        TrustAnchors.jdkAnd(List.of(INTERMEDIATE.certificate(), ROOT.certificate()));
    TrustAnchors alone = TrustAnchors.jdkAnd(List.of(INTERMEDIATE.certificate()));

    assertThat(bundle.certificates())
        .contains(ROOT.certificate())
        .doesNotContain(INTERMEDIATE.certificate());
    assertThat(bundle.intermediates()).containsExactly(INTERMEDIATE.certificate());
    assertThat(alone.certificates())
        .as("an issuing authority given alone is trusted")
        .contains(INTERMEDIATE.certificate());
    assertThat(alone.intermediates()).isEmpty();
  }

  // --- grade

  @Test
  void shouldGradeWithCaps() {
    TlsObservation legacy = observation(
        List.of("TLSv1.2", "TLSv1"),
        List.of("3DES"),
        true,
        true,
        leaf(HOST).signedBy(ROOT).build().certificate(),
        ROOT.certificate());
    List<Finding> f = new ArrayList<>(new TlsProtocolCheck().evaluate(legacy));
    f.addAll(new TlsCipherCheck().evaluate(legacy));
    TlsObservation expired = withCert(leaf(HOST)
        .signedBy(ROOT)
        .validityInterval(
            NOW.minus(Duration.ofDays(100)).toEpochMilli(),
            NOW.minus(Duration.ofDays(3)).toEpochMilli())
        .build());
    TlsObservation nullSuites = observation(List.of("TLSv1.2"), List.of("NULL"), true, true);

    assertThat(TlsGrading.of(legacy, f)).hasValueSatisfying(g -> {
      assertThat(g.grade()).isEqualTo("C");
      assertThat(g.caps()).containsExactly("3DES → C", "TLS 1.0 → B");
    });
    assertThat(TlsGrading.of(expired, CERTS.evaluate(expired)))
        .hasValueSatisfying(g -> assertThat(g.grade()).isEqualTo("T"));
    assertThat(TlsGrading.of(nullSuites, new TlsCipherCheck().evaluate(nullSuites)))
        .hasValueSatisfying(g -> assertThat(g.grade()).isEqualTo("F"));
    TlsObservation noTls13 = observation(List.of("TLSv1.2"), List.of(), true, true);
    assertThat(TlsGrading.of(noTls13, new TlsProtocolCheck().evaluate(noTls13)))
        .hasValueSatisfying(g -> assertThat(g.grade()).isEqualTo("A"));
  }
}
