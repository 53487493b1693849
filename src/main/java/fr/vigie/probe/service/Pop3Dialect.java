package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** POP3, plain or over TLS: a {@code +OK} greeting. */
public final class Pop3Dialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("pop3", "pop3s");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.passive()
        .flatMap(Pop3Dialect::pop3)
        .map(r -> r.as(c.spec().protocol()))
        .orElse(null);
  }

  @Override
  public Optional<Reading> recognise(byte[] unsolicited) {
    return pop3(unsolicited);
  }

  /** {@code +OK Dovecot (Debian) ready.} */
  public static Optional<Reading> pop3(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("+OK")) {
      return Optional.empty();
    }
    Reading r = Reading.of("pop3", line);
    return Optional.of(line.contains("Dovecot") ? r.product("Dovecot", null) : r);
  }
}
