package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Oracle's TNS listener: a CONNECT with empty connect data. */
public final class OracleDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("oracle");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(tnsConnect()).flatMap(OracleDialect::oracle).orElse(null);
  }

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
