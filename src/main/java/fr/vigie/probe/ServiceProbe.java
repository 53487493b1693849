package fr.vigie.probe;

import fr.vigie.net.Deadline;
import fr.vigie.net.Politeness;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.ServiceObservation.Port;
import fr.vigie.observation.ServiceObservation.State;
import fr.vigie.probe.ServiceAnswers.Reading;
import fr.vigie.probe.ServicePorts.Spec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * The port probe: a full TCP connect to each port of the list (no raw sockets), then the one
 * safe exchange that identifies what answers (a banner read, PING, an SMB or RDP negotiation…):
 * never a login, except FTP's anonymous one when {@code intrusive} is set. Every read has a
 * timeout and a byte cap, so a port that accepts and never speaks, or sends garbage forever,
 * costs at most the read timeout. Connections to one address go through the scan's politeness.
 */
public final class ServiceProbe {

  static final int READ_CAP = 4096;

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Map<Integer, Integer> portMap;
  private final Politeness politeness;
  private final boolean intrusive;
  private final SSLContext trustAll;
  /**
   * Bare connects to one address at once. A connect is a SYN and a RST or SYN-ACK, no load on
   * the server; the web probes' politeness (2 requests, 20 ms apart) would make a firewalled
   * address cost 29 ports x 1.5 s / 2 = 22 s. Identification exchanges go through politeness.
   */
  private final int connectsPerAddress;

  private final ConcurrentHashMap<InetAddress, Semaphore> connects = new ConcurrentHashMap<>();

  public static final int DEFAULT_CONNECTS_PER_ADDRESS = 8;

  public ServiceProbe(
      Duration connectTimeout,
      Duration readTimeout,
      Map<Integer, Integer> portMap,
      Politeness politeness,
      boolean intrusive) {
    this(connectTimeout, readTimeout, portMap, politeness, intrusive, DEFAULT_CONNECTS_PER_ADDRESS);
  }

  public ServiceProbe(
      Duration connectTimeout,
      Duration readTimeout,
      Map<Integer, Integer> portMap,
      Politeness politeness,
      boolean intrusive,
      int connectsPerAddress) {
    this.connectsPerAddress = connectsPerAddress;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.portMap = Map.copyOf(portMap);
    this.politeness = politeness;
    this.intrusive = intrusive;
    try {
      trustAll = SSLContext.getInstance("TLS");
      trustAll.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  /** Every port of the list on one address, concurrently within the politeness limits. */
  public ServiceObservation probe(
      InetAddress address, List<String> hosts, List<String> mxHosts, List<Spec> ports)
      throws InterruptedException {
    String sni = hosts.isEmpty() ? null : hosts.get(0);
    List<Future<Port>> futures = new ArrayList<>();
    // A budget for the address: an address with every port open and dripping would otherwise
    // cost its ~29 identifications one after another behind the politeness.
    long until = System.nanoTime() + addressBudget().toNanos();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Spec spec : ports) {
        futures.add(pool.submit(() -> port(address, spec, sni, until)));
      }
    }
    List<Port> out = new ArrayList<>();
    for (Future<Port> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("port probe failed: " + e.getCause(), e.getCause());
      }
    }
    return new ServiceObservation(address.getHostAddress(), hosts, mxHosts, out);
  }

  /** All the exchanges with one address: eight exchange deadlines (a minute by default). */
  Duration addressBudget() {
    return exchangeDeadline().multipliedBy(8);
  }

  Port port(InetAddress address, Spec spec, String sni) throws InterruptedException {
    return port(address, spec, sni, Long.MAX_VALUE);
  }

  /** One port: connect, then identify, unless the address's budget ran out. */
  Port port(InetAddress address, Spec spec, String sni, long until) throws InterruptedException {
    Semaphore gate = connects.computeIfAbsent(address, a -> new Semaphore(connectsPerAddress));
    gate.acquire();
    try {
      Socket raw = new Socket();
      try (raw) {
        raw.connect(
            new InetSocketAddress(address, portMap.getOrDefault(spec.port(), spec.port())),
            (int) connectTimeout.toMillis());
      } catch (ConnectException e) {
        return closed(spec, State.CLOSED);
      } catch (SocketTimeoutException | NoRouteToHostException e) {
        return closed(spec, State.FILTERED);
      } catch (IOException e) {
        return closed(spec, State.FILTERED);
      }
    } finally {
      gate.release();
    }
    // Identification opens its own connections (SMB asks twice): the connect above only told open
    // from closed, cheaply, for the ~25 ports of the list that are closed on most addresses.
    try (Politeness.Permit permit = politeness.acquire(address)) {
      if (System.nanoTime() > until) {
        // Open, but not identified in time: "no answer" (an RDP seen last night is not "gone").
        return new Port(
            spec.port(),
            State.FILTERED,
            "unknown",
            null,
            null,
            "address budget ran out before identification",
            Map.of());
      }
      Reading r = identify(address, spec, sni);
      if (r == null) {
        return new Port(spec.port(), State.OPEN, "unknown", null, null, "", Map.of());
      }
      return new Port(
          spec.port(), State.OPEN, r.protocol(), r.product(), r.version(), r.banner(), r.facts());
    }
  }

  private static Port closed(Spec spec, State state) {
    return new Port(spec.port(), state, spec.protocol(), null, null, "", Map.of());
  }

  /** The bytes the identifying exchange got, so that a fallback need not connect again. */
  private static final class Seen {
    byte[] bytes;
  }

  private Reading identify(InetAddress address, Spec spec, String sni) {
    Seen seen = new Seen();
    try {
      Reading r = switch (spec.protocol()) {
        case "ssh" ->
          passive(address, spec, sni, seen).flatMap(ServiceAnswers::ssh).orElse(null);
        case "ftp" -> ftp(address, spec, sni);
        case "telnet" ->
          passive(address, spec, sni, seen).flatMap(ServiceAnswers::telnet).orElse(null);
        case "smtp", "submission", "smtps" -> smtp(address, spec, sni);
        case "pop3", "pop3s" ->
          passive(address, spec, sni, seen)
              .flatMap(ServiceAnswers::pop3)
              .map(x -> rename(x, spec.protocol()))
              .orElse(null);
        case "imap", "imaps" ->
          passive(address, spec, sni, seen)
              .flatMap(ServiceAnswers::imap)
              .map(x -> rename(x, spec.protocol()))
              .orElse(null);
        case "mysql" ->
          passive(address, spec, sni, seen).flatMap(ServiceAnswers::mysql).orElse(null);
        case "redis" ->
          ask(address, spec, sni, seen, ServiceAnswers.REDIS_PING)
              .flatMap(ServiceAnswers::redis)
              .orElse(null);
        case "memcached" ->
          ask(address, spec, sni, seen, ServiceAnswers.MEMCACHED_VERSION)
              .flatMap(ServiceAnswers::memcached)
              .orElse(null);
        case "postgresql" ->
          ask(address, spec, sni, seen, ServiceAnswers.POSTGRES_SSL_REQUEST)
              .flatMap(ServiceAnswers::postgres)
              .orElse(null);
        case "rdp" ->
          ask(address, spec, sni, seen, ServiceAnswers.RDP_REQUEST)
              .flatMap(ServiceAnswers::rdp)
              .orElse(null);
        case "smb" -> smb(address, spec, sni);
        case "mssql" ->
          ask(address, spec, sni, seen, ServiceAnswers.MSSQL_PRELOGIN)
              .flatMap(ServiceAnswers::mssql)
              .orElse(null);
        case "mongodb" -> mongo(address, spec, sni, seen);
        case "elasticsearch" ->
          ask(address, spec, sni, seen, ServiceAnswers.httpGet(hostHeader(address, sni), "/"))
              .flatMap(ServiceAnswers::elasticsearch)
              .orElse(null);
        case "winrm", "winrms" ->
          ask(address, spec, sni, seen, ServiceAnswers.httpGet(hostHeader(address, sni), "/wsman"))
              .flatMap(a -> ServiceAnswers.winrm(a, spec.protocol()))
              .orElse(null);
        case "http", "https" ->
          ask(address, spec, sni, seen, ServiceAnswers.httpGet(hostHeader(address, sni), "/"))
              .flatMap(a -> ServiceAnswers.http(a, spec.protocol()))
              .orElse(null);
        case "nfs" ->
          ask(address, spec, sni, seen, ServiceAnswers.NFS_NULL_CALL)
              .flatMap(ServiceAnswers::nfs)
              .orElse(null);
        case "oracle" ->
          ask(address, spec, sni, seen, ServiceAnswers.tnsConnect())
              .flatMap(ServiceAnswers::oracle)
              .orElse(null);
        case "vnc" -> vnc(address, spec, sni);
        default -> null;
      };
      return r != null ? r : guess(address, spec, sni, seen);
    } catch (IOException e) {
      return null;
    } catch (RuntimeException malformed) {
      // An answer the parsers could not make sense of: the port is open, its service unknown.
      return new Reading("unknown", null, null, "unreadable answer", Map.of());
    }
  }

  private static Reading rename(Reading r, String protocol) {
    return new Reading(protocol, r.product(), r.version(), r.banner(), r.facts());
  }

  /**
   * Nothing expected answered: what the port says by itself, if it says anything known. The
   * bytes of the first exchange are enough: a service that speaks first would have sent its
   * banner on that connection too, and one that stayed silent for the whole read timeout will
   * not speak on a second one.
   */
  private Reading guess(InetAddress address, Spec spec, String sni, Seen seen) throws IOException {
    byte[] b =
        seen.bytes != null ? seen.bytes : passive(address, spec, sni, seen).orElse(new byte[0]);
    if (b.length == 0) {
      return null;
    }
    for (var recognise : List.<Function<byte[], Optional<Reading>>>of(
        ServiceAnswers::ssh,
        ServiceAnswers::ftp,
        ServiceAnswers::smtp,
        ServiceAnswers::pop3,
        ServiceAnswers::imap,
        ServiceAnswers::mysql,
        ServiceAnswers::telnet)) {
      Optional<Reading> r = recognise.apply(b);
      if (r.isPresent()) {
        return r.get();
      }
    }
    Optional<String> rfb = ServiceAnswers.rfbVersion(b);
    if (rfb.isPresent()) {
      return vnc(address, spec, sni);
    }
    return new Reading("unknown", null, null, ServiceAnswers.printable(b), Map.of());
  }

  private String hostHeader(InetAddress address, String sni) {
    return sni != null ? sni : address.getHostAddress();
  }

  /**
   * One exchange with a port: its socket, its streams, and its total deadline (connect, TLS,
   * every read and write), which closes the socket when it passes: a server that drips one byte
   * every 2 s under the per-read timeout is cut there. Past the deadline a read fails as a
   * timeout, which every reader here takes for "no more answer".
   */
  record Exchange(Socket socket, Deadline deadline, InputStream in) implements AutoCloseable {
    InputStream getInputStream() {
      return in;
    }

    OutputStream getOutputStream() throws IOException {
      return socket.getOutputStream();
    }

    @Override
    public void close() throws IOException {
      deadline.close();
      socket.close();
    }
  }

  /** How long one exchange may take in all: a connect and two read timeouts. */
  Duration exchangeDeadline() {
    return connectTimeout.plus(readTimeout.multipliedBy(2));
  }

  /** Connects (TLS first when the port speaks it), for one exchange. */
  private Exchange open(InetAddress address, Spec spec, String sni) throws IOException {
    Socket s = new Socket();
    Deadline deadline = Deadline.closing(s, exchangeDeadline());
    try {
      s.connect(
          new InetSocketAddress(address, portMap.getOrDefault(spec.port(), spec.port())),
          (int) connectTimeout.toMillis());
      s.setSoTimeout((int) readTimeout.toMillis());
      if (!spec.tls()) {
        return new Exchange(s, deadline, deadline.guard(s.getInputStream()));
      }
      SSLSocket tls = (SSLSocket) trustAll
          .getSocketFactory()
          .createSocket(s, sni != null ? sni : address.getHostAddress(), spec.port(), true);
      tls.setSoTimeout((int) readTimeout.toMillis());
      tls.startHandshake();
      return new Exchange(tls, deadline, deadline.guard(tls.getInputStream()));
    } catch (IOException | RuntimeException e) {
      deadline.close();
      s.close();
      throw e;
    }
  }

  /** What the server sends first, unasked. */
  private Optional<byte[]> passive(InetAddress address, Spec spec, String sni, Seen seen)
      throws IOException {
    try (Exchange s = open(address, spec, sni)) {
      byte[] b = read(s.getInputStream(), READ_CAP, false);
      seen.bytes = b;
      return b.length == 0 ? Optional.empty() : Optional.of(b);
    }
  }

  /** One request, one answer. */
  private Optional<byte[]> ask(
      InetAddress address, Spec spec, String sni, Seen seen, byte[] request) throws IOException {
    try (Exchange s = open(address, spec, sni)) {
      OutputStream out = s.getOutputStream();
      out.write(request);
      out.flush();
      byte[] b = read(s.getInputStream(), READ_CAP, false);
      seen.bytes = b;
      return b.length == 0 ? Optional.empty() : Optional.of(b);
    }
  }

  private Reading smtp(InetAddress address, Spec spec, String sni) throws IOException {
    try (Exchange s = open(address, spec, sni)) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      Optional<Reading> greeting = ServiceAnswers.smtp(read(in, READ_CAP, true));
      if (greeting.isEmpty()) {
        return null;
      }
      Reading r = rename(greeting.get(), spec.protocol());
      out.write("EHLO vigie.invalid\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] ehlo = readSmtpReply(in);
      if (!spec.tls()) {
        r = r.with("starttls", ServiceAnswers.offersStartTls(ehlo) ? "offered" : "missing");
      }
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return r;
    }
  }

  /** A multi-line SMTP reply ends with a line whose code is followed by a space. */
  private static byte[] readSmtpReply(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    while (all.size() < READ_CAP) {
      byte[] line = readLine(in);
      if (line.length == 0) {
        break;
      }
      all.writeBytes(line);
      String l = new String(line, StandardCharsets.ISO_8859_1);
      if (l.length() < 4 || l.charAt(3) != '-') {
        break;
      }
    }
    return all.toByteArray();
  }

  private Reading ftp(InetAddress address, Spec spec, String sni) throws IOException {
    try (Exchange s = open(address, spec, sni)) {
      InputStream in = s.getInputStream();
      Optional<Reading> greeting = ServiceAnswers.ftp(read(in, READ_CAP, true));
      if (greeting.isEmpty() || !intrusive) {
        return greeting.orElse(null);
      }
      // --intrusive only: the anonymous login that anyone on the internet can try.
      OutputStream out = s.getOutputStream();
      out.write("USER anonymous\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String user = ServiceAnswers.printable(readLine(in));
      String verdict = "refused";
      if (user.startsWith("331")) {
        out.write("PASS vigie@vigie.invalid\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String pass = ServiceAnswers.printable(readLine(in));
        verdict = pass.startsWith("230") ? "allowed" : "refused";
      } else if (user.startsWith("230")) {
        verdict = "allowed";
      }
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return greeting.get().with("anonymous", verdict);
    }
  }

  private Reading mongo(InetAddress address, Spec spec, String sni, Seen seen) throws IOException {
    Reading hello = ask(address, spec, sni, seen, ServiceAnswers.mongoHello())
        .flatMap(ServiceAnswers::mongo)
        .orElse(null);
    if (hello == null || !intrusive) {
      return hello;
    }
    // --intrusive only: listing the databases is reading, but tells whether anyone may.
    Optional<String> auth = ask(address, spec, sni, new Seen(), ServiceAnswers.mongoListDatabases())
        .flatMap(ServiceAnswers::mongoAuth);
    return auth.map(a -> hello.with("auth", a)).orElse(hello);
  }

  private Reading smb(InetAddress address, Spec spec, String sni) throws IOException {
    Seen seen = new Seen();
    Optional<Reading> smb2 =
        ask(address, spec, sni, seen, ServiceAnswers.smb2Negotiate()).flatMap(ServiceAnswers::smb2);
    boolean smb1;
    try {
      smb1 = ask(address, spec, sni, seen, ServiceAnswers.smb1Negotiate())
          .map(ServiceAnswers::smb1Accepted)
          .orElse(false);
    } catch (IOException reset) {
      smb1 = false; // servers without SMB1 often just drop the connection
    }
    if (smb2.isEmpty() && !smb1) {
      return null;
    }
    Reading r = smb2.orElse(new Reading("smb", "SMB1 NEGOTIATE accepted", "SMB", "1", Map.of()));
    return r.with("smb1", smb1 ? "accepted" : "refused");
  }

  private Reading vnc(InetAddress address, Spec spec, String sni) throws IOException {
    try (Exchange s = open(address, spec, sni)) {
      InputStream in = s.getInputStream();
      byte[] hello = readExactly(in, 12);
      Optional<String> version = ServiceAnswers.rfbVersion(hello);
      if (version.isEmpty()) {
        return null;
      }
      String v = version.get().compareTo("003.008") > 0 ? "003.008" : version.get();
      OutputStream out = s.getOutputStream();
      out.write(("RFB " + v + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] types = read(in, 256, false);
      return ServiceAnswers.vnc(v, types).orElse(null);
    }
  }

  /** Reads until the cap, the end of the stream or the read timeout (what came by then). */
  static byte[] read(InputStream in, int cap, boolean line) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    try {
      while (out.size() < cap) {
        int n = in.read(buffer, 0, Math.min(buffer.length, cap - out.size()));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        if (line && out.toString(StandardCharsets.ISO_8859_1).contains("\n")) {
          break;
        }
        if (!line && in.available() == 0) {
          break; // a whole answer has arrived; do not wait for more
        }
      }
    } catch (SocketTimeoutException quiet) {
      // what came before the timeout is the answer
    }
    return out.toByteArray();
  }

  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      int c;
      while (out.size() < READ_CAP && (c = in.read()) >= 0) {
        out.write(c);
        if (c == '\n') {
          break;
        }
      }
    } catch (SocketTimeoutException quiet) {
      // a line cut by the timeout is what there is
    }
    return out.toByteArray();
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] b = new byte[n];
    int got = 0;
    try {
      while (got < n) {
        int r = in.read(b, got, n - got);
        if (r < 0) {
          break;
        }
        got += r;
      }
    } catch (SocketTimeoutException quiet) {
      // short
    }
    return Arrays.copyOf(b, got);
  }
}
