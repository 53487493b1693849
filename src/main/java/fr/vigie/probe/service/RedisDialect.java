package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Redis: {@code PING}; a {@code +PONG} means no authentication. */
public final class RedisDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("redis");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(REDIS_PING).flatMap(RedisDialect::redis).orElse(null);
  }

  public static final byte[] REDIS_PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

  /** {@code +PONG}: no authentication; {@code -NOAUTH}/{@code -DENIED}: not open to anyone. */
  public static Optional<Reading> redis(byte[] answer) {
    String line = printable(answer);
    if (line.startsWith("+PONG")) {
      return Optional.of(
          Reading.of("redis", line).product("Redis", null).with(ServiceFact.AUTH, "none"));
    }
    if (line.startsWith("-NOAUTH")
        || line.startsWith("-DENIED")
        || line.startsWith("-ERR") && line.contains("auth")) {
      return Optional.of(
          Reading.of("redis", line).product("Redis", null).with(ServiceFact.AUTH, "required"));
    }
    return Optional.empty();
  }
}
