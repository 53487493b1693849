package fr.vigie.probe.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bytes on the wire, shared by the dialects: reads with a cap and the read timeout, printable
 * banners, the small HTTP and BSON pieces several services speak.
 */
public final class Wire {

  private Wire() {}

  public static final int BANNER_CHARS = 200;

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

  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  public static byte[] httpGet(String host, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + host
            + "\r\nUser-Agent: vigie\r\nAccept: */*\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3})");

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

  /** A BSON document of int32 and string fields, in the given order (hello first). */
  public static byte[] bson(Map<String, Object> fields) {
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

  public static final int READ_CAP = 4096;

  /** Reads until the cap, the end of the stream or the read timeout (what came by then). */
  public static byte[] read(InputStream in, int cap, boolean line) throws IOException {
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

  public static byte[] readLine(InputStream in) throws IOException {
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

  public static byte[] readExactly(InputStream in, int n) throws IOException {
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
