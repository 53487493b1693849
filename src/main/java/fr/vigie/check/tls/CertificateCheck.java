package fr.vigie.check.tls;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.TlsObservation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate a host presents (RFC 5280, RFC 9525, CA/Browser Forum BR): validity dates
 * against the given clock, trust (path validation against the given anchors), name, key and
 * signature strength, and whether the intermediates were sent.
 */
public final class CertificateCheck extends BaseCheck<TlsObservation> {

  public static final String EXPIRED = "cert.expired";
  public static final String EXPIRING = "cert.expiring";
  public static final String NOT_YET_VALID = "cert.not-yet-valid";
  public static final String UNTRUSTED = "cert.untrusted";
  public static final String MISMATCH = "cert.hostname-mismatch";
  public static final String KEY_WEAK = "cert.key.weak";
  public static final String SIGNATURE_WEAK = "cert.signature.weak";
  public static final String INCOMPLETE = "cert.chain.incomplete";

  private final Clock clock;
  private final TrustAnchors trust;

  public CertificateCheck(Clock clock, TrustAnchors trust) {
    super(
        TlsObservation.class,
        EXPIRED,
        EXPIRING,
        NOT_YET_VALID,
        UNTRUSTED,
        MISMATCH,
        KEY_WEAK,
        SIGNATURE_WEAK,
        INCOMPLETE);
    this.clock = clock;
    this.trust = trust;
  }

  @Override
  public List<Finding> evaluate(TlsObservation o) {
    List<X509Certificate> chain = parse(o.chain());
    if (chain.isEmpty()) {
      return List.of();
    }
    String asset = TlsFacts.asset(o);
    X509Certificate leaf = chain.get(0);
    String subject = leaf.getSubjectX500Principal().getName();
    Instant now = clock.instant();
    List<Finding> out = new ArrayList<>();

    Instant notAfter = leaf.getNotAfter().toInstant();
    Instant notBefore = leaf.getNotBefore().toInstant();
    if (notAfter.isBefore(now)) {
      out.add(finding(
          EXPIRED,
          asset,
          subject,
          Evidence.of("cert.expired", "date", notAfter.toString(), "days", days(notAfter, now))));
    } else if (notAfter.isBefore(now.plus(Duration.ofDays(30)))) {
      long left = days(now, notAfter);
      out.add(finding(
          EXPIRING,
          left < 7 ? Severity.HIGH : Severity.MEDIUM,
          asset,
          subject,
          Evidence.of("cert.expiring", "date", notAfter.toString(), "days", left)));
    }
    if (notBefore.isAfter(now)) {
      out.add(finding(
          NOT_YET_VALID,
          asset,
          subject,
          Evidence.of("cert.not-yet-valid", "date", notBefore.toString())));
    }

    List<String> names = HostnameMatch.dnsNames(leaf);
    if (!HostnameMatch.matches(o.host(), names)) {
      out.add(finding(
          MISMATCH,
          asset,
          o.host(),
          names.isEmpty()
              ? Evidence.of("cert.mismatch.no-names", "host", o.host())
              : Evidence.of("cert.mismatch", "host", o.host(), "names", names)));
    }

    out.addAll(trustProblems(asset, o, chain, now));
    int keyBits = keyBits(leaf);
    String keyType = leaf.getPublicKey().getAlgorithm();
    if ((keyType.equals("RSA") || keyType.equals("DSA")) && keyBits < 2048
        || keyType.equals("EC") && keyBits < 256) {
      out.add(finding(
          KEY_WEAK,
          asset,
          subject,
          Evidence.of("cert.key.weak", "type", keyType, "bits", keyBits)));
    }
    for (X509Certificate c : chain) {
      boolean root = c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
      String algorithm = c.getSigAlgName().toUpperCase(Locale.ROOT);
      if (!root
          && (algorithm.contains("MD5")
              || algorithm.contains("SHA1")
              || algorithm.contains("MD2"))) {
        out.add(finding(
            SIGNATURE_WEAK,
            asset,
            subject,
            Evidence.of(
                "cert.signature.weak",
                "subject",
                c.getSubjectX500Principal().getName(),
                "algorithm",
                c.getSigAlgName())));
        break;
      }
    }
    return out;
  }

  /**
   * Trust, as a browser would judge it and a webmaster would fix it. A chain that stops below an
   * authority (its last certificate neither self-signed nor issued by an anchor) is incomplete:
   * the fix is to serve the full chain. Whether it is also untrusted depends on whether the
   * missing issuers could be found (in {@code --trust-ca}, at their caIssuers URL) and lead to an
   * anchor; an issuer URL that did not answer leaves trust unverified, never "untrusted".
   */
  private List<Finding> trustProblems(
      String asset, TlsObservation o, List<X509Certificate> chain, Instant now) {
    X509Certificate leaf = chain.get(0);
    String subject = leaf.getSubjectX500Principal().getName();
    if (validates(chain, now)) {
      return List.of();
    }
    boolean selfSigned = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())
        && signedBy(leaf, leaf);
    if (selfSigned && !trust.isAnchor(leaf)) {
      return List.of(
          finding(UNTRUSTED, asset, subject, Evidence.of("cert.self-signed", "subject", subject)));
    }
    X509Certificate last = chain.get(chain.size() - 1);
    X500Principal top = last.getIssuerX500Principal();
    boolean stopsBelow = !top.equals(last.getSubjectX500Principal())
        && chain.stream().noneMatch(c -> c.getSubjectX500Principal().equals(top))
        && !trust.hasSubject(top);
    if (!stopsBelow) {
      Evidence root = last.getSubjectX500Principal().equals(last.getIssuerX500Principal())
          ? Evidence.of(
              "cert.root-untrusted", "root", last.getSubjectX500Principal().getName())
          : Evidence.of("cert.no-path", "issuer", top.getName());
      return List.of(finding(UNTRUSTED, asset, subject, root));
    }
    List<X509Certificate> completed = new ArrayList<>(chain);
    List<Evidence> found = new ArrayList<>();
    String missing = top.getName();
    Evidence unverified = null;
    Evidence notFound = null;
    for (fr.vigie.observation.IssuerLookup l : o.issuers()) {
      if (l.found()) {
        completed.addAll(parse(List.of(l.pem())));
        found.add(
            l.source().equals("aia")
                ? Evidence.of("cert.found.aia", "url", l.url())
                : Evidence.of("cert.found.trust-ca"));
        continue;
      }
      missing = l.issuer();
      switch (l.outcome()) {
        case "no-answer", "not-asked" ->
          unverified = l.url() == null
              ? Evidence.of("cert.issuer.not-fetched")
              : l.detail().isEmpty()
                  ? Evidence.of("cert.issuer.url-not-fetched", "url", l.url())
                  : Evidence.of("cert.issuer.url-failed", "url", l.url(), "detail", l.detail());
        case "not-published" -> notFound = Evidence.of("cert.issuer.no-url");
        default ->
          notFound = Evidence.of("cert.issuer.not-found", "url", l.url(), "detail", l.detail());
      }
    }
    if (o.issuers().isEmpty()) {
      unverified = Evidence.of("cert.issuer.not-looked-for");
    }
    int sent = chain.size();
    List<Finding> out = new ArrayList<>();
    if (validates(completed, now)) {
      out.add(finding(
          INCOMPLETE,
          asset,
          subject,
          Evidence.of(
              "cert.chain.completed", "issuer", top.getName(), "sent", sent, "found", found)));
    } else if (notFound == null && unverified != null) {
      out.add(finding(
          INCOMPLETE,
          asset,
          subject,
          Evidence.of(
              "cert.chain.unverified",
              "issuer",
              top.getName(),
              "sent",
              sent,
              "missing",
              missing,
              "why",
              unverified)));
    } else {
      out.add(finding(
          INCOMPLETE,
          asset,
          subject,
          Evidence.of("cert.chain.incomplete", "issuer", top.getName(), "sent", sent)));
      out.add(finding(
          UNTRUSTED,
          asset,
          subject,
          Evidence.of(
              "cert.chain.untrusted",
              "missing",
              missing,
              "why",
              notFound == null ? Evidence.of("cert.issuer.dead-end") : notFound,
              "found",
              found.isEmpty() ? null : Evidence.of("cert.found.list", "found", found))));
    }
    return out;
  }

  /** PKIX validation at the clock's time; revocation is not checked (no network in a check). */
  boolean validates(List<X509Certificate> chain, Instant now) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> path = new ArrayList<>();
      for (X509Certificate c : chain) {
        if (!trust.isAnchor(c)) {
          path.add(c);
        }
      }
      if (path.isEmpty()) {
        return true;
      }
      CertPath certPath = cf.generateCertPath(path);
      PKIXParameters params = new PKIXParameters(trust.anchors());
      params.setRevocationEnabled(false);
      params.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
      return true;
    } catch (CertPathValidatorException e) {
      // Dates are judged by their own checks: a path that fails only on dates is trusted.
      return e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
          || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean signedBy(X509Certificate c, X509Certificate issuer) {
    try {
      c.verify(issuer.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  static int keyBits(X509Certificate c) {
    return switch (c.getPublicKey()) {
      case RSAPublicKey rsa -> rsa.getModulus().bitLength();
      case ECPublicKey ec -> ec.getParams().getOrder().bitLength();
      case DSAPublicKey dsa -> dsa.getParams().getP().bitLength();
      default -> Integer.MAX_VALUE;
    };
  }

  private static long days(Instant from, Instant to) {
    return Duration.between(from, to).toDays();
  }

  static List<X509Certificate> parse(List<String> pem) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (String p : pem) {
        Collection<? extends Certificate> certs = cf.generateCertificates(
            new ByteArrayInputStream(p.getBytes(StandardCharsets.US_ASCII)));
        for (var c : certs) {
          out.add((X509Certificate) c);
        }
      }
    } catch (CertificateException e) {
      // an unparseable chain says nothing checkable
    }
    return out;
  }

  /** Raised and cleared by the TLS probe of host:port. */
  @Override
  public Question question(Finding f) {
    return Question.tls(f.asset());
  }
}
