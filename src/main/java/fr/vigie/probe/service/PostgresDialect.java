package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** PostgreSQL: an SSLRequest, answered by one byte. */
public final class PostgresDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("postgresql");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(POSTGRES_SSL_REQUEST).flatMap(PostgresDialect::postgres).orElse(null);
  }

  public static final byte[] POSTGRES_SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

  /** One byte: 'S' (will do TLS) or 'N' (will not). */
  public static Optional<Reading> postgres(byte[] answer) {
    if (answer.length == 1 && (answer[0] == 'S' || answer[0] == 'N')) {
      return Optional.of(Reading.of("postgresql", "SSLRequest answered '" + (char) answer[0] + "'")
          .product("PostgreSQL", null)
          .with(ServiceFact.TLS, answer[0] == 'S' ? "offered" : "refused"));
    }
    return Optional.empty();
  }
}
