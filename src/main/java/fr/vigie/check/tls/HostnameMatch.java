package fr.vigie.check.tls;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Host name verification per RFC 9525 (which replaced RFC 6125): DNS names of subjectAltName
 * only (the CN is not used), compared as A-labels, case-insensitive; a wildcard stands for the
 * whole leftmost label and only there, and never for a public-suffix-like two-label name.
 */
final class HostnameMatch {

  private HostnameMatch() {}

  static List<String> dnsNames(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no usable names
    }
    return out;
  }

  static boolean matches(String host, List<String> names) {
    String h = ascii(host);
    for (String name : names) {
      if (matches(h, ascii(name))) {
        return true;
      }
    }
    return false;
  }

  static boolean matches(String host, String pattern) {
    if (pattern.startsWith("*.")) {
      String suffix = pattern.substring(1); // ".example.fr"
      if (suffix.chars().filter(ch -> ch == '.').count() < 2) {
        return false; // *.fr, *.com: never
      }
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(suffix);
    }
    return host.equals(pattern);
  }

  private static String ascii(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    try {
      return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return n.toLowerCase(Locale.ROOT);
    }
  }
}
