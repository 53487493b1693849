package fr.vigie.cli;

import fr.vigie.UserInputException;
import fr.vigie.check.CheckCatalogue;
import fr.vigie.discovery.Wordlist;
import fr.vigie.probe.HttpSettings;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by {@code scan} and {@code demo}. */
public final class ScanOptions {

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

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

  @Option(
      names = "--wordlist",
      paramLabel = "FILE",
      description = "Subdomain labels to try instead of the built-in list.")
  Path wordlist;

  @Option(
      names = "--no-wordlist",
      description = "Do not try subdomain names; only seeds, apex, MX and NS.")
  boolean noWordlist;

  @Option(
      names = "--ct",
      description =
          "Also take host names from Certificate Transparency logs (sends each commune's domains to the CT search operator, crt.sh by default; answers are kept a day).")
  boolean ct;

  @Option(
      names = "--ct-url",
      paramLabel = "TEMPLATE",
      defaultValue = "https://crt.sh/?q=%25.{domain}&output=json",
      description =
          "The CT search, {domain} replaced by the A-label domain (default: ${DEFAULT-VALUE}).")
  String ctUrl;

  @Option(
      names = "--trust-ca",
      paramLabel = "FILE",
      description =
          "PEM certificate(s) of an extra authority to trust (a private PKI, the testbed).")
  Path trustCa;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Also write the JSON report to FILE.")
  Path output;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress lines on stderr.")
  boolean quiet;

  @Option(
      names = "--resume",
      description =
          "Continue the interrupted scan of the same targets (Ctrl-C, crash, kill): finished communes are not probed again.")
  boolean resume;

  @Option(names = "--no-web", description = "Do not probe web servers (DNS and mail only).")
  boolean noWeb;

  @Option(names = "--no-tls", description = "Do not probe TLS versions, suites and certificates.")
  boolean noTls;

  @Option(
      names = "--no-axfr",
      description =
          "Do not ask the commune's name servers for a zone transfer (one AXFR request per zone and server: an open one lists every host).")
  boolean noAxfr;

  @Option(
      names = "--ports",
      paramLabel = "LIST",
      description =
          "Ports the service probe tries on each address, e.g. 22,3389,8443 (default: the list in probe/ports.yaml, 29 ports).")
  String ports;

  @Option(
      names = "--no-ports",
      description = "Do not probe ports (no service.* findings, no STARTTLS check).")
  boolean noPorts;

  @Option(
      names = "--port-timeout",
      paramLabel = "MS",
      defaultValue = "1500",
      description = "How long a port has to accept the connection (default: ${DEFAULT-VALUE} ms).")
  int portTimeoutMillis;

  @Option(
      names = "--commune-timeout",
      paramLabel = "S",
      defaultValue = "600",
      description =
          "The longest one commune may take (default: ${DEFAULT-VALUE} s): past three quarters of it no new probe family starts, at its end the commune is stopped and stored as unreachable; the sweep goes on.")
  int communeTimeoutSeconds;

  @Option(
      names = "--progress-idle",
      paramLabel = "S",
      defaultValue = "60",
      description =
          "After this long without a commune finishing, say what is still running (default: ${DEFAULT-VALUE} s).")
  int progressIdleSeconds;

  @Option(
      names = "--intrusive",
      description = "Also try what logs in: FTP's anonymous login. Off by default.")
  boolean intrusive;

  /** The port list the options ask for. */
  List<fr.vigie.probe.ServicePorts.Spec> portList() {
    if (noPorts) {
      return List.of();
    }
    return ports == null
        ? fr.vigie.probe.ServicePorts.builtIn()
        : fr.vigie.probe.ServicePorts.parse(ports);
  }

  @Option(
      names = "--no-tech",
      description =
          "Do not identify the software of web hosts (no tech.* findings, no version-source requests).")
  boolean noTech;

  @Option(
      names = "--no-paths",
      description =
          "Probe http:// and https:// but not the exposed-path list (about 40 requests per host).")
  boolean noPaths;

  @Option(
      names = "--http-timeout",
      paramLabel = "MS",
      defaultValue = "20000",
      description =
          "Longest time for one HTTP request, body included (default: ${DEFAULT-VALUE}); connect and read timeouts are a quarter and a half of it.")
  long httpTimeoutMillis;

  @Option(
      names = "--user-agent",
      paramLabel = "TEXT",
      description =
          "User-Agent of web requests (default: vigie/VERSION with the project URL); a CSIRT may add its contact.")
  String userAgent;

  @Option(
      names = "--per-ip",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "Connections open to one IP address at once, idle keep-alive ones included: shared hosting serves many communes (default: ${DEFAULT-VALUE}).")
  int perIp;

  @Option(
      names = "--spacing",
      paramLabel = "MS",
      defaultValue = "0",
      description =
          "Least time between the starts of two requests to one IP address, in milliseconds (default: ${DEFAULT-VALUE}); above it the pace follows the server (slower when it slows down or errs).")
  long spacingMillis;

  @Option(
      names = "--port-map",
      paramLabel = "PORT:ACTUAL,...",
      description =
          "Connect to ACTUAL for URL port PORT: the testbed serves 80 and 443 on high ports, and"
              + " prints the --port-map to give.")
  String portMap;

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
      throw new UserInputException(
          "invalid --resolver '" + text + "': give an IP address, not a name");
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
    return Main.language(mixee);
  }

  java.time.ZoneId zone() {
    return Main.zone(mixee);
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
      throw new UserInputException(
          "--trust-ca " + trustCa + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  HttpSettings httpSettings() {
    Duration call = Duration.ofMillis(httpTimeoutMillis);
    HttpSettings http = HttpSettings.defaults()
        .withTimeouts(call.dividedBy(4), call.dividedBy(2), call)
        .withPaths(!noPaths)
        .withPortMap(parsePortMap(portMap));
    return userAgent == null ? http : http.withUserAgent(userAgent);
  }

  static Map<Integer, Integer> parsePortMap(String text) {
    Map<Integer, Integer> map = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return map;
    }
    for (String pair : text.split(",")) {
      String[] parts = pair.strip().split("[:=]");
      try {
        if (parts.length != 2) {
          throw new NumberFormatException();
        }
        map.put(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      } catch (NumberFormatException e) {
        throw new UserInputException(
            "invalid --port-map '" + pair + "' (expected PORT:ACTUAL, e.g. 80:18080)");
      }
    }
    return map;
  }

  void validate() {
    if (httpTimeoutMillis < 100 || perIp < 1 || spacingMillis < 0) {
      throw new UserInputException(
          "--http-timeout must be at least 100 ms and --per-ip at least 1");
    }
    if (concurrency < 1 || dnsConcurrency < 1) {
      throw new UserInputException("--concurrency and --dns-concurrency must be at least 1");
    }
    if (communeTimeoutSeconds < 1 || progressIdleSeconds < 1) {
      throw new UserInputException(
          "--commune-timeout and --progress-idle must be at least 1 second");
    }
    if (dnsTimeoutMillis < 1 || dnsRetries < 0) {
      throw new UserInputException("--dns-timeout must be positive and --dns-retries at least 0");
    }
    language();
  }
}
