package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Telnet: option negotiation first (IAC). */
public final class TelnetDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("telnet");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.passive().flatMap(TelnetDialect::telnet).orElse(null);
  }

  @Override
  public Optional<Reading> recognise(byte[] unsolicited) {
    return telnet(unsolicited);
  }

  /** Telnet servers open with option negotiation (IAC = 0xff). */
  public static Optional<Reading> telnet(byte[] answer) {
    if (answer.length >= 3 && (answer[0] & 0xff) == 0xff && (answer[1] & 0xff) >= 0xfb) {
      return Optional.of(Reading.of("telnet", "IAC negotiation (" + answer.length + " bytes)"));
    }
    return Optional.empty();
  }
}
