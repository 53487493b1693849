package fr.vigie.testbed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import fr.vigie.testbed.Scenario.Page;
import fr.vigie.testbed.Scenario.Site;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;
import okio.Buffer;

/**
 * The web servers of one testbed address: HTTP and HTTPS on the testbed's two ports, several
 * sites on one address told apart by Host header and SNI, as on shared hosting. Close it.
 */
final class TestbedWeb implements AutoCloseable {

  private final HttpServer http;
  private final HttpsServer https;
  private final MockWebServer http2;

  /**
   * Quiet: it logs each request, and a warning for each connection that only shook hands (the
   * TLS probe's, hundreds a sweep). Held here, since the logging keeps only weak references.
   */
  private static final Logger MOCK_LOG = quiet(Logger.getLogger(MockWebServer.class.getName()));

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.OFF);
    return logger;
  }

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  /** Requests served, by the name in their Host header. */
  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  /** Full TLS handshakes that chose a certificate, by the name asked (SNI); "" without SNI. */
  private final Map<String, LongAdder> handshakes = new ConcurrentHashMap<>();

  /** The most requests this address served at once: what the scanner's politeness allowed. */
  int maxInFlight() {
    return maxInFlight.get();
  }

  Map<String, LongAdder> requests() {
    return requests;
  }

  /** The counts start again from nothing (requests in flight stay counted as in flight). */
  void resetCounts() {
    maxInFlight.set(inFlight.get());
    requests.clear();
    handshakes.clear();
  }

  Map<String, LongAdder> handshakes() {
    return handshakes;
  }

  private void counted(HttpExchange exchange, Map<String, Site> sites, String scheme)
      throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    String host = exchange.getRequestHeaders().getFirst("Host");
    requests.computeIfAbsent(hostOf(host), k -> new LongAdder()).increment();
    try {
      serve(exchange, sites, scheme);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * @param httpSites host name to its HTTP behaviour (empty: no HTTP server, connection refused)
   * @param httpsSites host name to its HTTPS behaviour (empty: no HTTPS server)
   */
  TestbedWeb(
      InetAddress address,
      int httpPort,
      int httpsPort,
      Map<String, Site> httpSites,
      Map<String, Site> httpsSites,
      TestbedCertificates certificates)
      throws IOException {
    HttpServer h = null;
    HttpsServer s = null;
    MockWebServer h2 = null;
    // this-escape: the handlers run only once start() returns
    try {
      if (!httpSites.isEmpty()) {
        h = HttpServer.create(new InetSocketAddress(address, httpPort), 64);
        h.createContext("/", exchange -> counted(exchange, httpSites, "http"));
        h.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        h.start();
      }
      boolean http2 =
          httpsSites.values().stream().anyMatch(site -> Boolean.TRUE.equals(site.http2()));
      if (http2) {
        // The JDK's server speaks HTTP/1.1 only: an HTTP/2 front end is a MockWebServer with the
        // same sites, certificates (by SNI) and TLS versions.
        SSLContext context = sslContext(httpsSites, certificates, handshakes);
        MockWebServer m = new MockWebServer();
        m.useHttps(new VersionsSocketFactory(context.getSocketFactory(), protocols(httpsSites)));
        m.setProtocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1));
        m.setDispatcher(new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
            return counted(request, httpsSites);
          }
        });
        m.start(address, httpsPort);
        h2 = m;
      } else if (!httpsSites.isEmpty()) {
        s = HttpsServer.create(new InetSocketAddress(address, httpsPort), 64);
        SSLContext context = sslContext(httpsSites, certificates, handshakes);
        List<String> protocols = protocols(httpsSites);
        List<String> ciphers = ciphers(httpsSites);
        s.setHttpsConfigurator(new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = context.getDefaultSSLParameters();
            p.setProtocols(protocols.toArray(String[]::new));
            if (!ciphers.isEmpty()) {
              p.setCipherSuites(ciphers.toArray(String[]::new));
            }
            params.setSSLParameters(p);
          }
        });
        s.createContext("/", exchange -> counted(exchange, httpsSites, "https"));
        s.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        s.start();
      }
    } catch (IOException | RuntimeException e) {
      if (h2 != null) {
        h2.close();
      }
      if (h != null) {
        h.stop(0);
      }
      if (s != null) {
        s.stop(0);
      }
      throw e;
    }
    this.http = h;
    this.https = s;
    this.http2 = h2;
  }

  /** One request to the HTTP/2 front end (over h2 or HTTP/1.1, as the client chose). */
  private MockResponse counted(RecordedRequest request, Map<String, Site> sites)
      throws InterruptedException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      String authority = request.getHeaders().get("Host");
      if (authority == null) {
        authority = request.getHeaders().get(":authority");
      }
      String host = authority != null ? hostOf(authority) : request.getUrl().host();
      requests.computeIfAbsent(host, k -> new LongAdder()).increment();
      Reply r =
          answer(sites, host, request.getUrl().encodedPath(), request.getUrl().encodedQuery());
      MockResponse.Builder b = new MockResponse.Builder().code(r.status());
      for (Map.Entry<String, String> e : r.headers()) {
        b.addHeader(e.getKey(), e.getValue());
      }
      return b.body(new Buffer().write(r.body())).build();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /** The server sockets of an SSL context, with one address's TLS versions. */
  private static final class VersionsSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String[] versions;

    VersionsSocketFactory(SSLSocketFactory delegate, List<String> versions) {
      this.delegate = delegate;
      this.versions = versions.toArray(String[]::new);
    }

    private Socket configured(Socket s) {
      if (s instanceof SSLSocket ssl) {
        ssl.setEnabledProtocols(versions);
      }
      return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return configured(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return configured(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return configured(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return configured(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
        throws IOException {
      return configured(delegate.createSocket(address, port, local, localPort));
    }
  }

  /** The TLS versions of the first site that names some; one address offers one set. */
  private static List<String> protocols(Map<String, Site> sites) {
    for (Site site : sites.values()) {
      if (site.protocols() != null && !site.protocols().isEmpty()) {
        return site.protocols();
      }
    }
    return List.of("TLSv1.2", "TLSv1.3");
  }

  /** The suites of the first site that names some; empty: the JDK's defaults. */
  private static List<String> ciphers(Map<String, Site> sites) {
    for (Site site : sites.values()) {
      if (site.ciphers() != null && !site.ciphers().isEmpty()) {
        return site.ciphers();
      }
    }
    return List.of();
  }

  /** The name in a shared host's default certificate, presented to names it does not serve. */
  static final String DEFAULT_CERTIFICATE_NAME = "mutualise.hebergeur.test";

  /** One answer of a site: its status, headers in order, and body. */
  record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

  private static Reply reply(int status, Map<String, String> headers, String body) {
    return new Reply(
        status, List.copyOf(headers.entrySet()), body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What the sites of this address answer to one request, whatever server carries it (HTTP/1.1
   * or HTTP/2), after the site's delay.
   *
   * @param host the name asked (Host header or :authority), lower case, without a port
   */
  static Reply answer(Map<String, Site> sites, String host, String path, String query)
      throws InterruptedException {
    Site site = sites.get(host);
    if (site != null && site.delay() != null && site.delay() > 0) {
      Thread.sleep(site.delay());
    }
    if (site == null) {
      // The hosting provider's default page, for a name it does not serve.
      return reply(
          404, Map.of("Content-Type", "text/html; charset=utf-8"), "<h1>Site inconnu</h1>");
    }
    Page page = site.paths().get(path);
    if (page != null) {
      Map<String, String> headers = new LinkedHashMap<>(page.headers());
      headers.putIfAbsent("Content-Type", "text/html; charset=utf-8");
      return reply(
          page.status() == null ? 200 : page.status(),
          headers,
          page.body() == null ? "" : page.body());
    }
    if (site.capture() != null && site.redirect() == null) {
      Captures.Response captured = Captures.get(site.capture())
          .answer(query == null ? path : path + "?" + query, path, host);
      boolean ownHome = (path.equals("/") || path.isEmpty()) && site.body() != null;
      if (captured != null && !ownHome) {
        // The software's answer, with the site's own headers in place of its.
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Captures.Header h : captured.headers()) {
          if (site.headers().keySet().stream().noneMatch(k -> k.equalsIgnoreCase(h.name()))) {
            headers.add(Map.entry(h.name(), h.value()));
          }
        }
        headers.addAll(site.headers().entrySet());
        return new Reply(captured.status(), headers, captured.body());
      }
    }
    boolean home = path.equals("/") || path.isEmpty();
    if (home || site.redirect() != null || Boolean.TRUE.equals(site.catchAll())) {
      Map<String, String> headers = new LinkedHashMap<>(site.headers());
      int status = site.status() == null ? 200 : site.status();
      if (site.redirect() != null) {
        headers.put("Location", site.redirect());
        if (site.status() == null) {
          status = 301;
        }
      }
      headers.putIfAbsent("Content-Type", "text/html; charset=utf-8");
      return reply(status, headers, site.body() == null ? "" : site.body());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    site.headers().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("Set-Cookie")) {
        headers.put(k, v);
      }
    });
    headers.put("Content-Type", "text/html; charset=utf-8");
    return reply(
        404,
        headers,
        "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL "
            + path.replace("<", "&lt;") + " was not found on this server.</p></body></html>");
  }

  static String hostOf(String header) {
    return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceFirst(":\\d+$", "");
  }

  private static void serve(HttpExchange exchange, Map<String, Site> sites, String scheme)
      throws IOException {
    try (exchange) {
      Reply r;
      try {
        r = answer(
            sites,
            hostOf(exchange.getRequestHeaders().getFirst("Host")),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      for (Map.Entry<String, String> h : r.headers()) {
        exchange.getResponseHeaders().add(h.getKey(), h.getValue());
      }
      boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
      exchange.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
      if (!head && r.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(r.body());
        }
      }
    }
  }

  /** A server context presenting a valid testbed certificate for one host (an MX after STARTTLS). */
  static SSLContext serverContext(String host, TestbedCertificates certificates) {
    return serverContext(host, certificates, List.of());
  }

  static SSLContext serverContext(
      String host, TestbedCertificates certificates, List<String> extraNames) {
    Site site = new Site(
        null, null, null, null, null, "valid", null, null, null, null, null, null, extraNames);
    return sslContext(Map.of(host, site), certificates, new ConcurrentHashMap<>());
  }

  private static SSLContext sslContext(
      Map<String, Site> sites,
      TestbedCertificates certificates,
      Map<String, LongAdder> handshakes) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "testbed".toCharArray();
      String first = null;
      for (Map.Entry<String, Site> e : sites.entrySet()) {
        TestbedCertificates.Issued issued = certificates.issued(
            e.getKey(),
            TestbedCertificates.Kind.parse(e.getValue().certificate()),
            e.getValue().names());
        store.setKeyEntry(e.getKey(), issued.key(), password, issued.chain());
        if (first == null) {
          first = e.getKey();
        }
      }
      if (sites.size() > 1) {
        // A shared host answers a name it does not serve with its own default certificate, not
        // with one of its customers'.
        TestbedCertificates.Issued own =
            certificates.issued(DEFAULT_CERTIFICATE_NAME, TestbedCertificates.Kind.VALID);
        store.setKeyEntry(DEFAULT_CERTIFICATE_NAME, own.key(), password, own.chain());
        first = DEFAULT_CERTIFICATE_NAME;
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      X509ExtendedKeyManager delegate = null;
      for (KeyManager km : kmf.getKeyManagers()) {
        if (km instanceof X509ExtendedKeyManager x) {
          delegate = x;
        }
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new KeyManager[] {new SniKeyManager(delegate, first, handshakes)}, null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot build the testbed's TLS context: " + e.getMessage(), e);
    }
  }

  /** Chooses the certificate by the SNI name; without SNI, the address's first site answers. */
  private static final class SniKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;
    private final String fallback;
    private final Map<String, LongAdder> handshakes;

    SniKeyManager(
        X509ExtendedKeyManager delegate, String fallback, Map<String, LongAdder> handshakes) {
      this.delegate = delegate;
      this.fallback = fallback;
      this.handshakes = handshakes;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
      return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    private String choose(String keyType, SSLSession handshake) {
      String alias = fallback;
      String asked = "";
      if (handshake instanceof ExtendedSSLSession session) {
        for (SNIServerName sni : session.getRequestedServerNames()) {
          if (sni instanceof SNIHostName name) {
            asked = name.getAsciiName().toLowerCase(Locale.ROOT);
            if (delegate.getPrivateKey(asked) != null) {
              alias = asked;
            }
          }
        }
      }
      PrivateKey key = delegate.getPrivateKey(alias);
      // TLS 1.3 asks for RSASSA-PSS where an RSA key serves.
      String wanted = keyType.startsWith("RSA") ? "RSA" : keyType;
      if (key == null || !key.getAlgorithm().equalsIgnoreCase(wanted)) {
        return null; // asked again with another key type: the handshake is counted once
      }
      handshakes.computeIfAbsent(asked, k -> new LongAdder()).increment();
      return alias;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return choose(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return delegate.getPrivateKey(alias);
    }
  }

  @Override
  public void close() {
    if (http != null) {
      http.stop(0);
    }
    if (https != null) {
      https.stop(0);
    }
    if (http2 != null) {
      http2.close();
    }
  }
}
