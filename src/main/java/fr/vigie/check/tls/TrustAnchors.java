package fr.vigie.check.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/** The authorities certificate chains are validated against: the JDK's, plus any given. Immutable. */
public final class TrustAnchors {

  private final List<X509Certificate> certificates;
  private final List<X509Certificate> intermediates;

  private TrustAnchors(List<X509Certificate> certificates, List<X509Certificate> intermediates) {
    this.certificates = List.copyOf(certificates);
    this.intermediates = List.copyOf(intermediates);
  }

  public static TrustAnchors of(List<X509Certificate> certificates) {
    return new TrustAnchors(certificates, List.of());
  }

  /**
   * The JDK's trust store (cacerts) and the extra authorities ({@code --trust-ca}). A bundle
   * that holds roots (self-issued) trusts those; its other certificates are intermediates,
   * used to complete chains servers send without them, never trusted by themselves. A file
   * without any root trusts what it holds (a private PKI's issuing authority given alone).
   */
  public static TrustAnchors jdkAnd(List<X509Certificate> extra) {
    List<X509Certificate> roots =
        extra.stream().filter(TrustAnchors::selfIssued).toList();
    List<X509Certificate> all = new ArrayList<>(roots.isEmpty() ? extra : roots);
    List<X509Certificate> intermediates =
        roots.isEmpty() ? List.of() : extra.stream().filter(c -> !selfIssued(c)).toList();
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          all.addAll(List.of(x.getAcceptedIssuers()));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the JDK's trust store: " + e.getMessage(), e);
    }
    return new TrustAnchors(all, intermediates);
  }

  private static boolean selfIssued(X509Certificate c) {
    return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
  }

  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** Certificates of a {@code --trust-ca} bundle that complete chains without being trusted. */
  public List<X509Certificate> intermediates() {
    return intermediates;
  }

  Set<TrustAnchor> anchors() {
    Set<TrustAnchor> out = new HashSet<>();
    for (X509Certificate c : certificates) {
      out.add(new TrustAnchor(c, null));
    }
    return out;
  }

  boolean isAnchor(X509Certificate c) {
    return certificates.contains(c);
  }

  /** Whether an anchor has this subject (the issuer of the last certificate sent). */
  public boolean hasSubject(X500Principal subject) {
    return certificates.stream().anyMatch(c -> c.getSubjectX500Principal().equals(subject));
  }
}
