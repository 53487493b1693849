package fr.vigie.probe;

import org.bouncycastle.tls.ProtocolVersion;

/**
 * The version and suite a server chose, read from the first TLS record it sent; or the alert it
 * sent instead. Parsing stops at the first inconsistency (garbage yields nothing).
 */
record ServerHello(ProtocolVersion version, int suite) {

  private static final int HANDSHAKE = 22;
  private static final int ALERT = 21;
  private static final int SERVER_HELLO = 2;
  private static final int SUPPORTED_VERSIONS = 43;

  static ServerHello parse(byte[] b) {
    if (b.length < 9 || (b[0] & 0xff) != HANDSHAKE || (b[5] & 0xff) != SERVER_HELLO) {
      return null;
    }
    int pos = 9;
    if (b.length < pos + 2 + 32 + 1) {
      return null;
    }
    ProtocolVersion version = ProtocolVersion.get(b[pos] & 0xff, b[pos + 1] & 0xff);
    pos += 2 + 32;
    int sessionLength = b[pos] & 0xff;
    pos += 1 + sessionLength;
    if (b.length < pos + 3) {
      return null;
    }
    int suite = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
    pos += 3; // suite and compression method
    // TLS 1.3 keeps 0x0303 in the legacy field; the real version is in supported_versions.
    if (b.length >= pos + 2) {
      int extensionsEnd =
          Math.min(b.length, pos + 2 + (((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff)));
      pos += 2;
      while (pos + 4 <= extensionsEnd) {
        int type = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        int length = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        if (type == SUPPORTED_VERSIONS && length == 2 && pos + 6 <= extensionsEnd) {
          version = ProtocolVersion.get(b[pos + 4] & 0xff, b[pos + 5] & 0xff);
        }
        pos += 4 + length;
      }
    }
    return new ServerHello(version, suite);
  }

  /** The description of an alert record, if that is what came first. */
  static Short alert(byte[] b) {
    if (b.length >= 7 && (b[0] & 0xff) == ALERT) {
      return (short) (b[6] & 0xff);
    }
    return null;
  }
}
