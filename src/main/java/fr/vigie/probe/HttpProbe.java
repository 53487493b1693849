package fr.vigie.probe;

import fr.vigie.inventory.Scope;
import fr.vigie.net.Politeness;
import fr.vigie.net.Sockets;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.Body;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.HttpObservation.Header;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.PathRequests;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.ProbeExtras;
import fr.vigie.observation.WebObservation;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.TlsVersion;
import okio.Buffer;
import okio.BufferedSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The web probe: fetches {@code http://host/} and {@code https://host/} following redirects by
 * hand (each hop recorded, scope enforced, loops and caps), then the paths the checks ask for
 * ({@link PathRequests}) on the origin that answered. It does I/O and records what it saw; it decides nothing. Certificate
 * problems do not stop it (the chain is recorded for the TLS checks). Thread-safe; one per scan.
 */
public final class HttpProbe {

  static final int PATH_BYTES = 16 * 1024;
  static final int PATH_EXCERPT = 2048;
  static final int PAGE_EXCERPT = 4096;
  static final int MAX_RESOURCES = 50;

  private final HttpSettings settings;
  private final AddressBook addresses;
  private final Politeness politeness;
  private final OkHttpClient client;
  private final PathRequests requests;
  private final ProbeExtras extras;
  private final SecureRandom random = new SecureRandom();
  /** Names answering the same bytes on one address: their paths are asked once. */
  private final IdenticalHosts identical = new IdenticalHosts(1024);

  /** Filled by the network interceptor with the chain of the connection that served a request. */
  private static final class CertCapture {
    volatile List<String> pem = List.of();
  }

  public HttpProbe(HttpSettings settings, AddressBook addresses, Politeness politeness) {
    this(settings, addresses, politeness, PathRequests.NONE, ProbeExtras.NONE);
  }

  /**
   * @param requests the paths the checks read, requested on every host's origin
   * @param extras what the technology rules ask for beyond them
   */
  public HttpProbe(
      HttpSettings settings,
      AddressBook addresses,
      Politeness politeness,
      PathRequests requests,
      ProbeExtras extras) {
    this.requests = requests;
    this.extras = extras;
    this.settings = settings;
    this.addresses = addresses;
    this.politeness = politeness;
    X509TrustManager trustAll = new TrustEverything();
    SSLContext ssl;
    try {
      ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {trustAll}, new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
    ConnectionSpec legacy = new ConnectionSpec.Builder(ConnectionSpec.COMPATIBLE_TLS)
        .tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2, TlsVersion.TLS_1_1, TlsVersion.TLS_1_0)
        .allEnabledCipherSuites()
        .build();
    // The template of every lane's client (see LaneClient), which adds its address and sockets.
    this.client = new OkHttpClient.Builder()
        .sslSocketFactory(ssl.getSocketFactory(), trustAll)
        // Trust and name are the TLS checks' business; here the page is what matters.
        .hostnameVerifier((host, session) -> true)
        .connectionSpecs(List.of(legacy, ConnectionSpec.CLEARTEXT))
        // HTTP/2 where the server offers it (ALPN): one connection, several streams at once.
        .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false)
        // A lane's client resolves to one address: Happy Eyeballs has nothing to race, and its
        // task per connect on OkHttp's one shared scheduler was 1.5 % of a sweep's CPU.
        .fastFallback(false)
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        .addNetworkInterceptor(chain -> {
          Response response = chain.proceed(chain.request());
          CertCapture capture = chain.request().tag(CertCapture.class);
          if (capture != null
              && chain.connection() != null
              && chain.connection().socket() instanceof SSLSocket s) {
            capture.pem = pem(s);
          }
          return response;
        })
        .build();
  }

  /** All the path requests of one host: six call timeouts' worth (two minutes by default). */
  Duration pathsBudget() {
    return settings.callTimeout().multipliedBy(6);
  }

  /** Probes one host of a commune. */
  public WebObservation probe(String host, String registrableDomain, Scope scope)
      throws InterruptedException {
    try (Turn turn = new Turn()) {
      return probe(host, registrableDomain, scope, turn);
    }
  }

  private WebObservation probe(String host, String registrableDomain, Scope scope, Turn turn)
      throws InterruptedException {
    // Most http home pages redirect to https://host/, the https chain's first request: asked
    // once, and its answer (page, certificate) is both chains'.
    Map<String, Answered> asked = new HashMap<>();
    HttpObservation http = chain("http://" + host + "/", host, scope, turn, asked);
    HttpObservation https = chain("https://" + host + "/", host, scope, turn, asked);
    String origin = origin(host, http, https);
    List<PathResult> baselines = new ArrayList<>();
    List<PathResult> paths = new ArrayList<>();
    if (origin != null && settings.paths()) {
      String identity;
      try {
        identity = IdenticalHosts.identity(addresses.lookup(host), http, https);
      } catch (UnknownHostException e) {
        identity = null;
      }
      IdenticalHosts.Claim claim = identity == null ? null : identical.claim(identity);
      IdenticalHosts.Paths same = null;
      if (claim != null && !claim.mine()) {
        // Another name of this address answered the very same bytes: its answers are this
        // name's, and only the paths it did not ask (those named after the commune) are asked.
        turn.close(); // no lane held while waiting
        same = await(claim.paths());
        claim = null;
      }
      try {
        askPaths(host, registrableDomain, scope, http, https, origin, same, baselines, paths, turn);
      } finally {
        if (claim != null) {
          claim.paths().complete(new IdenticalHosts.Paths(baselines, paths));
        }
      }
    }
    return new WebObservation(host, registrableDomain, http, https, origin, baselines, paths);
  }

  /** The paths of another name with the same answers, or null when it failed or is too slow. */
  private IdenticalHosts.Paths await(CompletableFuture<IdenticalHosts.Paths> paths)
      throws InterruptedException {
    try {
      return paths.get(pathsBudget().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  /**
   * Asks the baselines and paths of a host; with {@code same}, the answers of a name that
   * answered the very same bytes stand for this one's wherever it asked the same path.
   */
  private void askPaths(
      String host,
      String registrableDomain,
      Scope scope,
      HttpObservation http,
      HttpObservation https,
      String origin,
      IdenticalHosts.Paths same,
      List<PathResult> baselines,
      List<PathResult> paths,
      Turn turn)
      throws InterruptedException {
    // A budget for the host's ~40 path requests: a server that takes just under the call
    // timeout for each would otherwise hold the commune for 40 of them. Paths not requested in
    // time are not in the observation, so nothing is said of them (unknown, never resolved).
    long until = System.nanoTime() + pathsBudget().toNanos();
    if (same != null) {
      baselines.addAll(same.baselines());
    } else {
      String token = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
      baselines.add(path(origin, "/vigie-" + token, turn));
      baselines.add(path(origin, "/vigie-" + token + ".php", turn));
    }
    HttpObservation served = origin.startsWith("https:") ? https : http;
    if (redirectsEverythingTo(served, baselines, scope) != null) {
      return;
    }
    WebObservation home =
        new WebObservation(host, registrableDomain, http, https, origin, baselines, List.of());
    paths.addAll(reusing(same, origin, requests.paths(host, registrableDomain, home), turn, until));
    // The technology rules' own paths come last: they depend on what the home page showed.
    WebObservation soFar =
        new WebObservation(host, registrableDomain, http, https, origin, baselines, paths);
    List<String> more = extras.paths(soFar).stream()
        .filter(p -> paths.stream().noneMatch(r -> r.path().equals(p)))
        .toList();
    paths.addAll(reusing(same, origin, more, turn, until));
  }

  /** The answers {@code same} has for these paths, the others asked; in the order wanted. */
  private List<PathResult> reusing(
      IdenticalHosts.Paths same, String origin, List<String> wanted, Turn turn, long until)
      throws InterruptedException {
    if (same == null) {
      return paths(origin, wanted, turn, until);
    }
    Map<String, PathResult> known = new HashMap<>();
    same.paths().forEach(r -> known.putIfAbsent(r.path(), r));
    List<String> missing = wanted.stream().filter(p -> !known.containsKey(p)).toList();
    paths(origin, missing, turn, until).forEach(r -> known.put(r.path(), r));
    List<PathResult> out = new ArrayList<>();
    for (String p : wanted) {
      PathResult r = known.get(p);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The host an origin sends every path to, or null: its home page and both random paths are
   * redirects to one other host of the commune, as a name kept only to redirect is ({@code
   * return 301 https://www.mairie.fr$request_uri}). Its paths are then not asked: each would be
   * one more redirect, and the host they lead to is probed with them. Not asked is not absent —
   * a finding an earlier scan made there stays unknown, never resolved.
   */
  static String redirectsEverythingTo(
      HttpObservation served, List<PathResult> baselines, Scope scope) {
    if (served.hops().isEmpty() || baselines.isEmpty()) {
      return null;
    }
    Hop home = served.hops().get(0);
    HttpUrl from = HttpUrl.parse(home.url());
    if (from == null || !home.isRedirect()) {
      return null;
    }
    String target = redirectHost(from, home.first("Location").orElseThrow());
    if (target == null || target.equals(from.host()) || !scope.contains(target)) {
      return null;
    }
    for (PathResult b : baselines) {
      if (b.status() < 300
          || b.status() >= 400
          || b.location() == null
          || !target.equals(redirectHost(from, b.location()))) {
        return null;
      }
    }
    return target;
  }

  private static String redirectHost(HttpUrl from, String location) {
    HttpUrl to = from.resolve(location);
    return to == null ? null : to.host();
  }

  /** Streams one host's paths may use at once on an HTTP/2 connection. */
  static final int STREAMS = 4;

  /**
   * Requests paths on an origin, in order in the result. On the lane the probe holds, one after
   * the other — several at once on an HTTP/2 connection (at most {@link #STREAMS}), or on the
   * address's other lanes that are free right now (never waiting for one: on a busy shared host
   * the other names have them). The pace between requests is the address's, whatever the lane.
   */
  private List<PathResult> paths(String origin, List<String> wanted, Turn turn, long until)
      throws InterruptedException {
    if (wanted.isEmpty()) {
      return List.of();
    }
    PathResult[] results = new PathResult[wanted.size()];
    AtomicInteger next = new AtomicInteger();
    Politeness.Lane mine;
    try {
      mine = turn.lane(HttpUrl.get(origin + "/"));
    } catch (UnknownHostException e) {
      return List.of();
    }
    boolean multiplexed = wanted.size() > 1 && laneClient(mine).multiplexed;
    List<Politeness.Lane> others = new ArrayList<>();
    // Another lane only while the server shows no strain: a slow or failing server gets one.
    if (!multiplexed && politeness.atFloor(mine.address())) {
      for (int i = 1; i < wanted.size(); i++) {
        Politeness.Lane free = politeness.tryAcquire(mine.address(), origin);
        if (free == null) {
          break;
        }
        others.add(free);
      }
    }
    try (ExecutorService helpers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> running = new ArrayList<>();
      int extra = multiplexed ? Math.min(STREAMS, wanted.size()) - 1 : others.size();
      for (int i = 0; i < extra; i++) {
        Politeness.Lane lane = multiplexed ? mine : others.get(i);
        running.add(helpers.submit(() -> {
          drain(origin, wanted, results, next, lane, until, false);
          return null;
        }));
      }
      // The first request on the probe's own lane was paced by turn.lane already.
      drain(origin, wanted, results, next, mine, until, true);
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (e.getCause() instanceof InterruptedException) {
            throw new InterruptedException("interrupted");
          }
          throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
      }
    } finally {
      others.forEach(Politeness.Lane::close);
    }
    List<PathResult> out = new ArrayList<>();
    for (PathResult r : results) {
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  /** Takes the next path not yet taken and requests it, until none is left or time is up. */
  private void drain(
      String origin,
      List<String> wanted,
      PathResult[] results,
      AtomicInteger next,
      Politeness.Lane lane,
      long until,
      boolean pacedAlready)
      throws InterruptedException {
    boolean paced = pacedAlready;
    for (int i = next.getAndIncrement(); i < wanted.size(); i = next.getAndIncrement()) {
      if (System.nanoTime() > until) {
        return;
      }
      if (!paced) {
        politeness.pace(lane);
      }
      paced = false;
      lane.mark(origin);
      results[i] = exchange(origin, wanted.get(i), lane);
    }
  }

  /**
   * A web server found by the port probe on another port (a VPN portal on 10443, an admin
   * console on 8443): its home page and the version sources the technology rules ask for, not
   * the exposed-path list. The other scheme is recorded as not asked.
   */
  public WebObservation probePort(
      String host, String registrableDomain, Scope scope, String scheme, int port)
      throws InterruptedException {
    try (Turn turn = new Turn()) {
      return probePort(host, registrableDomain, scope, scheme, port, turn);
    }
  }

  private WebObservation probePort(
      String host, String registrableDomain, Scope scope, String scheme, int port, Turn turn)
      throws InterruptedException {
    HttpObservation asked =
        chain(scheme + "://" + host + ":" + port + "/", host, scope, turn, new HashMap<>());
    String otherScheme = scheme.equals("https") ? "http" : "https";
    HttpObservation other = new HttpObservation(
        host, otherScheme, List.of(), End.REFUSED, "not asked on port " + port, null, List.of());
    HttpObservation http = scheme.equals("http") ? asked : other;
    HttpObservation https = scheme.equals("https") ? asked : other;
    String origin = asked.answered() ? scheme + "://" + host + ":" + port : null;
    List<PathResult> paths = new ArrayList<>();
    if (origin != null && settings.paths()) {
      WebObservation soFar =
          new WebObservation(host, registrableDomain, http, https, origin, List.of(), paths);
      for (String p : extras.paths(soFar)) {
        paths.add(path(origin, p, turn));
      }
    }
    return new WebObservation(host, registrableDomain, http, https, origin, List.of(), paths);
  }

  /**
   * Where to request paths: HTTPS when it answered without an error, else HTTP when it answered
   * (a shared host's default HTTPS site answers 404 for names it does not serve), else HTTPS.
   */
  static String origin(String host, HttpObservation http, HttpObservation https) {
    int httpsStatus = https.last().map(Hop::status).orElse(0);
    if (https.answered() && httpsStatus < 400) {
      return "https://" + host;
    }
    if (http.answered()) {
      return "http://" + host;
    }
    return https.answered() ? "https://" + host : null;
  }

  /** Follows one start URL's redirects by hand. */
  HttpObservation chain(String start, String host, Scope scope) throws InterruptedException {
    try (Turn turn = new Turn()) {
      return chain(start, host, scope, turn, new HashMap<>());
    }
  }

  /** One answer of a chain: the hop, the page where it is not a redirect, its certificates. */
  private record Answered(Hop hop, Body body, List<String> certificates) {}

  /**
   * Follows the redirects of {@code start}; a URL already in {@code asked} (by the other scheme's
   * chain of the same host) is not requested again, its answer is taken as it was.
   */
  private HttpObservation chain(
      String start, String host, Scope scope, Turn turn, Map<String, Answered> asked)
      throws InterruptedException {
    String scheme = start.substring(0, start.indexOf(':'));
    List<Hop> hops = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    HttpUrl url = HttpUrl.get(start);
    List<String> certificates = List.of();
    // Ten redirects of just under the call timeout each would be minutes: the chain as a whole
    // has three call timeouts.
    long until = System.nanoTime() + settings.callTimeout().multipliedBy(3).toNanos();
    for (int i = 0; i <= settings.maxRedirects(); i++) {
      if (i > 0 && System.nanoTime() > until) {
        return new HttpObservation(
            host,
            scheme,
            hops,
            End.TIMEOUT,
            "the redirect chain ran past its budget of "
                + settings.callTimeout().multipliedBy(3).toSeconds() + " s",
            null,
            certificates);
      }
      if (!seen.add(url.toString())) {
        return new HttpObservation(
            host, scheme, hops, End.LOOP, "redirect loop back to " + url, null, certificates);
      }
      Answered answer = asked.get(url.toString());
      if (answer == null) {
        CertCapture capture = new CertCapture();
        Request request = new Request.Builder()
            .url(url)
            .header("User-Agent", settings.userAgent())
            .tag(CertCapture.class, capture)
            .build();
        Politeness.Lane lane;
        try {
          lane = turn.lane(url);
        } catch (UnknownHostException e) {
          return new HttpObservation(
              host, scheme, hops, classify(e), describe(e), null, certificates);
        }
        long begin = System.nanoTime();
        try (Response response = clientOf(lane).newCall(request).execute()) {
          long millis = (System.nanoTime() - begin) / 1_000_000;
          answered(lane, begin, response);
          Hop hop = new Hop(url.toString(), response.code(), headers(response), millis);
          Body body =
              hop.isRedirect() ? null : body(response, url, settings.maxBodyBytes(), extras);
          answer = new Answered(hop, body, capture.pem);
        } catch (IOException e) {
          failed(lane, origin(url), begin, e);
          return new HttpObservation(
              host, scheme, hops, classify(e), describe(e), null, certificates);
        }
        asked.put(url.toString(), answer);
      }
      Hop hop = answer.hop();
      hops.add(hop);
      if (hops.size() == 1) {
        certificates = answer.certificates();
      }
      if (!hop.isRedirect()) {
        return new HttpObservation(host, scheme, hops, End.OK, null, answer.body(), certificates);
      }
      HttpUrl next = url.resolve(hop.first("Location").orElseThrow());
      if (next == null) {
        return new HttpObservation(host, scheme, hops, End.OK, null, null, certificates);
      }
      if (!scope.contains(next.host())) {
        return new HttpObservation(host, scheme, hops, End.OUT_OF_SCOPE, null, null, certificates);
      }
      url = next;
    }
    return new HttpObservation(
        host,
        scheme,
        hops,
        End.TOO_MANY_REDIRECTS,
        "more than " + settings.maxRedirects() + " redirects",
        null,
        certificates);
  }

  /** One path on an origin; redirects are recorded, not followed. */
  PathResult path(String origin, String path) throws InterruptedException {
    try (Turn turn = new Turn()) {
      return path(origin, path, turn);
    }
  }

  private PathResult path(String origin, String path, Turn turn) throws InterruptedException {
    Politeness.Lane lane;
    try {
      lane = turn.lane(HttpUrl.get(origin + path));
    } catch (UnknownHostException e) {
      return new PathResult(path, 0, null, 0, -1, "", "", "", null);
    }
    return exchange(origin, path, lane);
  }

  /** One path request on a lane already held and paced. */
  private PathResult exchange(String origin, String path, Politeness.Lane lane) {
    HttpUrl url = HttpUrl.get(origin + path);
    Request request = new Request.Builder()
        .url(url)
        .header("User-Agent", settings.userAgent())
        .build();
    long begin = System.nanoTime();
    try (Response response = clientOf(lane).newCall(request).execute()) {
      answered(lane, begin, response);
      ResponseBody body = response.body();
      byte[] bytes = read(body.source(), PATH_BYTES);
      String type = response.header("Content-Type");
      String text =
          decode(bytes, body.contentType() == null ? null : body.contentType().charset());
      // Only a 2xx answer can prove an exposure or be a soft 404: for the others (most of the ~40
      // paths) the start is enough to tell an HTML page, and a nightly sweep stores much less.
      int keep = response.code() >= 200 && response.code() < 300 ? PATH_EXCERPT : 64;
      String excerpt = Secrets.redact(text.length() > keep ? text.substring(0, keep) : text);
      return new PathResult(
          path,
          response.code(),
          type,
          bytes.length,
          body.contentLength(),
          HexFormat.of().formatHex(bytes, 0, Math.min(16, bytes.length)),
          excerpt,
          sha256(bytes),
          response.header("Location"),
          response.code() >= 200 && response.code() < 300 ? redact(extras.marks(text)) : List.of());
    } catch (IOException e) {
      failed(lane, origin(url), begin, e);
      return new PathResult(path, 0, null, 0, -1, "", "", "", null);
    }
  }

  /** What one small GET got: a body of at most the cap, or why not. */
  public record Fetched(int status, byte[] body, String error) {}

  /**
   * One GET of a small resource outside the commune (an authority's issuer certificate): through
   * the address guard and the politeness limits like every request, no redirect followed, the
   * body cut at {@code maxBytes} (a longer one is an error, not a certificate).
   */
  public Fetched fetchSmall(String url, int maxBytes) throws InterruptedException {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      return new Fetched(0, new byte[0], "not an http(s) URL");
    }
    Request request = new Request.Builder()
        .url(parsed)
        .header("User-Agent", settings.userAgent())
        .build();
    try (Turn turn = new Turn();
        Response response = clientOf(turn.lane(parsed)).newCall(request).execute()) {
      if (!response.isSuccessful()) {
        return new Fetched(response.code(), new byte[0], "HTTP " + response.code());
      }
      byte[] bytes;
      try (InputStream in = response.body().byteStream()) {
        bytes = in.readNBytes(maxBytes + 1);
      }
      if (bytes.length > maxBytes) {
        return new Fetched(response.code(), new byte[0], "larger than " + maxBytes + " bytes");
      }
      return new Fetched(response.code(), bytes, null);
    } catch (UnknownHostException e) {
      return new Fetched(0, new byte[0], "no address vigie may reach");
    } catch (InterruptedIOException e) {
      return new Fetched(0, new byte[0], "timeout");
    } catch (IOException e) {
      return new Fetched(
          0, new byte[0], e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /**
   * The lane one probe holds while it talks to an address. Its requests follow one another on the
   * lane's connection (keep-alive); a request to another address hands the lane back first, so
   * a probe never waits for a second lane while holding one.
   */
  private final class Turn implements AutoCloseable {
    private Politeness.Lane lane;

    Politeness.Lane lane(HttpUrl url) throws InterruptedException, UnknownHostException {
      InetAddress address = addresses.lookup(url.host()).get(0);
      String origin = url.scheme() + "://" + url.host() + ":" + url.port();
      if (lane != null && lane.address().equals(address)) {
        politeness.pace(lane);
      } else {
        close();
        lane = politeness.acquire(address, origin);
      }
      lane.mark(origin);
      return lane;
    }

    @Override
    public void close() {
      if (lane != null) {
        lane.close();
        lane = null;
      }
    }
  }

  /**
   * The lane's own client: the shared one with a pool of one connection, to the lane's address
   * only, and the sockets it opened, so that what OkHttp keeps alive is what the lane closes
   * (politely: the server has closed it before the lane's next connection opens) before it opens
   * another one or the lane serves another probe.
   */
  private static final class LaneClient {
    final OkHttpClient client;
    final List<Socket> sockets = new ArrayList<>();
    /** The last answer on the lane came over HTTP/2: its connection takes several streams. */
    volatile boolean multiplexed;

    LaneClient(OkHttpClient shared, HttpSettings settings, AddressBook addresses, InetAddress to) {
      this.client = shared
          .newBuilder()
          .connectionPool(new ConnectionPool(1, 30, TimeUnit.SECONDS))
          .socketFactory(new PortMappingSocketFactory(settings.portMap(), this::opened))
          .dns(host -> {
            addresses.lookup(host); // the guard still decides
            return List.of(to);
          })
          .build();
    }

    /**
     * A new connection is about to open (no idle one served the origin): the lane's other one is
     * closed first. Between requests is the only time a lane's sockets are all idle, and the
     * lane's holder is the one opening.
     */
    private synchronized void opened(Socket s) {
      closeSockets();
      sockets.add(s);
    }

    /** Only between requests, by the lane's holder: no socket is in use then. */
    synchronized void closeIdle() {
      closeSockets();
      client.connectionPool().evictAll();
    }

    private void closeSockets() {
      for (Socket s : sockets) {
        Sockets.closeGracefully(s, Sockets.LINGER);
      }
      sockets.clear();
    }
  }

  private OkHttpClient clientOf(Politeness.Lane lane) {
    return laneClient(lane).client;
  }

  private LaneClient laneClient(Politeness.Lane lane) {
    return lane.attachment(
        LaneClient.class,
        () -> new LaneClient(client, settings, addresses, lane.address()),
        LaneClient::closeIdle);
  }

  /**
   * How the server answered: its time feeds the pacing, 429 and 502–504 are strain, and 429 or
   * 503 with Retry-After (seconds) leave the address alone for that long.
   */
  private void answered(Politeness.Lane lane, long begin, Response response) {
    laneClient(lane).multiplexed = response.protocol() == Protocol.HTTP_2;
    int code = response.code();
    politeness.record(
        lane.address(),
        origin(response.request().url()),
        Duration.ofNanos(System.nanoTime() - begin),
        code == 429 || code == 502 || code == 503 || code == 504);
    if (code != 429 && code != 503) {
      return;
    }
    String retry = response.header("Retry-After");
    if (retry != null && retry.strip().matches("\\d{1,6}")) {
      politeness.pause(lane.address(), Duration.ofSeconds(Long.parseLong(retry.strip())));
    }
  }

  /** A timeout or a reset is strain; a refusal or a TLS error is an answer. */
  private void failed(Politeness.Lane lane, String origin, long begin, IOException e) {
    boolean strain = e instanceof InterruptedIOException
        || (e instanceof SocketException && !(e instanceof ConnectException));
    politeness.record(lane.address(), origin, Duration.ofNanos(System.nanoTime() - begin), strain);
  }

  /** The site a request went to, as pacing tells sites apart: http and https may be two. */
  private static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }

  private static List<Header> headers(Response response) {
    List<Header> out = new ArrayList<>();
    var h = response.headers();
    for (int i = 0; i < h.size(); i++) {
      out.add(new Header(h.name(i), h.value(i)));
    }
    return out;
  }

  private static List<String> redact(List<String> marks) {
    return marks.stream().map(Secrets::redact).toList();
  }

  private static Body body(Response response, HttpUrl url, int cap, ProbeExtras extras)
      throws IOException {
    ResponseBody body = response.body();
    byte[] bytes = read(body.source(), cap);
    boolean truncated = bytes.length >= cap;
    Charset declared = body.contentType() == null ? null : body.contentType().charset();
    Charset charset = declared != null ? declared : sniffCharset(bytes);
    String text = decode(bytes, charset);
    String type = response.header("Content-Type");
    HttpObservation.HtmlFacts html = looksHtml(type, text) ? html(text, url) : null;
    return new Body(
        bytes.length,
        truncated,
        sha256(bytes),
        type,
        charset == null ? "" : charset.name(),
        text.length() > PAGE_EXCERPT ? text.substring(0, PAGE_EXCERPT) : text,
        html,
        redact(extras.marks(text)));
  }

  private static byte[] read(BufferedSource source, int cap) throws IOException {
    Buffer buffer = new Buffer();
    long total = 0;
    while (total < cap) {
      long n = source.read(buffer, cap - total);
      if (n == -1) {
        break;
      }
      total += n;
    }
    return buffer.readByteArray();
  }

  private static final Pattern META_CHARSET =
      Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_\\-]+)");

  private static Charset sniffCharset(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 2048), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    if (m.find()) {
      try {
        return Charset.forName(m.group(1));
      } catch (IllegalArgumentException unknown) {
        return null;
      }
    }
    return null;
  }

  /** With no usable charset: UTF-8 when the bytes are valid UTF-8, else windows-1252. */
  static String decode(byte[] bytes, Charset charset) {
    if (charset != null) {
      return new String(bytes, charset);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      // A cut in the middle of a multi-byte character at the cap is still UTF-8.
      String lenient = new String(bytes, StandardCharsets.UTF_8);
      long bad = lenient.chars().filter(c -> c == '\uFFFD').count();
      return bad <= 1 ? lenient : new String(bytes, Charset.forName("windows-1252"));
    }
  }

  private static boolean looksHtml(String type, String text) {
    if (type != null && type.toLowerCase(Locale.ROOT).contains("html")) {
      return true;
    }
    String start = text.stripLeading().toLowerCase(Locale.ROOT);
    return start.startsWith("<!doctype html") || start.startsWith("<html");
  }

  static HttpObservation.HtmlFacts html(String text, HttpUrl url) {
    Document doc = Jsoup.parse(text, url.toString());
    List<String> generators = doc.select("meta[name=generator]").eachAttr("content");
    List<String> insecure = new ArrayList<>();
    if (url.isHttps()) {
      String[][] refs = {
        {"script", "src"},
        {"link[rel~=(?i)stylesheet]", "href"},
        {"iframe", "src"},
        {"frame", "src"},
        {"img", "src"},
        {"object", "data"},
        {"embed", "src"},
        {"source", "src"},
        {"audio", "src"},
        {"video", "src"},
        {"form", "action"}
      };
      for (String[] ref : refs) {
        for (Element e : doc.select(ref[0] + "[" + ref[1] + "]")) {
          String abs = e.absUrl(ref[1]);
          if (abs.toLowerCase(Locale.ROOT).startsWith("http:") && insecure.size() < MAX_RESOURCES) {
            insecure.add(e.tagName() + " " + ref[1] + " " + abs);
          }
        }
      }
    }
    List<String> scripts = doc.select("script[src]").stream()
        .map(e -> e.absUrl("src"))
        .filter(s -> !s.isEmpty())
        .limit(MAX_RESOURCES)
        .toList();
    List<String> links = doc.select("link[href]").stream()
        .map(e -> e.absUrl("href"))
        .filter(s -> !s.isEmpty())
        .limit(MAX_RESOURCES)
        .toList();
    List<String> hrefs = Stream.concat(
            doc.select("a[href], iframe[src]").stream()
                .map(e -> e.hasAttr("href") ? e.absUrl("href") : e.absUrl("src")),
            doc.select("form[action]").stream().map(e -> e.absUrl("action")))
        .filter(u -> u.startsWith("http://") || u.startsWith("https://"))
        .distinct()
        .limit(MAX_RESOURCES * 4)
        .toList();
    return new HttpObservation.HtmlFacts(doc.title(), generators, insecure, scripts, links, hrefs);
  }

  static End classify(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException
          || t instanceof ConnectException
          || t instanceof NoRouteToHostException) {
        return End.REFUSED;
      }
      if (t instanceof SocketTimeoutException) {
        return End.TIMEOUT;
      }
      if (t instanceof SSLPeerUnverifiedException || t instanceof SSLException) {
        return End.TLS_FAILED;
      }
      if (t instanceof InterruptedIOException && "timeout".equals(t.getMessage())) {
        return End.TIMEOUT;
      }
    }
    return End.ERROR;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static List<String> pem(SSLSocket socket) {
    try {
      List<String> out = new ArrayList<>();
      for (Certificate c : socket.getSession().getPeerCertificates()) {
        out.add("-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
      }
      return out;
    } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
      return List.of();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
