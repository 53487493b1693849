package fr.vigie.testbed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One simulated service on one address and port, answering as the real software does to the
 * port probe's requests (banners and answers from the captures of src/test/resources/services/
 * and the protocols' specifications). Kinds: {@link #KINDS}. Two are hostile on purpose:
 * {@code silent} accepts and never speaks, {@code garbage} sends random bytes until the client
 * leaves.
 */
final class TestbedService implements AutoCloseable {

  static final Set<String> KINDS = Set.of(
      "ssh",
      "ssh-old",
      "ftp",
      "telnet",
      "smtp",
      "smtp-starttls",
      "smtp-exim",
      "rdp",
      "rdp-nla",
      "smb",
      "smb1",
      "redis",
      "redis-auth",
      "mysql",
      "memcached",
      "vnc",
      "vnc-noauth",
      "silent",
      "garbage");

  private final ServerSocket server;
  private final String kind;
  private final Thread acceptor;
  private final SSLContext tls;

  TestbedService(InetAddress address, int port, String kind, SSLContext tls) throws IOException {
    this.tls = tls;
    if (!KINDS.contains(kind)) {
      throw new fr.vigie.UserInputException("scenario: unknown service '" + kind + "' (known: "
          + String.join(", ", new TreeSet<>(KINDS)) + ")");
    }
    this.kind = kind;
    this.server = new ServerSocket(port, 50, address);
    this.acceptor = Thread.ofVirtual()
        .name("testbed-service-" + address.getHostAddress() + ":" + port)
        .start(this::accept);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread.ofVirtual().start(() -> {
          try (s) {
            s.setSoTimeout(30_000);
            serve(s, s.getInputStream(), s.getOutputStream());
          } catch (IOException ignored) {
            // the client left
          }
        });
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket, InputStream in, OutputStream out) throws IOException {
    switch (kind) {
      case "ssh" -> say(out, "SSH-2.0-OpenSSH_9.9\r\n");
      case "ssh-old" -> say(out, "SSH-2.0-OpenSSH_7.4\r\n");
      case "ftp" -> {
        say(out, "220 (vsFTPd 3.0.3)\r\n");
        String user = line(in);
        if (user.startsWith("USER anonymous")) {
          say(out, "331 Please specify the password.\r\n");
          line(in);
          say(out, "230 Login successful.\r\n");
        }
      }
      case "telnet" ->
        out.write(new byte[] {(byte) 0xff, (byte) 0xfd, 0x18, (byte) 0xff, (byte) 0xfd, 0x20});
      case "smtp", "smtp-starttls", "smtp-exim" -> {
        say(
            out,
            kind.equals("smtp-exim")
                ? "220 mx.testbed.test ESMTP Exim 4.91 Mon, 23 Nov 2026 01:00:00 +0100\r\n"
                : "220 mx.testbed.test ESMTP Postfix (Debian/GNU)\r\n");
        for (int i = 0; i < 5; i++) {
          String l = line(in);
          if (l.startsWith("EHLO")) {
            say(
                out,
                "250-mx.testbed.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n"
                    + (kind.equals("smtp-starttls") ? "250-STARTTLS\r\n" : "")
                    + "250-ENHANCEDSTATUSCODES\r\n250 8BITMIME\r\n");
          } else if (l.startsWith("STARTTLS") && kind.equals("smtp-starttls") && tls != null) {
            say(out, "220 2.0.0 Ready to start TLS\r\n");
            SSLSocket upgraded = (SSLSocket) tls.getSocketFactory()
                .createSocket(
                    socket, socket.getInetAddress().getHostAddress(), socket.getPort(), false);
            upgraded.setUseClientMode(false);
            upgraded.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
            upgraded.startHandshake();
            say(upgraded.getOutputStream(), "220 mx.testbed.test ESMTP\r\n");
            upgraded.close();
            return;
          } else if (l.startsWith("QUIT") || l.isEmpty()) {
            say(out, "221 2.0.0 Bye\r\n");
            return;
          }
        }
      }
      case "rdp", "rdp-nla" -> {
        read(in, 19);
        // MS-RDPBCGR 2.2.1.2: Connection Confirm, then RDP_NEG_RSP (TLS) or RDP_NEG_FAILURE
        // (HYBRID_REQUIRED_BY_SERVER)
        out.write(new byte[] {
          0x03,
          0,
          0,
          0x13,
          0x0e,
          (byte) 0xd0,
          0,
          0,
          0x12,
          0x34,
          0,
          (byte) (kind.equals("rdp") ? 0x02 : 0x03),
          0x00,
          0x08,
          0x00,
          (byte) (kind.equals("rdp") ? 0x01 : 0x05),
          0,
          0,
          0
        });
      }
      case "smb", "smb1" -> {
        byte[] request = read(in, 4096);
        if (request.length > 4 && (request[4] & 0xff) == 0xfe) {
          out.write(smb2Response());
        } else if (request.length > 4 && (request[4] & 0xff) == 0xff) {
          out.write(smb1Response(kind.equals("smb1")));
        }
      }
      case "redis", "redis-auth" -> {
        line(in);
        say(out, kind.equals("redis") ? "+PONG\r\n" : "-NOAUTH Authentication required.\r\n");
      }
      case "mysql" -> {
        byte[] version = "8.0.36\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b =
            ByteBuffer.allocate(4 + 1 + version.length + 4 + 9).order(ByteOrder.LITTLE_ENDIAN);
        int length = 1 + version.length + 4 + 9;
        b.put((byte) length)
            .put((byte) (length >> 8))
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0x0a)
            .put(version)
            .putInt(7)
            .put(new byte[9]);
        out.write(b.array());
      }
      case "memcached" -> {
        line(in);
        say(out, "VERSION 1.6.18\r\n");
      }
      case "vnc", "vnc-noauth" -> {
        say(out, "RFB 003.008\n");
        read(in, 12);
        out.write(kind.equals("vnc") ? new byte[] {1, 2} : new byte[] {2, 1, 2});
      }
      case "silent" -> read(in, 1);
      case "garbage" -> {
        Random random = new Random(7);
        byte[] chunk = new byte[8192];
        for (int i = 0; i < 100_000; i++) {
          random.nextBytes(chunk);
          out.write(chunk);
        }
      }
      default -> throw new IllegalStateException(kind);
    }
    out.flush();
  }

  /** A samba-like answer: dialect 3.0.2, signing enabled but not required. */
  private static byte[] smb2Response() {
    ByteBuffer b = ByteBuffer.allocate(4 + 64 + 65 - 1).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0);
    b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'})
        .putShort((short) 64)
        .putShort((short) 0)
        .putInt(0)
        .putShort((short) 0)
        .putShort((short) 1)
        .putInt(1)
        .putInt(0)
        .putLong(0)
        .putInt(0)
        .putInt(0)
        .putLong(0)
        .put(new byte[16]);
    b.putShort((short) 65)
        .putShort((short) 0x01)
        .putShort((short) 0x0302)
        .putShort((short) 0)
        .put(new byte[16])
        .putInt(7)
        .putInt(65536)
        .putInt(65536)
        .putInt(65536)
        .putLong(0)
        .putLong(0)
        .putShort((short) 0)
        .putShort((short) 0)
        .putInt(0);
    byte[] out = b.array();
    int length = out.length - 4;
    out[2] = (byte) (length >> 8);
    out[3] = (byte) length;
    return out;
  }

  /** SMB1 NEGOTIATE answer: dialect 0 chosen (17 words), or none (1 word, 0xffff) as samba 4.17 answers by default. */
  private static byte[] smb1Response(boolean accept) {
    int words = accept ? 17 : 1;
    ByteBuffer b = ByteBuffer.allocate(4 + 32 + 1 + words * 2 + 2).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0);
    b.put(new byte[] {(byte) 0xff, 'S', 'M', 'B', 0x72})
        .putInt(0)
        .put((byte) 0x88)
        .putShort((short) 0xc853)
        .put(new byte[12])
        .putShort((short) 0)
        .putShort((short) 0xfeff)
        .putShort((short) 0)
        .putShort((short) 0);
    b.put((byte) words).putShort((short) (accept ? 0 : 0xffff));
    b.put(new byte[(words - 1) * 2]).putShort((short) 0);
    byte[] out = b.array();
    int length = out.length - 4;
    out[2] = (byte) (length >> 8);
    out[3] = (byte) length;
    return out;
  }

  private static void say(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while (b.size() < 1024 && (c = in.read()) >= 0 && c != '\n') {
      b.write(c);
    }
    return b.toString(StandardCharsets.ISO_8859_1).strip();
  }

  private static byte[] read(InputStream in, int max) throws IOException {
    byte[] buffer = new byte[max];
    try {
      int n = in.read(buffer);
      return n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n);
    } catch (SocketTimeoutException e) {
      return new byte[0];
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }
}
