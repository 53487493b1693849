package fr.vigie.probe;

import fr.vigie.net.Deadline;
import fr.vigie.net.Politeness;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.TlsObservation.FamilyResult;
import fr.vigie.observation.TlsObservation.VersionResult;
import fr.vigie.probe.service.SmtpDialogue;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Vector;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * The TLS probe: BouncyCastle's low-level client offers exactly one protocol version, or one
 * weak suite family, per connection, whatever the JDK would allow. What the server accepted is
 * read from its ServerHello bytes, so a version or suite BouncyCastle itself cannot complete
 * (SSLv3, RC4, EXPORT) is still seen. At most 12 handshakes per host and port; the first
 * failure to connect or to get an answer stops the probe. Thread-safe.
 */
public final class TlsProbe {

  static final ProtocolVersion[] ORDER = {
    ProtocolVersion.TLSv12,
    ProtocolVersion.TLSv13,
    ProtocolVersion.TLSv11,
    ProtocolVersion.TLSv10,
    ProtocolVersion.SSLv3
  };

  static final int[] TLS13_SUITES = {
    CipherSuite.TLS_AES_128_GCM_SHA256,
    CipherSuite.TLS_AES_256_GCM_SHA384,
    CipherSuite.TLS_CHACHA20_POLY1305_SHA256
  };

  /** Forward-secret suites first, then RSA key exchange, then the legacy ones a site may only have. */
  static final int[] BROAD_SUITES = {
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_DHE_RSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA256,
    CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA,
    CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA,
    CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
    CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA,
    CipherSuite.TLS_RSA_WITH_RC4_128_SHA,
    CipherSuite.TLS_RSA_WITH_RC4_128_MD5
  };

  /** The weak families, each offered alone (RFC 7465 RC4, Sweet32 3DES, NULL, EXPORT, anonymous). */
  static final Map<String, int[]> WEAK_FAMILIES = new LinkedHashMap<>();

  static {
    WEAK_FAMILIES.put("RC4", new int[] {
      CipherSuite.TLS_ECDHE_RSA_WITH_RC4_128_SHA, CipherSuite.TLS_ECDHE_ECDSA_WITH_RC4_128_SHA,
      CipherSuite.TLS_RSA_WITH_RC4_128_SHA, CipherSuite.TLS_RSA_WITH_RC4_128_MD5
    });
    WEAK_FAMILIES.put("3DES", new int[] {
      CipherSuite.TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA,
          CipherSuite.TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA,
      CipherSuite.TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA, CipherSuite.TLS_RSA_WITH_3DES_EDE_CBC_SHA
    });
    WEAK_FAMILIES.put("NULL", new int[] {
      CipherSuite.TLS_ECDHE_RSA_WITH_NULL_SHA,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_NULL_SHA,
      CipherSuite.TLS_RSA_WITH_NULL_SHA256,
      CipherSuite.TLS_RSA_WITH_NULL_SHA,
      CipherSuite.TLS_RSA_WITH_NULL_MD5
    });
    WEAK_FAMILIES.put("EXPORT", new int[] {
      CipherSuite.TLS_RSA_EXPORT_WITH_RC4_40_MD5, CipherSuite.TLS_RSA_EXPORT_WITH_DES40_CBC_SHA,
      CipherSuite.TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5,
          CipherSuite.TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA
    });
    WEAK_FAMILIES.put("anon", new int[] {
      CipherSuite.TLS_ECDH_anon_WITH_AES_128_CBC_SHA, CipherSuite.TLS_DH_anon_WITH_AES_128_CBC_SHA,
      CipherSuite.TLS_DH_anon_WITH_AES_256_CBC_SHA, CipherSuite.TLS_DH_anon_WITH_3DES_EDE_CBC_SHA,
      CipherSuite.TLS_DH_anon_WITH_RC4_128_MD5
    });
  }

  static final int[] FORWARD_SECRET_SUITES = Arrays.copyOf(BROAD_SUITES, 17);

  /** The broad list without RC4, which BouncyCastle no longer implements. */
  static final int[] COMPLETABLE_SUITES = Arrays.copyOf(BROAD_SUITES, BROAD_SUITES.length - 2);

  private static final Map<Integer, String> SUITE_NAMES = suiteNames();

  private final Duration connectTimeout;
  private final Duration handshakeTimeout;
  private final Map<Integer, Integer> portMap;
  private final Politeness politeness;

  /**
   * What a full probe measured, by address, port and leaf certificate: the names a shared host
   * serves with one certificate share one server configuration, so each further name costs the
   * one handshake that shows its certificate.
   */
  private final Map<String, TlsObservation> measured = new ConcurrentHashMap<>();

  private final SecureRandom random = new SecureRandom();

  /** Ports where TLS starts after an SMTP STARTTLS (25): the probe says EHLO and STARTTLS first. */
  private final Set<Integer> starttlsPorts;

  public TlsProbe(
      Duration connectTimeout,
      Duration handshakeTimeout,
      Map<Integer, Integer> portMap,
      Politeness politeness) {
    this(connectTimeout, handshakeTimeout, portMap, politeness, Set.of());
  }

  public TlsProbe(
      Duration connectTimeout,
      Duration handshakeTimeout,
      Map<Integer, Integer> portMap,
      Politeness politeness,
      Set<Integer> starttlsPorts) {
    this.starttlsPorts = Set.copyOf(starttlsPorts);
    this.connectTimeout = connectTimeout;
    this.handshakeTimeout = handshakeTimeout;
    this.portMap = Map.copyOf(portMap);
    this.politeness = politeness;
  }

  /** What one handshake attempt showed. */
  record Attempt(
      boolean answered,
      boolean accepted,
      ProtocolVersion version,
      int suite,
      String detail,
      List<String> chain,
      Boolean secureRenegotiation,
      boolean completed) {}

  /** A host that broke the probe's limits: what was learnt is kept, the observation says why it stopped. */
  private static final class GiveUp extends Exception {
    GiveUp(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * The handshakes of one host:port, within its budget. Two handshakes that ran past their
   * deadline (endless alerts, a dripped ServerHello) and the host is given up.
   */
  private final class Tries implements AutoCloseable {
    final long until = System.nanoTime() + hostBudget().toNanos();
    /** The lane the host's handshakes take one after another: one socket open at a time. */
    Politeness.Lane lane;

    int count;
    int overran;
    String oversized;

    Attempt run(String host, InetAddress address, int port, ProtocolVersion version, int[] suites)
        throws InterruptedException, GiveUp {
      if (System.nanoTime() > until) {
        throw new GiveUp("gave up: the host's TLS budget of " + hostBudget().toSeconds()
            + " s ran out after " + count + " handshakes");
      }
      if (lane == null) {
        lane = politeness.acquire(address, "tls");
      } else {
        politeness.pace(lane);
      }
      Attempt a = handshake(lane, host, address, port, version, suites);
      count++;
      if (a.detail() != null && a.detail().startsWith("oversized") && oversized == null) {
        oversized = a.detail();
      }
      if (a.detail() != null && a.detail().startsWith("deadline")) {
        overran++;
        if (overran >= 2) {
          throw new GiveUp("gave up: 2 handshakes ran past their deadline of "
              + handshakeDeadline().toMillis() + " ms");
        }
      }
      return a;
    }

    @Override
    public void close() {
      if (lane != null) {
        lane.close();
      }
    }
  }

  /** One handshake in all: the connect, the STARTTLS dialogue, every record read. */
  Duration handshakeDeadline() {
    return connectTimeout.plus(handshakeTimeout);
  }

  /** All the handshakes of one host:port (about nine): six deadlines' worth. */
  Duration hostBudget() {
    return handshakeDeadline().multipliedBy(6);
  }

  public TlsObservation probe(String host, InetAddress address, int port)
      throws InterruptedException {
    List<VersionResult> versions = new ArrayList<>();
    List<FamilyResult> families = new ArrayList<>();
    List<String> chain = new ArrayList<>();
    Tries tries = new Tries();
    try {
      return probe(host, address, port, tries, versions, families, chain);
    } catch (GiveUp e) {
      // Not answered as far as checks go: a half-probed host must not be judged (no TLS 1.2
      // "missing" because its handshake was never tried). What was seen stays in the record.
      return new TlsObservation(
          host,
          address.getHostAddress(),
          port,
          e.getMessage(),
          versions,
          families,
          null,
          null,
          chain,
          tries.count);
    } finally {
      tries.close();
    }
  }

  private TlsObservation probe(
      String host,
      InetAddress address,
      int port,
      Tries tries,
      List<VersionResult> versions,
      List<FamilyResult> families,
      List<String> seenChain)
      throws InterruptedException, GiveUp {
    List<String> chain = List.of();
    Boolean renegotiation = null;
    int handshakes = 0;
    Map<ProtocolVersion, Attempt> byVersion = new HashMap<>();
    String shared = null;
    for (ProtocolVersion v : ORDER) {
      int[] suites = v.equals(ProtocolVersion.TLSv13) ? TLS13_SUITES : BROAD_SUITES;
      Attempt a = tries.run(host, address, port, v, suites);
      handshakes++;
      if (shared == null && !a.chain().isEmpty()) {
        shared =
            address.getHostAddress() + " " + port + " " + fingerprint(a.chain().get(0));
        TlsObservation same = measured.get(shared);
        if (same != null && agrees(same, versions, v, a)) {
          seenChain.addAll(a.chain());
          return new TlsObservation(
              host,
              address.getHostAddress(),
              port,
              null,
              same.versions(),
              same.weakFamilies(),
              same.forwardSecrecy(),
              same.secureRenegotiation(),
              a.chain(),
              handshakes,
              same.incomplete(),
              List.of(),
              same.host());
        }
      }
      if (!a.answered() && versions.isEmpty()) {
        // Nothing listens, or nothing answers: no point in ten more tries.
        return new TlsObservation(
            host,
            address.getHostAddress(),
            port,
            a.detail(),
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            handshakes);
      }
      byVersion.put(v, a);
      versions.add(new VersionResult(
          name(v),
          a.accepted(),
          a.accepted() ? suiteName(a.suite()) : null,
          a.accepted() ? null : a.detail()));
      if (chain.isEmpty() && !a.chain().isEmpty()) {
        chain = a.chain();
        seenChain.addAll(chain);
      }
      if (renegotiation == null
          && a.secureRenegotiation() != null
          && !v.equals(ProtocolVersion.TLSv13)) {
        renegotiation = a.secureRenegotiation();
      }
    }
    // Weak families at the best version that has them (TLS 1.3 suites are all strong).
    ProtocolVersion legacyBest = null;
    for (ProtocolVersion v : new ProtocolVersion[] {
      ProtocolVersion.TLSv12, ProtocolVersion.TLSv11, ProtocolVersion.TLSv10, ProtocolVersion.SSLv3
    }) {
      Attempt a = byVersion.get(v);
      if (a != null && a.accepted()) {
        legacyBest = v;
        break;
      }
    }
    Boolean forwardSecrecy = null;
    if (byVersion.get(ProtocolVersion.TLSv13) != null
        && byVersion.get(ProtocolVersion.TLSv13).accepted()) {
      forwardSecrecy = true;
    }
    if (legacyBest != null) {
      for (Map.Entry<String, int[]> f : WEAK_FAMILIES.entrySet()) {
        // EXPORT suites exist only up to TLS 1.0 (RFC 4346 forbids them after): try them there.
        ProtocolVersion at = legacyBest;
        if (f.getKey().equals("EXPORT")) {
          at = accepted(byVersion, ProtocolVersion.TLSv10)
              ? ProtocolVersion.TLSv10
              : accepted(byVersion, ProtocolVersion.SSLv3) ? ProtocolVersion.SSLv3 : null;
          if (at == null) {
            continue;
          }
        }
        Attempt a = tries.run(host, address, port, at, f.getValue());
        handshakes++;
        families.add(new FamilyResult(
            f.getKey(),
            name(at),
            a.accepted(),
            a.accepted() ? suiteName(a.suite()) : null,
            a.accepted() ? null : a.detail()));
      }
      Attempt best = byVersion.get(legacyBest);
      if (chain.isEmpty()) {
        // The server chose a suite BouncyCastle cannot complete (RC4): ask again without it, to
        // get the certificate.
        Attempt again = tries.run(host, address, port, legacyBest, COMPLETABLE_SUITES);
        handshakes++;
        chain = again.chain();
        if (renegotiation == null) {
          renegotiation = again.secureRenegotiation();
        }
      }
      if (forwardSecrecy == null) {
        if (isForwardSecret(best.suite())) {
          forwardSecrecy = true;
        } else {
          Attempt fs = tries.run(host, address, port, legacyBest, FORWARD_SECRET_SUITES);
          handshakes++;
          forwardSecrecy = fs.accepted();
        }
      }
    }
    TlsObservation full = new TlsObservation(
        host,
        address.getHostAddress(),
        port,
        null,
        versions,
        families,
        forwardSecrecy,
        renegotiation,
        chain,
        handshakes,
        tries.oversized);
    if (shared != null && tries.oversized == null) {
      measured.putIfAbsent(shared, full);
    }
    return full;
  }

  /**
   * Whether what this name's handshakes showed so far matches the configuration measured on the
   * other name: if not, the certificate is the same but the server is not set up the same way.
   */
  private static boolean agrees(
      TlsObservation same, List<VersionResult> sofar, ProtocolVersion v, Attempt a) {
    List<VersionResult> mine = new ArrayList<>(sofar);
    mine.add(new VersionResult(name(v), a.accepted(), null, null));
    for (VersionResult r : mine) {
      if (same.version(r.version()).map(VersionResult::accepted).orElse(!r.accepted())
          != r.accepted()) {
        return false;
      }
    }
    return true;
  }

  private static String fingerprint(String pem) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JDK", e);
    }
  }

  private static boolean accepted(Map<ProtocolVersion, Attempt> byVersion, ProtocolVersion v) {
    Attempt a = byVersion.get(v);
    return a != null && a.accepted();
  }

  static boolean isForwardSecret(int suite) {
    String name = suiteName(suite);
    return name.contains("_ECDHE_")
        || name.contains("_DHE_")
        || (name.startsWith("TLS_AES") || name.startsWith("TLS_CHACHA20"));
  }

  /** One handshake on a lane held: whatever else the lane kept open is closed first. */
  private Attempt handshake(
      Politeness.Lane lane,
      String host,
      InetAddress address,
      int port,
      ProtocolVersion version,
      int[] suites) {
    lane.claim("tls");
    Attempt a = connectAndShake(host, address, port, version, suites);
    String d = String.valueOf(a.detail());
    if (d.equals("deadline") || d.equals("timeout") || d.startsWith("no answer")) {
      politeness.strained(address);
    }
    return a;
  }

  private Attempt connectAndShake(
      String host, InetAddress address, int port, ProtocolVersion version, int[] suites) {
    int actual = portMap.getOrDefault(port, port);
    try (Socket socket = new Socket();
        Deadline deadline = Deadline.closing(socket, handshakeDeadline())) {
      socket.setTcpNoDelay(true); // without it every handshake waits ~40 ms on delayed ACKs
      socket.connect(new InetSocketAddress(address, actual), (int) connectTimeout.toMillis());
      socket.setSoTimeout((int) handshakeTimeout.toMillis());
      // The per-read timeout bounds silence; the deadline bounds the handshake whatever the
      // server sends (warning alerts forever, one byte every few seconds).
      InputStream guarded = deadline.guard(socket.getInputStream());
      if (starttlsPorts.contains(port)) {
        SmtpDialogue.startTls(guarded, socket.getOutputStream());
      }
      RecordingInputStream in = new RecordingInputStream(guarded);
      TlsClientProtocol protocol = new TlsClientProtocol(in, socket.getOutputStream());
      Client client = new Client(host, version, suites);
      try {
        protocol.connect(client);
        ServerHello hello = ServerHello.parse(in.recorded());
        ProtocolVersion negotiated = hello == null ? version : hello.version();
        protocol.close();
        return new Attempt(
            true,
            true,
            negotiated,
            client.suite,
            null,
            client.chain,
            client.secureRenegotiation,
            true);
      } catch (TlsFatalAlertReceived e) {
        return fromHello(
            in,
            version,
            suites,
            client,
            "alert " + AlertDescription.getText(e.getAlertDescription()));
      } catch (TlsFatalAlert e) {
        if (String.valueOf(e.getMessage()).contains("exceeds the maximum")) {
          // BouncyCastle says "… exceeds the maximum: certificate(11), 1153433 > 262144".
          Matcher m = Pattern.compile("maximum: ([a-z_]+)\\S*, (\\d+) >").matcher(e.getMessage());
          String what = m.find()
              ? m.group(1) + " message of " + m.group(2) + " bytes"
              : "a handshake message";
          return fromHello(
              in,
              version,
              suites,
              client,
              "oversized: " + what + ", over the " + MAX_HANDSHAKE_MESSAGE / 1024 + " KiB limit");
        }
        // Raised by BouncyCastle itself: often a ServerHello it cannot complete (SSLv3, RC4).
        return fromHello(
            in,
            version,
            suites,
            client,
            "client alert " + AlertDescription.getText(e.getAlertDescription()));
      } catch (SocketTimeoutException e) {
        return fromHello(in, version, suites, client, deadline.expired() ? "deadline" : "timeout");
      } catch (IOException e) {
        return fromHello(
            in, version, suites, client, deadline.expired() ? "deadline" : "connection closed");
      }
    } catch (SocketTimeoutException e) {
      return new Attempt(
          false, false, version, -1, "no answer (connect timeout)", List.of(), null, false);
    } catch (ConnectException | NoRouteToHostException e) {
      return new Attempt(false, false, version, -1, "connection refused", List.of(), null, false);
    } catch (IOException e) {
      return new Attempt(
          false,
          false,
          version,
          -1,
          e.getClass().getSimpleName() + ": " + e.getMessage(),
          List.of(),
          null,
          false);
    }
  }

  /** Whether the server said yes in its ServerHello, even if the handshake then failed. */
  private static Attempt fromHello(
      RecordingInputStream in,
      ProtocolVersion offered,
      int[] suites,
      Client client,
      String detail) {
    byte[] bytes = in.recorded();
    ServerHello hello = ServerHello.parse(bytes);
    if (hello != null && hello.version().equals(offered) && contains(suites, hello.suite())) {
      return new Attempt(
          true,
          true,
          hello.version(),
          hello.suite(),
          detail,
          client.chain,
          client.secureRenegotiation,
          false);
    }
    Short alert = ServerHello.alert(bytes);
    String why;
    if (detail.equals("deadline")) {
      why = "deadline passed ("
          + (bytes.length == 0
              ? "no answer"
              : alert != null
                  ? "alert " + AlertDescription.getText(alert)
                  : bytes.length + " bytes, no complete handshake")
          + ")";
    } else if (bytes.length == 0) {
      why = detail.equals("timeout") ? "timeout" : "connection closed";
    } else if (alert != null) {
      why = "alert " + AlertDescription.getText(alert);
    } else if (hello != null) {
      why = "server chose " + name(hello.version());
    } else {
      why = "not a TLS answer (" + detail + ")";
    }
    // An answer of any kind (even a close) shows something listens; no byte at all and a
    // timeout means nothing answers.
    boolean answered = bytes.length > 0 || !(detail.equals("timeout") || detail.equals("deadline"));
    return new Attempt(
        answered, false, offered, -1, why, client.chain, client.secureRenegotiation, false);
  }

  private static boolean contains(int[] suites, int suite) {
    for (int s : suites) {
      if (s == suite) {
        return true;
      }
    }
    return false;
  }

  static String name(ProtocolVersion v) {
    if (v.equals(ProtocolVersion.SSLv3)) {
      return "SSLv3";
    }
    if (v.equals(ProtocolVersion.TLSv10)) {
      return "TLSv1";
    }
    if (v.equals(ProtocolVersion.TLSv11)) {
      return "TLSv1.1";
    }
    if (v.equals(ProtocolVersion.TLSv12)) {
      return "TLSv1.2";
    }
    if (v.equals(ProtocolVersion.TLSv13)) {
      return "TLSv1.3";
    }
    return v.toString();
  }

  static String suiteName(int suite) {
    return SUITE_NAMES.getOrDefault(suite, String.format(Locale.ROOT, "0x%04X", suite));
  }

  private static Map<Integer, String> suiteNames() {
    Map<Integer, String> names = new HashMap<>();
    for (Field f : CipherSuite.class.getFields()) {
      if (f.getType() == int.class
          && Modifier.isStatic(f.getModifiers())
          && f.getName().startsWith("TLS_")) {
        try {
          names.putIfAbsent(f.getInt(null), f.getName());
        } catch (IllegalAccessException ignored) {
          // public constants
        }
      }
    }
    return names;
  }

  /** Offers one version and the given suites, with SNI; trusts everything (the checks judge). */
  /** The largest handshake message read (a certificate chain); past it, "oversized". */
  static final int MAX_HANDSHAKE_MESSAGE = 256 * 1024;

  private final class Client extends DefaultTlsClient {
    private final String host;
    private final ProtocolVersion version;
    private final int[] suites;
    volatile int suite = -1;
    volatile List<String> chain = List.of();
    volatile Boolean secureRenegotiation;

    Client(String host, ProtocolVersion version, int[] suites) {
      super(new BcTlsCrypto(random));
      this.host = host;
      this.version = version;
      this.suites = suites;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return new ProtocolVersion[] {version};
    }

    /**
     * BouncyCastle stops at 32 KiB, below what some real servers send (long chains, big
     * certificates); a few hundred KiB lets those through and still caps a hostile one.
     */
    @Override
    public int getMaxHandshakeMessageSize() {
      return MAX_HANDSHAKE_MESSAGE;
    }

    @Override
    public int getMaxCertificateChainLength() {
      return 16;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return suites;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
      Vector<ServerName> names = new Vector<>();
      names.add(new ServerName(
          org.bouncycastle.tls.NameType.host_name, host.getBytes(StandardCharsets.US_ASCII)));
      return names;
    }

    @Override
    public void notifySelectedCipherSuite(int selected) {
      super.notifySelectedCipherSuite(selected);
      this.suite = selected;
    }

    @Override
    public void notifySecureRenegotiation(boolean secure) {
      // Old servers lack RFC 5746; record it instead of aborting as the default does.
      this.secureRenegotiation = secure;
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate serverCertificate)
            throws IOException {
          List<String> pem = new ArrayList<>();
          org.bouncycastle.tls.Certificate c = serverCertificate.getCertificate();
          for (int i = 0; i < c.getLength(); i++) {
            pem.add("-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(c.getCertificateAt(i).getEncoded())
                + "\n-----END CERTIFICATE-----\n");
          }
          chain = List.copyOf(pem);
        }

        @Override
        public TlsCredentials getClientCredentials(CertificateRequest request) {
          return null;
        }
      };
    }
  }

  /** Keeps a copy of the first bytes read: the ServerHello, whatever BouncyCastle makes of it. */
  static final class RecordingInputStream extends FilterInputStream {
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private static final int LIMIT = 16 * 1024;

    RecordingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && copy.size() < LIMIT) {
        copy.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0 && copy.size() < LIMIT) {
        copy.write(b, off, Math.min(n, LIMIT - copy.size()));
      }
      return n;
    }

    byte[] recorded() {
      return copy.toByteArray();
    }
  }
}
