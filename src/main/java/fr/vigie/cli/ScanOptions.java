package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.discovery.Wordlist;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code scan} and {@code demo}. */
public final class ScanOptions {

  @Option(
      names = "--resolver",
      paramLabel = "IP[:PORT]",
      description = "DNS resolver to ask (repeatable; default: the system's). IPv6 as [::1]:53.")
  List<String> resolvers = new ArrayList<>();

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "16",
      description = "Communes scanned at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--dns-concurrency",
      paramLabel = "N",
      defaultValue = "64",
      description = "DNS questions in flight at once (default: ${DEFAULT-VALUE}).")
  int dnsConcurrency;

  @Option(
      names = "--dns-timeout",
      paramLabel = "MS",
      defaultValue = "3000",
      description = "Timeout of one DNS attempt in milliseconds (default: ${DEFAULT-VALUE}).")
  long dnsTimeoutMillis;

  @Option(
      names = "--dns-retries",
      paramLabel = "N",
      defaultValue = "1",
      description = "Further DNS attempts after a timeout (default: ${DEFAULT-VALUE}).")
  int dnsRetries;

  @Option(names = "--wordlist", paramLabel = "FILE", description = "Subdomain labels to try instead of the built-in list.")
  Path wordlist;

  @Option(names = "--no-wordlist", description = "Do not try subdomain names; only seeds, apex, MX and NS.")
  boolean noWordlist;

  @Option(
      names = "--trust-ca",
      paramLabel = "FILE",
      description = "PEM certificate(s) of an extra authority to trust (a private PKI, the testbed).")
  Path trustCa;

  @Option(
      names = "--lang",
      paramLabel = "fr|en",
      defaultValue = "fr",
      description = "Language of finding titles and remediation (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Also write the JSON report to FILE.")
  Path output;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
  boolean quiet;

  List<InetSocketAddress> resolverAddresses() {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String r : resolvers) {
      out.add(parseResolver(r));
    }
    return out;
  }

  static InetSocketAddress parseResolver(String text) {
    String host = text.strip();
    int port = 53;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        throw new UserInputException("invalid --resolver '" + text + "': missing ']'");
      }
      String rest = host.substring(close + 1);
      host = host.substring(1, close);
      if (rest.startsWith(":")) {
        port = port(rest.substring(1), text);
      } else if (!rest.isEmpty()) {
        throw new UserInputException("invalid --resolver '" + text + "'");
      }
    } else if (host.chars().filter(c -> c == ':').count() == 1) {
      port = port(host.substring(host.indexOf(':') + 1), text);
      host = host.substring(0, host.indexOf(':'));
    }
    if (!host.matches("[0-9.]+") && !host.matches("[0-9a-fA-F:.]+")) {
      throw new UserInputException("invalid --resolver '" + text + "': give an IP address, not a name");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new UserInputException("invalid --resolver '" + text + "': " + e.getMessage());
    }
  }

  private static int port(String s, String text) {
    try {
      int p = Integer.parseInt(s);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return p;
    } catch (NumberFormatException e) {
      throw new UserInputException("invalid --resolver '" + text + "': bad port '" + s + "'");
    }
  }

  List<String> wordlist() {
    if (noWordlist) {
      return List.of();
    }
    if (wordlist == null) {
      return Wordlist.builtIn();
    }
    try {
      return Wordlist.read(wordlist);
    } catch (IOException e) {
      throw new UserInputException("cannot read wordlist " + wordlist + ": " + e.getMessage(), e);
    }
  }

  CheckCatalogue.Lang language() {
    try {
      return CheckCatalogue.Lang.parse(lang);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("invalid --lang: " + e.getMessage());
    }
  }

  /** Reads --trust-ca now, so that a wrong file fails before the scan, not in its middle. */
  List<X509Certificate> trustedCertificates() {
    if (trustCa == null) {
      return List.of();
    }
    try (InputStream in = Files.newInputStream(trustCa)) {
      List<X509Certificate> certs = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new UserInputException("--trust-ca " + trustCa + ": no certificate in the file");
      }
      return certs;
    } catch (IOException e) {
      throw new UserInputException("cannot read --trust-ca " + trustCa + ": " + e.getMessage(), e);
    } catch (CertificateException e) {
      throw new UserInputException("--trust-ca " + trustCa + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  void validate() {
    if (concurrency < 1 || dnsConcurrency < 1) {
      throw new UserInputException("--concurrency and --dns-concurrency must be at least 1");
    }
    if (dnsTimeoutMillis < 1 || dnsRetries < 0) {
      throw new UserInputException("--dns-timeout must be positive and --dns-retries at least 0");
    }
    language();
  }
}
