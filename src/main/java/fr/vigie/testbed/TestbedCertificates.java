package fr.vigie.testbed;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.tls.HeldCertificate;

/**
 * The testbed's certificate authority and the host certificates it signs, good or broken on
 * purpose. One key pair is shared by every host certificate: generating thousands of keys would
 * dominate the start-up of a large benchmark testbed, and key sharing changes nothing a scanner
 * can see from outside.
 */
public final class TestbedCertificates {

  /** The certificate a host presents. */
  public enum Kind {
    VALID,
    EXPIRED,
    NOT_YET_VALID,
    SELF_SIGNED,
    WRONG_HOST,
    EXPIRING_SOON,
    /** A valid certificate with an RSA 2048 key (for suites that need RSA). */
    RSA,
    /** RSA 1024: too short. */
    RSA_1024,
    /** Signed with SHA-1. */
    SHA1,
    /** Issued by an intermediate the server does not send. */
    MISSING_INTERMEDIATE;

    public static Kind parse(String text) {
      if (text == null || text.isBlank()) {
        return VALID;
      }
      for (Kind k : values()) {
        if (k.name().replace('_', '-').equalsIgnoreCase(text.strip())) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "unknown certificate '" + text
              + "' (valid, expired, not-yet-valid, self-signed, wrong-host, expiring-soon, rsa, rsa-1024, sha1, missing-intermediate)");
    }
  }

  /** The name a WRONG_HOST certificate is made for: a shared host's default site, as often seen. */
  public static final String WRONG_HOST_NAME = "default.hebergeur-mutualise.test";

  private final HeldCertificate ca;
  private final HeldCertificate intermediate;
  private final KeyPair hostKeys;
  private final Map<Integer, KeyPair> rsaKeys = new ConcurrentHashMap<>();
  private final Instant now;

  public TestbedCertificates(Instant now) {
    this.now = now;
    this.ca = new HeldCertificate.Builder()
        .certificateAuthority(1)
        .commonName("vigie testbed CA")
        .organizationalUnit("vigie testbed - not a real authority")
        .validityInterval(
            now.minus(Duration.ofDays(1)).toEpochMilli(),
            now.plus(Duration.ofDays(3650)).toEpochMilli())
        .build();
    this.intermediate = new HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName("vigie testbed intermediate CA")
        .validityInterval(
            now.minus(Duration.ofDays(1)).toEpochMilli(),
            now.plus(Duration.ofDays(1825)).toEpochMilli())
        .signedBy(ca)
        .build();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      this.hostKeys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is part of every JDK", e);
    }
  }

  public HeldCertificate ca() {
    return ca;
  }

  public String caPem() {
    return ca.certificatePem();
  }

  /**
   * The web server of the testbed's authority, where the intermediate is published (the
   * caIssuers URL of the leaves it signs): a browser, or vigie, completes a chain served without
   * it from there.
   */
  public static final String AUTHORITY_HOST = "pki.testbed.test";

  public static final String INTERMEDIATE_PATH = "/intermediaire.crt";

  public String intermediatePem() {
    return intermediate.certificatePem();
  }

  /** A host's key and the chain its server sends, leaf first. */
  public record Issued(PrivateKey key, X509Certificate[] chain) {}

  /** The key pair and chain a host presents for a kind of certificate. */
  public Issued issued(String host, Kind kind) {
    return issued(host, kind, List.of());
  }

  public Issued issued(String host, Kind kind, List<String> extraNames) {
    return switch (kind) {
      case RSA, RSA_1024 -> {
        KeyPair rsa = kind == Kind.RSA ? rsa(2048) : rsa(1024);
        HeldCertificate leaf = new HeldCertificate.Builder()
            .commonName(host)
            .addSubjectAlternativeName(host)
            .keyPair(rsa)
            .validityInterval(
                now.minus(Duration.ofDays(30)).toEpochMilli(),
                now.plus(Duration.ofDays(60)).toEpochMilli())
            .signedBy(ca)
            .build();
        yield new Issued(
            rsa.getPrivate(), new X509Certificate[] {leaf.certificate(), ca.certificate()});
      }
      case SHA1 ->
        new Issued(hostKeys.getPrivate(), new X509Certificate[] {
          BcCertificates.leaf(
              host, hostKeys, ca.keyPair(), ca.certificate(), "SHA1withECDSA", null, now),
          ca.certificate()
        });
      case MISSING_INTERMEDIATE ->
        new Issued(hostKeys.getPrivate(), new X509Certificate[] {
          BcCertificates.leaf(
              host,
              hostKeys,
              intermediate.keyPair(),
              intermediate.certificate(),
              "SHA256withECDSA",
              "http://" + AUTHORITY_HOST + INTERMEDIATE_PATH,
              now)
        });
      default -> {
        HeldCertificate held = issue(host, kind, extraNames);
        boolean selfSigned = kind == Kind.SELF_SIGNED;
        yield new Issued(
            held.keyPair().getPrivate(),
            selfSigned
                ? new X509Certificate[] {held.certificate()}
                : new X509Certificate[] {held.certificate(), ca.certificate()});
      }
    };
  }

  private KeyPair rsa(int bits) {
    return rsaKeys.computeIfAbsent(bits, b -> {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(b);
        return generator.generateKeyPair();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("RSA is part of every JDK", e);
      }
    });
  }

  public HeldCertificate issue(String host, Kind kind) {
    return issue(host, kind, List.of());
  }

  /** @param extraNames more subject alternative names (a certificate shared by several hosts) */
  public HeldCertificate issue(String host, Kind kind, List<String> extraNames) {
    Instant from = now.minus(Duration.ofDays(30));
    Instant until = now.plus(Duration.ofDays(60));
    String name = host;
    switch (kind) {
      case EXPIRED -> {
        from = now.minus(Duration.ofDays(120));
        until = now.minus(Duration.ofDays(10));
      }
      case NOT_YET_VALID -> {
        from = now.plus(Duration.ofDays(10));
        until = now.plus(Duration.ofDays(100));
      }
      case EXPIRING_SOON -> {
        from = now.minus(Duration.ofDays(85));
        until = now.plus(Duration.ofDays(5));
      }
      case WRONG_HOST -> name = WRONG_HOST_NAME;
      default -> {}
    }
    HeldCertificate.Builder b = new HeldCertificate.Builder()
        .commonName(name)
        .addSubjectAlternativeName(name)
        .keyPair(hostKeys)
        .validityInterval(from.toEpochMilli(), until.toEpochMilli());
    extraNames.forEach(b::addSubjectAlternativeName);
    if (kind != Kind.SELF_SIGNED) {
      b.signedBy(ca);
    }
    return b.build();
  }
}
