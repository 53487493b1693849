package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Microsoft SQL Server: a TDS PRELOGIN. */
public final class MssqlDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("mssql");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(MSSQL_PRELOGIN).flatMap(MssqlDialect::mssql).orElse(null);
  }

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
}
