package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** MySQL and MariaDB: the server greets first with its handshake packet. */
public final class MysqlDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("mysql");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.passive().flatMap(MysqlDialect::mysql).orElse(null);
  }

  @Override
  public Optional<Reading> recognise(byte[] unsolicited) {
    return mysql(unsolicited);
  }

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
              .with(ServiceFact.ACCESS, "refused"));
    }
    return Optional.empty();
  }
}
