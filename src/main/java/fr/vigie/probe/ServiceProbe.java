package fr.vigie.probe;

import fr.vigie.net.Deadline;
import fr.vigie.net.Politeness;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.ServiceObservation.Port;
import fr.vigie.observation.ServiceObservation.State;
import fr.vigie.probe.ServicePorts.Spec;
import fr.vigie.probe.service.Conversation;
import fr.vigie.probe.service.Dialect;
import fr.vigie.probe.service.Dialects;
import fr.vigie.probe.service.Exchange;
import fr.vigie.probe.service.Reading;
import fr.vigie.probe.service.VncDialect;
import fr.vigie.probe.service.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
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

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Map<Integer, Integer> portMap;
  private final Politeness politeness;
  private final Dialects dialects;
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
    this.dialects = new Dialects(intrusive);
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
    try (Politeness.Lane lane = politeness.acquire(address, "service")) {
      lane.claim("service"); // what the web probe kept open on this lane is closed first
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

  /**
   * Identifies what answers on an open port: the dialect the port list names, else whatever
   * the port says by itself.
   */
  private Reading identify(InetAddress address, Spec spec, String sni) {
    Talk talk = new Talk(address, spec, sni);
    try {
      Dialect dialect = dialects.of(spec.protocol()).orElse(null);
      Reading r = dialect == null ? null : dialect.identify(talk);
      return r != null ? r : guess(talk);
    } catch (IOException e) {
      return null;
    } catch (RuntimeException malformed) {
      // An answer the parsers could not make sense of: the port is open, its service unknown.
      return new Reading(Dialects.UNKNOWN, null, null, "unreadable answer", Map.of());
    }
  }

  /**
   * Nothing expected answered: what the port says by itself, if it says anything known. The
   * bytes of the first exchange are enough: a service that speaks first would have sent its
   * banner on that connection too, and one that stayed silent for the whole read timeout will
   * not speak on a second one.
   */
  private Reading guess(Talk talk) throws IOException {
    byte[] b = talk.seen != null ? talk.seen : talk.passive().orElse(new byte[0]);
    if (b.length == 0) {
      return null;
    }
    for (Dialect d : dialects.recognisers()) {
      Optional<Reading> r = d.recognise(b);
      if (r.isPresent()) {
        return r.get();
      }
    }
    if (VncDialect.rfbVersion(b).isPresent()) {
      return dialects.vnc().identify(talk);
    }
    return new Reading(Dialects.UNKNOWN, null, null, Wire.printable(b), Map.of());
  }

  /** One port's conversation: new connections under the deadline, the first answer kept. */
  private final class Talk implements Conversation {
    private final InetAddress address;
    private final Spec spec;
    private final String sni;
    /** The bytes the identifying exchange got, so that a fallback need not connect again. */
    private byte[] seen;

    Talk(InetAddress address, Spec spec, String sni) {
      this.address = address;
      this.spec = spec;
      this.sni = sni;
    }

    @Override
    public Spec spec() {
      return spec;
    }

    @Override
    public String hostHeader() {
      return sni != null ? sni : address.getHostAddress();
    }

    @Override
    public Optional<byte[]> passive() throws IOException {
      try (Exchange s = ServiceProbe.this.open(address, spec, sni)) {
        return kept(Wire.read(s.getInputStream(), Wire.READ_CAP, false));
      }
    }

    @Override
    public Optional<byte[]> ask(byte[] request) throws IOException {
      return kept(exchange(request));
    }

    @Override
    public Optional<byte[]> askAgain(byte[] request) throws IOException {
      byte[] b = exchange(request);
      return b.length == 0 ? Optional.empty() : Optional.of(b);
    }

    @Override
    public Exchange open() throws IOException {
      return ServiceProbe.this.open(address, spec, sni);
    }

    private byte[] exchange(byte[] request) throws IOException {
      try (Exchange s = ServiceProbe.this.open(address, spec, sni)) {
        OutputStream out = s.getOutputStream();
        out.write(request);
        out.flush();
        return Wire.read(s.getInputStream(), Wire.READ_CAP, false);
      }
    }

    private Optional<byte[]> kept(byte[] b) {
      seen = b;
      return b.length == 0 ? Optional.empty() : Optional.of(b);
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
}
