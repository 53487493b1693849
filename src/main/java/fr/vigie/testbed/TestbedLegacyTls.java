package fr.vigie.testbed;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An old TLS stack no JDK or BouncyCastle server can still play: it answers a TLS 1.2 ClientHello
 * offering TLS_RSA_WITH_AES_128_CBC_SHA with a ServerHello that has no renegotiation_info
 * extension (RFC 5746 missing), then hangs up; anything else gets a fatal alert. Enough for a
 * scanner to see an insecure-renegotiation server; no handshake ever completes. Close it.
 */
final class TestbedLegacyTls implements AutoCloseable {

  static final int SUITE = 0x002F; // TLS_RSA_WITH_AES_128_CBC_SHA
  private static final int HANDSHAKE_FAILURE = 40;
  private static final int PROTOCOL_VERSION = 70;

  private final ServerSocket server;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final SecureRandom random = new SecureRandom();

  TestbedLegacyTls(InetAddress address, int port) throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(address, port), 64);
    Thread.ofPlatform().daemon(true).name("testbed-legacy-tls").start(this::serve);
  }

  private void serve() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        workers.submit(() -> answer(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void answer(Socket socket) {
    try (socket) {
      socket.setSoTimeout(5000);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = in.readNBytes(5);
      if (header.length < 5 || header[0] != 22) {
        return;
      }
      int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
      byte[] hello = in.readNBytes(length);
      if (hello.length < 39 || hello[0] != 1) {
        return;
      }
      int version = ((hello[4] & 0xff) << 8) | (hello[5] & 0xff);
      int pos = 4 + 2 + 32;
      pos += 1 + (hello[pos] & 0xff);
      int suitesLength = ((hello[pos] & 0xff) << 8) | (hello[pos + 1] & 0xff);
      boolean offered = false;
      for (int i = pos + 2; i + 1 < pos + 2 + suitesLength && i + 1 < hello.length; i += 2) {
        if ((((hello[i] & 0xff) << 8) | (hello[i + 1] & 0xff)) == SUITE) {
          offered = true;
        }
      }
      OutputStream out = socket.getOutputStream();
      if (version != 0x0303) {
        out.write(alert(PROTOCOL_VERSION));
      } else if (!offered) {
        out.write(alert(HANDSHAKE_FAILURE));
      } else {
        out.write(serverHello());
      }
      out.flush();
    } catch (IOException | RuntimeException ignored) {
      // the client went away
    }
  }

  private byte[] serverHello() {
    byte[] r = new byte[32];
    random.nextBytes(r);
    // handshake header (4) + version (2) + random (32) + empty session id (1) + suite (2) + null
    // compression (1)
    byte[] body = new byte[4 + 2 + 32 + 1 + 2 + 1];
    body[0] = 2;
    int len = body.length - 4;
    body[1] = 0;
    body[2] = (byte) (len >> 8);
    body[3] = (byte) len;
    body[4] = 3;
    body[5] = 3;
    System.arraycopy(r, 0, body, 6, 32);
    body[38] = 0;
    body[39] = (byte) (SUITE >> 8);
    body[40] = (byte) SUITE;
    body[41] = 0;
    return record(22, body);
  }

  private static byte[] alert(int description) {
    return record(21, new byte[] {2, (byte) description});
  }

  private static byte[] record(int type, byte[] body) {
    byte[] out = new byte[5 + body.length];
    out[0] = (byte) type;
    out[1] = 3;
    out[2] = 3;
    out[3] = (byte) (body.length >> 8);
    out[4] = (byte) body.length;
    System.arraycopy(body, 0, out, 5, body.length);
    return out;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    workers.shutdownNow();
  }
}
