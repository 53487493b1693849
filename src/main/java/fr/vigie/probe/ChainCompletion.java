package fr.vigie.probe;

import fr.vigie.observation.IssuerLookup;
import fr.vigie.observation.TlsObservation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Completes a chain a server sent without its intermediates, the way a browser would: from the
 * intermediates given with {@code --trust-ca}, else from the caIssuers URL of the certificate
 * below (RFC 5280 §4.2.2.1), fetched once per URL for the whole scan, small and bounded. What it
 * finds, or why not, goes into the observation; the certificate check judges it. Thread-safe.
 */
public final class ChainCompletion {

  /** An issuer certificate is about a kilobyte; a PKCS#7 bundle a few. */
  static final int MAX_BYTES = 64 * 1024;

  /** Issuers looked for above the last certificate sent (leaf, intermediate, cross-sign). */
  static final int MAX_DEPTH = 3;

  /** Fetches a URL: the web probe's {@link HttpProbe#fetchSmall}, or null when none may run. */
  public interface Fetcher {
    HttpProbe.Fetched fetch(String url, int maxBytes) throws InterruptedException;
  }

  private final Fetcher fetcher;
  private final List<X509Certificate> intermediates;
  private final Predicate<X500Principal> anchored;
  private final Map<String, CompletableFuture<HttpProbe.Fetched>> cache = new ConcurrentHashMap<>();

  /**
   * @param fetcher how to fetch a caIssuers URL; null: not asked (recorded as such)
   * @param intermediates certificates to complete chains from before any fetch
   * @param anchored whether a trust anchor has this subject: the chain is complete there
   */
  public ChainCompletion(
      Fetcher fetcher, List<X509Certificate> intermediates, Predicate<X500Principal> anchored) {
    this.fetcher = fetcher;
    this.intermediates = List.copyOf(intermediates);
    this.anchored = anchored;
  }

  /** The observation with how its missing issuers were looked for (unchanged if none is missing). */
  public TlsObservation complete(TlsObservation o) throws InterruptedException {
    List<X509Certificate> chain = parse(o.chain());
    if (chain.isEmpty()) {
      return o;
    }
    List<IssuerLookup> lookups = new ArrayList<>();
    X509Certificate current = chain.get(chain.size() - 1);
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      X500Principal issuer = current.getIssuerX500Principal();
      if (issuer.equals(current.getSubjectX500Principal())
          || anchored.test(issuer)
          || sent(chain, issuer)) {
        break;
      }
      IssuerLookup lookup = lookup(current);
      lookups.add(lookup);
      if (!lookup.found()) {
        break;
      }
      current = parse(List.of(lookup.pem())).get(0);
    }
    return lookups.isEmpty() ? o : o.withIssuers(lookups);
  }

  private IssuerLookup lookup(X509Certificate below) throws InterruptedException {
    String issuer = below.getIssuerX500Principal().getName();
    for (X509Certificate c : intermediates) {
      if (issues(c, below)) {
        return new IssuerLookup(issuer, "trust-ca", null, "found", "", pem(c));
      }
    }
    Optional<String> url = caIssuers(below);
    if (url.isEmpty()) {
      return new IssuerLookup(issuer, "none", null, "not-published", "", null);
    }
    if (fetcher == null) {
      return new IssuerLookup(issuer, "aia", url.get(), "not-asked", "", null);
    }
    HttpProbe.Fetched fetched = fetch(url.get());
    if (fetched.error() != null) {
      boolean answered = fetched.status() > 0;
      return new IssuerLookup(
          issuer, "aia", url.get(), answered ? "failed" : "no-answer", fetched.error(), null);
    }
    for (X509Certificate c : certificates(fetched.body())) {
      if (issues(c, below)) {
        return new IssuerLookup(issuer, "aia", url.get(), "found", "", pem(c));
      }
    }
    return new IssuerLookup(
        issuer, "aia", url.get(), "failed", "the answer holds no certificate of that issuer", null);
  }

  private HttpProbe.Fetched fetch(String url) throws InterruptedException {
    CompletableFuture<HttpProbe.Fetched> mine = new CompletableFuture<>();
    CompletableFuture<HttpProbe.Fetched> shared = cache.putIfAbsent(url, mine);
    if (shared != null) {
      try {
        return shared.get();
      } catch (ExecutionException e) {
        return new HttpProbe.Fetched(0, new byte[0], "fetch failed");
      }
    }
    try {
      HttpProbe.Fetched f = fetcher.fetch(url, MAX_BYTES);
      mine.complete(f);
      return f;
    } catch (InterruptedException | RuntimeException e) {
      mine.complete(new HttpProbe.Fetched(0, new byte[0], "fetch failed"));
      throw e;
    }
  }

  /** Whether {@code c} is the issuer of {@code below}: its subject, and its key signed it. */
  static boolean issues(X509Certificate c, X509Certificate below) {
    if (!c.getSubjectX500Principal().equals(below.getIssuerX500Principal())) {
      return false;
    }
    try {
      below.verify(c.getPublicKey());
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean sent(List<X509Certificate> chain, X500Principal subject) {
    return chain.stream().anyMatch(c -> c.getSubjectX500Principal().equals(subject));
  }

  /** The first http(s) caIssuers URL of a certificate. */
  static Optional<String> caIssuers(X509Certificate c) {
    byte[] ext = c.getExtensionValue("1.3.6.1.5.5.7.1.1");
    if (ext == null) {
      return Optional.empty();
    }
    try {
      AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
          ASN1OctetString.getInstance(ext).getOctets());
      for (AccessDescription d : aia.getAccessDescriptions()) {
        GeneralName where = d.getAccessLocation();
        if (d.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
            && where.getTagNo() == GeneralName.uniformResourceIdentifier) {
          String url = where.getName().toString();
          if (url.startsWith("http://") || url.startsWith("https://")) {
            return Optional.of(url);
          }
        }
      }
    } catch (RuntimeException malformed) {
      // an unreadable extension publishes nothing
    }
    return Optional.empty();
  }

  /** DER, PEM or a PKCS#7 bundle: what authorities serve at caIssuers URLs. */
  static List<X509Certificate> certificates(byte[] body) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      for (var c : CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(body))) {
        out.add((X509Certificate) c);
      }
    } catch (CertificateException | RuntimeException e) {
      // not certificates
    }
    return out;
  }

  static List<X509Certificate> parse(List<String> pems) {
    List<X509Certificate> out = new ArrayList<>();
    for (String p : pems) {
      out.addAll(certificates(p.getBytes(StandardCharsets.US_ASCII)));
    }
    return out;
  }

  static String pem(X509Certificate c) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(c.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
