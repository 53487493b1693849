package fr.vigie.alert;

import fr.vigie.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The authorities an alert channel trusts: the JDK's, plus a private one when configured. */
final class TlsTrust {

  private TlsTrust() {}

  static X509TrustManager trustManager(Path extraCa) {
    try {
      X509TrustManager jdk = manager(null);
      if (extraCa == null) {
        return jdk;
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      try (InputStream in = Files.newInputStream(extraCa)) {
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          ks.setCertificateEntry("extra-" + i++, c);
        }
      }
      if (i == 0) {
        throw new UserInputException("trust_ca " + extraCa + ": no certificate in the file");
      }
      X509TrustManager extra = manager(ks);
      return new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth)
            throws CertificateException {
          jdk.checkClientTrusted(chain, auth);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth)
            throws CertificateException {
          try {
            jdk.checkServerTrusted(chain, auth);
          } catch (CertificateException e) {
            extra.checkServerTrusted(chain, auth);
          }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          X509Certificate[] a = jdk.getAcceptedIssuers();
          X509Certificate[] b = extra.getAcceptedIssuers();
          X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
          System.arraycopy(b, 0, all, a.length, b.length);
          return all;
        }
      };
    } catch (IOException | GeneralSecurityException e) {
      throw new UserInputException("trust_ca " + extraCa + ": " + e.getMessage(), e);
    }
  }

  static SSLContext context(X509TrustManager tm) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  private static X509TrustManager manager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(ks);
    for (TrustManager t : f.getTrustManagers()) {
      if (t instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }
}
