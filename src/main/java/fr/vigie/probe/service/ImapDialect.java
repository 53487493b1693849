package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** IMAP, plain or over TLS: a {@code * OK} greeting. */
public final class ImapDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("imap", "imaps");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.passive()
        .flatMap(ImapDialect::imap)
        .map(r -> r.as(c.spec().protocol()))
        .orElse(null);
  }

  @Override
  public Optional<Reading> recognise(byte[] unsolicited) {
    return imap(unsolicited);
  }

  /** {@code * OK [CAPABILITY IMAP4rev1 …] Dovecot (Debian) ready.} */
  public static Optional<Reading> imap(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("* OK") && !line.startsWith("* PREAUTH")) {
      return Optional.empty();
    }
    Reading r = Reading.of("imap", line);
    return Optional.of(line.contains("Dovecot") ? r.product("Dovecot", null) : r);
  }
}
