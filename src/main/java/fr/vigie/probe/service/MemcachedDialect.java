package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** memcached's text protocol: {@code version}, no authentication at all. */
public final class MemcachedDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("memcached");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(MEMCACHED_VERSION).flatMap(MemcachedDialect::memcached).orElse(null);
  }

  public static final byte[] MEMCACHED_VERSION = "version\r\n".getBytes(StandardCharsets.US_ASCII);

  /** {@code VERSION 1.6.18}: the text protocol has no authentication. */
  public static Optional<Reading> memcached(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("VERSION ")) {
      return Optional.empty();
    }
    return Optional.of(Reading.of("memcached", line)
        .product("memcached", line.substring(8).strip())
        .with(ServiceFact.AUTH, "none"));
  }
}
