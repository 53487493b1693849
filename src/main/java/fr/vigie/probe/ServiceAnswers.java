package fr.vigie.probe;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests the service probe sends and what it reads from the answers: pure functions over
 * bytes, tested with answers captured from real servers. Nothing here authenticates or changes
 * anything on the server.
 */
public final class ServiceAnswers {

  private ServiceAnswers() {}

  /** What one answer says: the protocol, and what it established. */
  public record Reading(
      String protocol, String product, String version, String banner, Map<String, String> facts) {
    static Reading of(String protocol, String banner) {
      return new Reading(protocol, null, null, banner, Map.of());
    }

    Reading with(String fact, String value) {
      Map<String, String> f = new LinkedHashMap<>(facts);
      f.put(fact, value);
      return new Reading(protocol, product, version, banner, f);
    }

    Reading product(String name, String v) {
      return new Reading(protocol, name, v, banner, facts);
    }
  }

  static final int BANNER_CHARS = 200;

  /** Printable ASCII of the first line, cut: what evidence may show of a banner. */
  public static String printable(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == '\n' || c == '\r') {
        if (!sb.isEmpty()) {
          break;
        }
        continue;
      }
      sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
      if (sb.length() >= BANNER_CHARS) {
        break;
      }
    }
    return sb.toString();
  }

  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  // ---- line protocols: the server speaks first ----

  private static final Pattern OPENSSH = Pattern.compile("^SSH-[\\d.]+-OpenSSH_(\\S+)");
  private static final Pattern SSH_OTHER =
      Pattern.compile("^SSH-[\\d.]+-([A-Za-z][\\w.-]*?)(?:[_-](\\d[\\w.]*))?(?:\\s|$)");

  /** {@code SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3}. */
  public static Optional<Reading> ssh(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("SSH-")) {
      return Optional.empty();
    }
    Reading r = Reading.of("ssh", line);
    Matcher m = OPENSSH.matcher(line);
    if (m.find()) {
      r = r.product("OpenSSH", m.group(1));
      if (line.contains(" Debian") || line.contains(" Ubuntu") || line.contains("+deb")) {
        r = r.with("packaged", line.substring(line.indexOf(' ') + 1));
      }
      return Optional.of(r);
    }
    Matcher o = SSH_OTHER.matcher(line);
    return Optional.of(o.find() ? r.product(o.group(1), o.group(2)) : r);
  }

  private static final Pattern VSFTPD = Pattern.compile("\\(vsFTPd ([\\d.]+)\\)");
  private static final Pattern PROFTPD = Pattern.compile("ProFTPD ([\\d.]+\\w*)");

  /** {@code 220 (vsFTPd 3.0.3)}: an FTP greeting. */
  public static Optional<Reading> ftp(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("220")) {
      return Optional.empty();
    }
    Reading r = Reading.of("ftp", line);
    Matcher m = VSFTPD.matcher(line);
    if (m.find()) {
      return Optional.of(r.product("vsFTPd", m.group(1)));
    }
    Matcher p = PROFTPD.matcher(line);
    if (p.find()) {
      return Optional.of(r.product("ProFTPD", p.group(1)));
    }
    if (line.contains("Pure-FTPd")) {
      return Optional.of(r.product("Pure-FTPd", null));
    }
    if (line.contains("Microsoft FTP Service")) {
      return Optional.of(r.product("Microsoft FTP Service", null));
    }
    return Optional.of(r);
  }

  private static final Pattern EXIM = Pattern.compile("Exim ([\\d.]+)");

  /** {@code 220 mail.example ESMTP Postfix (Debian/GNU)}: an SMTP greeting. */
  public static Optional<Reading> smtp(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("220")) {
      return Optional.empty();
    }
    Reading r = Reading.of("smtp", line);
    if (line.contains("Postfix")) {
      return Optional.of(r.product("Postfix", null));
    }
    Matcher e = EXIM.matcher(line);
    if (e.find()) {
      return Optional.of(r.product("Exim", e.group(1)));
    }
    if (line.contains("Microsoft ESMTP MAIL Service")) {
      return Optional.of(r.product("Microsoft Exchange", null));
    }
    return Optional.of(r);
  }

  /** Whether an EHLO answer (every 250 line) offers STARTTLS. */
  public static boolean offersStartTls(byte[] ehlo) {
    for (String line : text(ehlo).split("\r?\n")) {
      if (line.matches("(?i)^250[ -]STARTTLS\\s*$")) {
        return true;
      }
    }
    return false;
  }

  /** {@code +OK Dovecot (Debian) ready.} */
  public static Optional<Reading> pop3(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("+OK")) {
      return Optional.empty();
    }
    Reading r = Reading.of("pop3", line);
    return Optional.of(line.contains("Dovecot") ? r.product("Dovecot", null) : r);
  }

  /** {@code * OK [CAPABILITY IMAP4rev1 …] Dovecot (Debian) ready.} */
  public static Optional<Reading> imap(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("* OK") && !line.startsWith("* PREAUTH")) {
      return Optional.empty();
    }
    Reading r = Reading.of("imap", line);
    return Optional.of(line.contains("Dovecot") ? r.product("Dovecot", null) : r);
  }

  /** Telnet servers open with option negotiation (IAC = 0xff). */
  public static Optional<Reading> telnet(byte[] answer) {
    if (answer.length >= 3 && (answer[0] & 0xff) == 0xff && (answer[1] & 0xff) >= 0xfb) {
      return Optional.of(Reading.of("telnet", "IAC negotiation (" + answer.length + " bytes)"));
    }
    return Optional.empty();
  }

  // ---- Redis ----

  public static final byte[] REDIS_PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

  /** {@code +PONG}: no authentication; {@code -NOAUTH}/{@code -DENIED}: not open to anyone. */
  public static Optional<Reading> redis(byte[] answer) {
    String line = printable(answer);
    if (line.startsWith("+PONG")) {
      return Optional.of(Reading.of("redis", line).product("Redis", null).with("auth", "none"));
    }
    if (line.startsWith("-NOAUTH")
        || line.startsWith("-DENIED")
        || line.startsWith("-ERR") && line.contains("auth")) {
      return Optional.of(Reading.of("redis", line).product("Redis", null).with("auth", "required"));
    }
    return Optional.empty();
  }

  // ---- memcached ----

  public static final byte[] MEMCACHED_VERSION = "version\r\n".getBytes(StandardCharsets.US_ASCII);

  /** {@code VERSION 1.6.18}: the text protocol has no authentication. */
  public static Optional<Reading> memcached(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("VERSION ")) {
      return Optional.empty();
    }
    return Optional.of(Reading.of("memcached", line)
        .product("memcached", line.substring(8).strip())
        .with("auth", "none"));
  }

  // ---- MySQL / MariaDB: the server greets first ----

  /** The handshake packet (protocol 10 and its version string), or an error packet (host refused). */
  public static Optional<Reading> mysql(byte[] answer) {
    if (answer.length < 6) {
      return Optional.empty();
    }
    int length = (answer[0] & 0xff) | (answer[1] & 0xff) << 8 | (answer[2] & 0xff) << 16;
    if (length < 2 || length > 4096) {
      return Optional.empty();
    }
    int kind = answer[4] & 0xff;
    if (kind == 0x0a) {
      int end = 5;
      while (end < answer.length && answer[end] != 0 && end < 5 + 64) {
        end++;
      }
      String version = new String(answer, 5, end - 5, StandardCharsets.ISO_8859_1);
      if (!version.matches("\\d+\\.\\d+\\.\\d+.*")) {
        return Optional.empty();
      }
      String product = version.contains("MariaDB") ? "MariaDB" : "MySQL";
      String number = version.replaceFirst("^5\\.5\\.5-", "").replaceFirst("-.*$", "");
      return Optional.of(
          Reading.of("mysql", "protocol 10, server " + version).product(product, number));
    }
    if (kind == 0xff && answer.length > 7 && 4 + length > 7) {
      String message = new String(
          answer, 7, Math.min(answer.length, 4 + length) - 7, StandardCharsets.ISO_8859_1);
      return Optional.of(
          Reading.of("mysql", "error: " + printable(message.getBytes(StandardCharsets.ISO_8859_1)))
              .with("access", "refused"));
    }
    return Optional.empty();
  }

  // ---- PostgreSQL ----

  public static final byte[] POSTGRES_SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

  /** One byte: 'S' (will do TLS) or 'N' (will not). */
  public static Optional<Reading> postgres(byte[] answer) {
    if (answer.length == 1 && (answer[0] == 'S' || answer[0] == 'N')) {
      return Optional.of(Reading.of("postgresql", "SSLRequest answered '" + (char) answer[0] + "'")
          .product("PostgreSQL", null)
          .with("tls", answer[0] == 'S' ? "offered" : "refused"));
    }
    return Optional.empty();
  }

  // ---- RDP ----

  /**
   * An X.224 Connection Request carrying an RDP negotiation request for TLS only
   * (PROTOCOL_SSL): a server that demands NLA answers with HYBRID_REQUIRED_BY_SERVER.
   */
  public static final byte[] RDP_REQUEST = {
    0x03,
    0x00,
    0x00,
    0x13, // TPKT, length 19
    0x0e,
    (byte) 0xe0,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00, // X.224 CR
    0x01,
    0x00,
    0x08,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00 // RDP_NEG_REQ, PROTOCOL_SSL
  };

  /** The Connection Confirm and the negotiation response or failure that follows it. */
  public static Optional<Reading> rdp(byte[] answer) {
    if (answer.length < 11
        || answer[0] != 0x03
        || answer[1] != 0x00
        || (answer[5] & 0xf0) != 0xd0) {
      return Optional.empty();
    }
    Reading r = Reading.of("rdp", "X.224 Connection Confirm").product("RDP", null);
    if (answer.length >= 19) {
      int type = answer[11] & 0xff;
      int value = ByteBuffer.wrap(answer, 15, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (type == 0x02) {
        String selected = switch (value) {
          case 0 -> "standard RDP security";
          case 1 -> "TLS";
          case 2 -> "CredSSP (NLA)";
          case 8 -> "CredSSP with early user authorisation";
          default -> "protocol " + value;
        };
        return Optional.of(r.with("selected", selected)
            .with("nla", value == 2 || value == 8 ? "required" : "not-required"));
      }
      if (type == 0x03) {
        // 5: HYBRID_REQUIRED_BY_SERVER; 1 SSL_REQUIRED; 2 SSL_NOT_ALLOWED; 3 SSL_CERT_NOT_ON_SERVER
        return Optional.of(r.with("failure", String.valueOf(value))
            .with("nla", value == 5 ? "required" : "unknown"));
      }
    }
    return Optional.of(r.with("nla", "not-required").with("selected", "standard RDP security"));
  }

  // ---- SMB ----

  /** NetBIOS session + SMB2 NEGOTIATE offering 2.0.2, 2.1, 3.0 and 3.0.2 (3.1.1 needs contexts). */
  public static byte[] smb2Negotiate() {
    ByteBuffer b = ByteBuffer.allocate(4 + 64 + 36 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0).put((byte) 0).putShort((short) 0); // NetBIOS length, set below (big endian)
    b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'})
        .putShort((short) 64)
        .putShort((short) 0)
        .putInt(0); // header, credit charge, status
    b.putShort((short) 0)
        .putShort((short) 1)
        .putInt(0)
        .putInt(0)
        .putLong(0)
        .putInt(0)
        .putInt(0)
        .putLong(0); // command NEGOTIATE
    b.put(new byte[16]); // signature
    b.putShort((short) 36)
        .putShort((short) 4)
        .putShort((short) 1)
        .putShort((short) 0)
        .putInt(0); // size, dialects, signing enabled
    b.put(new byte[16]); // client guid
    b.putLong(0); // client start time
    b.putShort((short) 0x0202).putShort((short) 0x0210).putShort((short) 0x0300).putShort((short)
        0x0302);
    byte[] out = b.array();
    int length = out.length - 4;
    out[2] = (byte) (length >> 8);
    out[3] = (byte) length;
    return out;
  }

  /** NetBIOS session + SMB1 NEGOTIATE offering only "NT LM 0.12". */
  public static byte[] smb1Negotiate() {
    byte[] dialect = "\u0002NT LM 0.12\u0000".getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(4 + 32 + 3 + dialect.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0);
    b.put(new byte[] {(byte) 0xff, 'S', 'M', 'B', 0x72}).putInt(0); // SMB_COM_NEGOTIATE, status
    b.put((byte) 0x18)
        .putShort((short) 0xc853); // flags, flags2 (unicode, NT status, extended security)
    b.put(new byte[12])
        .putShort((short) 0)
        .putShort((short) 0xfeff)
        .putShort((short) 0)
        .putShort((short) 0); // pid high… tid pid uid mid
    b.put((byte) 0).putShort((short) dialect.length).put(dialect);
    byte[] out = b.array();
    int length = out.length - 4;
    out[2] = (byte) (length >> 8);
    out[3] = (byte) length;
    return out;
  }

  /** An SMB2 NEGOTIATE response: the dialect chosen and whether signing is required. */
  public static Optional<Reading> smb2(byte[] answer) {
    if (answer.length < 4 + 64 + 8
        || (answer[4] & 0xff) != 0xfe
        || answer[5] != 'S'
        || answer[6] != 'M'
        || answer[7] != 'B') {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int status = b.getInt(4 + 8);
    if (status != 0) {
      return Optional.of(
          Reading.of("smb", "SMB2 NEGOTIATE refused, status 0x" + Integer.toHexString(status))
              .product("SMB", null));
    }
    int securityMode = b.getShort(4 + 64 + 2) & 0xffff;
    int dialect = b.getShort(4 + 64 + 4) & 0xffff;
    String name = switch (dialect) {
      case 0x0202 -> "2.0.2";
      case 0x0210 -> "2.1";
      case 0x0300 -> "3.0";
      case 0x0302 -> "3.0.2";
      case 0x0311 -> "3.1.1";
      default -> "0x" + Integer.toHexString(dialect);
    };
    return Optional.of(Reading.of(
            "smb",
            "SMB2 NEGOTIATE: dialect " + name + ", signing "
                + ((securityMode & 0x02) != 0 ? "required" : "enabled, not required"))
        .product("SMB", name)
        .with("signing", (securityMode & 0x02) != 0 ? "required" : "not-required"));
  }

  /** Whether an answer to the SMB1 NEGOTIATE accepted SMB1 (status 0 and a dialect chosen). */
  public static boolean smb1Accepted(byte[] answer) {
    if (answer.length < 4 + 32 + 3
        || (answer[4] & 0xff) != 0xff
        || answer[5] != 'S'
        || answer[6] != 'M'
        || answer[7] != 'B') {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int status = b.getInt(4 + 5);
    int words = answer[4 + 32] & 0xff;
    int dialectIndex = b.getShort(4 + 33) & 0xffff;
    return status == 0 && words > 0 && dialectIndex != 0xffff;
  }

  // ---- MSSQL ----

  /** A TDS PRELOGIN with the VERSION and ENCRYPTION options (encryption: not supported). */
  public static final byte[] MSSQL_PRELOGIN = {
    0x12,
    0x01,
    0x00,
    0x1a,
    0x00,
    0x00,
    0x01,
    0x00, // TDS header: PRELOGIN, EOM, length 26
    0x00,
    0x00,
    0x0b,
    0x00,
    0x06, // VERSION at 11, 6 bytes
    0x01,
    0x00,
    0x11,
    0x00,
    0x01, // ENCRYPTION at 17, 1 byte
    (byte) 0xff, // terminator
    0x00,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00, // version 0
    0x02 // ENCRYPT_NOT_SUP
  };

  /** The PRELOGIN response's VERSION option: major.minor.build. */
  public static Optional<Reading> mssql(byte[] answer) {
    if (answer.length < 8 + 6 || answer[0] != 0x04) {
      return Optional.empty();
    }
    int i = 8;
    while (i + 5 <= answer.length && (answer[i] & 0xff) != 0xff) {
      int token = answer[i] & 0xff;
      int offset = ((answer[i + 1] & 0xff) << 8) | (answer[i + 2] & 0xff);
      int length = ((answer[i + 3] & 0xff) << 8) | (answer[i + 4] & 0xff);
      if (token == 0 && length >= 4 && 8 + offset + 4 <= answer.length) {
        int p = 8 + offset;
        String version = (answer[p] & 0xff) + "." + (answer[p + 1] & 0xff) + "."
            + (((answer[p + 2] & 0xff) << 8) | (answer[p + 3] & 0xff));
        return Optional.of(Reading.of("mssql", "TDS PRELOGIN: version " + version)
            .product("Microsoft SQL Server", version));
      }
      i += 5;
    }
    return Optional.of(
        Reading.of("mssql", "TDS PRELOGIN answered").product("Microsoft SQL Server", null));
  }

  // ---- MongoDB ----

  /** OP_MSG {hello: 1, $db: "admin"}: what every driver sends first, before any authentication. */
  public static byte[] mongoHello() {
    byte[] doc = bson(Map.of("hello", 1, "$db", "admin"));
    ByteBuffer b = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(16 + 4 + 1 + doc.length).putInt(1).putInt(0).putInt(2013); // header, OP_MSG
    b.putInt(0).put((byte) 0).put(doc);
    return b.array();
  }

  /** A reply to hello: an OP_MSG whose document says ok and the wire versions. */
  public static Optional<Reading> mongo(byte[] answer) {
    if (answer.length < 21) {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int opcode = b.getInt(12);
    if (opcode != 2013 && opcode != 1) {
      return Optional.empty();
    }
    String body = text(answer);
    if (!body.contains("maxWireVersion")
        && !body.contains("ismaster")
        && !body.contains("isWritablePrimary")) {
      return Optional.empty();
    }
    return Optional.of(Reading.of("mongodb", "hello answered (" + answer.length + " bytes)")
        .product("MongoDB", null));
  }

  /**
   * OP_MSG {listDatabases: 1, nameOnly: 1, $db: "admin"}: sent only with --intrusive (it reads the
   * database names), to tell a MongoDB open to anyone from one that demands authentication.
   */
  public static byte[] mongoListDatabases() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("listDatabases", 1);
    fields.put("nameOnly", 1);
    fields.put("$db", "admin");
    byte[] doc = bson(fields);
    ByteBuffer b = ByteBuffer.allocate(16 + 4 + 1 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(16 + 4 + 1 + doc.length).putInt(2).putInt(0).putInt(2013);
    b.putInt(0).put((byte) 0).put(doc);
    return b.array();
  }

  /** The answer to listDatabases: the list (no authentication) or an authorization error. */
  public static Optional<String> mongoAuth(byte[] answer) {
    String body = text(answer);
    if (body.contains("databases") && !body.contains("errmsg")) {
      return Optional.of("none");
    }
    if (body.contains("Unauthorized")
        || body.contains("requires authentication")
        || body.contains("errmsg")) {
      return Optional.of("required");
    }
    return Optional.empty();
  }

  /** A BSON document of int32 and string fields, in the given order (hello first). */
  static byte[] bson(Map<String, Object> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> keys = new ArrayList<>(fields.keySet());
    keys.sort(Comparator.comparing((String k) -> k.startsWith("$")));
    for (String k : keys) {
      Object v = fields.get(k);
      byte[] name = (k + "\u0000").getBytes(StandardCharsets.UTF_8);
      if (v instanceof Integer n) {
        out.write(0x10);
        out.writeBytes(name);
        out.writeBytes(
            ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array());
      } else {
        byte[] s = (v + "\u0000").getBytes(StandardCharsets.UTF_8);
        out.write(0x02);
        out.writeBytes(name);
        out.writeBytes(ByteBuffer.allocate(4)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putInt(s.length)
            .array());
        out.writeBytes(s);
      }
    }
    byte[] body = out.toByteArray();
    return ByteBuffer.allocate(body.length + 5)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(body.length + 5)
        .put(body)
        .put((byte) 0)
        .array();
  }

  // ---- VNC ----

  private static final Pattern RFB = Pattern.compile("^RFB (\\d{3})\\.(\\d{3})\n");

  /** The server's protocol version line ({@code RFB 003.008}). */
  public static Optional<String> rfbVersion(byte[] answer) {
    Matcher m = RFB.matcher(text(answer));
    return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
  }

  /**
   * The security types a 3.7+ server offers after the version exchange (count, then one byte
   * each), or the single type a 3.3 server imposes (a 32-bit integer).
   */
  public static Optional<Reading> vnc(String version, byte[] types) {
    Reading r = Reading.of("vnc", "RFB " + version).product("VNC", version);
    List<Integer> offered = new ArrayList<>();
    if (version.compareTo("003.007") >= 0) {
      if (types.length < 1) {
        return Optional.of(r);
      }
      int n = types[0] & 0xff;
      for (int i = 1; i <= n && i < types.length; i++) {
        offered.add(types[i] & 0xff);
      }
    } else if (types.length >= 4) {
      offered.add(ByteBuffer.wrap(types, 0, 4).getInt());
    }
    String list = String.join(",", offered.stream().map(String::valueOf).toList());
    return Optional.of(
        r.with("security-types", list).with("auth", offered.contains(1) ? "none" : "required"));
  }

  // ---- HTTP-based: Elasticsearch, WinRM, web ----

  public static byte[] httpGet(String host, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host
            + "\r\nUser-Agent: vigie\r\nAccept: */*\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");
  private static final Pattern ES_NUMBER = Pattern.compile("\"number\"\\s*:\\s*\"([\\d.]+)\"");
  private static final Pattern ES_CLUSTER =
      Pattern.compile("\"cluster_name\"\\s*:\\s*\"([^\"]{0,80})\"");

  /** The status and a header of an HTTP answer. */
  public static Optional<Integer> httpStatus(byte[] answer) {
    Matcher m = STATUS.matcher(text(answer));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  public static Optional<String> httpHeader(byte[] answer, String name) {
    for (String line : text(answer).split("\r\n")) {
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
        return Optional.of(line.substring(colon + 1).strip());
      }
    }
    return Optional.empty();
  }

  /** {@code GET /} of Elasticsearch: 200 with its version (no authentication) or 401. */
  public static Optional<Reading> elasticsearch(byte[] answer) {
    Optional<Integer> status = httpStatus(answer);
    if (status.isEmpty()) {
      return Optional.empty();
    }
    String body = text(answer);
    if (status.get() == 200
        && (body.contains("You Know, for Search") || body.contains("\"cluster_name\""))) {
      Matcher n = ES_NUMBER.matcher(body);
      Matcher c = ES_CLUSTER.matcher(body);
      Reading r = Reading.of(
              "elasticsearch", "GET / → 200" + (c.find() ? ", cluster " + c.group(1) : ""))
          .product("Elasticsearch", n.find() ? n.group(1) : null)
          .with("auth", "none");
      return Optional.of(r);
    }
    if (status.get() == 401
        && httpHeader(answer, "WWW-Authenticate")
            .map(v -> v.contains("elasticsearch") || v.contains("Basic"))
            .orElse(false)) {
      return Optional.of(Reading.of("elasticsearch", "GET / → 401")
          .product("Elasticsearch", null)
          .with("auth", "required"));
    }
    return Optional.empty();
  }

  /** WinRM answers on /wsman through Windows' HTTP API. */
  public static Optional<Reading> winrm(byte[] answer, String protocol) {
    Optional<Integer> status = httpStatus(answer);
    String server = httpHeader(answer, "Server").orElse("");
    if (status.isPresent() && server.startsWith("Microsoft-HTTPAPI")) {
      return Optional.of(
          Reading.of(protocol, "POST /wsman → " + status.get() + ", Server: " + server)
              .product("WinRM", null));
    }
    return Optional.empty();
  }

  /** Any HTTP answer on a web port: status and Server header. */
  public static Optional<Reading> http(byte[] answer, String protocol) {
    Optional<Integer> status = httpStatus(answer);
    if (status.isEmpty()) {
      return Optional.empty();
    }
    String server = httpHeader(answer, "Server").orElse(null);
    return Optional.of(Reading.of(
            protocol,
            "HTTP " + status.get()
                + (server == null
                    ? ""
                    : ", Server: " + printable(server.getBytes(StandardCharsets.ISO_8859_1))))
        .product(
            server == null ? null : printable(server.getBytes(StandardCharsets.ISO_8859_1)), null));
  }

  // ---- NFS ----

  /** An ONC RPC NULL call to the NFS program (100003, version 3): harmless, answered by any NFS server. */
  public static final byte[] NFS_NULL_CALL = {
    (byte) 0x80,
    0x00,
    0x00,
    0x28, // record mark: last fragment, 40 bytes
    0x76,
    0x69,
    0x67,
    0x31, // xid "vig1"
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    2, // CALL, RPC version 2
    0,
    1,
    (byte) 0x86,
    (byte) 0xa3,
    0,
    0,
    0,
    3,
    0,
    0,
    0,
    0, // program 100003, version 3, procedure NULL
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0 // AUTH_NONE credentials and verifier
  };

  /** A reply with our xid. */
  public static Optional<Reading> nfs(byte[] answer) {
    if (answer.length >= 16
        && answer[4] == 0x76
        && answer[5] == 0x69
        && answer[6] == 0x67
        && answer[7] == 0x31
        && answer[11] == 1) {
      return Optional.of(
          Reading.of("nfs", "RPC NULL to program 100003 answered").product("NFS", null));
    }
    return Optional.empty();
  }

  // ---- Oracle TNS ----

  /** Any TNS packet back (type 2 accept, 4 refuse, 5 redirect, 11 resend) proves a listener. */
  public static Optional<Reading> oracle(byte[] answer) {
    if (answer.length >= 8
        && answer[4] >= 2
        && answer[4] <= 12
        && answer[2] == 0
        && answer[3] == 0) {
      return Optional.of(Reading.of("oracle", "TNS packet type " + answer[4])
          .product("Oracle TNS listener", null));
    }
    return Optional.empty();
  }

  /** A TNS CONNECT with an empty connect data: the listener answers with a refuse or redirect. */
  public static byte[] tnsConnect() {
    byte[] data = "(CONNECT_DATA=(COMMAND=version))".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(58 + data.length);
    b.putShort((short) (58 + data.length))
        .putShort((short) 0)
        .put((byte) 1)
        .put((byte) 0)
        .putShort((short) 0);
    b.putShort((short) 0x013a)
        .putShort((short) 0x012c)
        .putShort((short) 0)
        .putShort((short) 0x0800)
        .putShort((short) 0x7fff)
        .putShort((short) 0x7f08)
        .putShort((short) 0)
        .putShort((short) 1)
        .putShort((short) data.length)
        .putShort((short) 58)
        .putInt(0)
        .put((byte) 0x41)
        .put((byte) 0x41)
        .put(new byte[24]);
    b.put(data);
    return b.array();
  }
}
