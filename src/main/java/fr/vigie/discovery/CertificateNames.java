package fr.vigie.discovery;

import fr.vigie.inventory.DomainNames;
import fr.vigie.inventory.Scope;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The host names a certificate names (its DNS subject alternative names) that fall in a
 * commune's scope: hosts the commune runs that no wordlist guesses. A wildcard gives its parent
 * only ({@code *.mairie.fr} → {@code mairie.fr}). Pure.
 */
public final class CertificateNames {

  private CertificateNames() {}

  /** @param pem the certificate, PEM (the leaf of a chain a probe recorded) */
  public static Set<String> inScope(String pem, Scope scope) {
    Set<String> out = new TreeSet<>();
    X509Certificate cert;
    try {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | RuntimeException e) {
      return out; // a certificate that does not parse names nothing
    }
    Collection<List<?>> sans;
    try {
      sans = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return out;
    }
    if (sans == null) {
      return out;
    }
    for (List<?> san : sans) {
      if (san.size() < 2
          || !Integer.valueOf(2).equals(san.get(0))
          || !(san.get(1) instanceof String raw)) {
        continue;
      }
      String name = raw.strip().toLowerCase(Locale.ROOT);
      if (name.endsWith(".")) {
        name = name.substring(0, name.length() - 1);
      }
      if (name.startsWith("*.")) {
        name = name.substring(2);
      }
      if (!name.isEmpty()
          && !name.contains("*")
          && DomainNames.isValidHostName(name)
          && scope.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }
}
