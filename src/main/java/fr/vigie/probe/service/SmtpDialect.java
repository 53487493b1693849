package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMTP, submission and SMTPS: the greeting, then EHLO to see whether STARTTLS is offered (on a
 * plain port), then QUIT. The dialogue itself is {@link SmtpDialogue}'s, shared with the TLS
 * probe.
 */
public final class SmtpDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("smtp", "submission", "smtps");
  }

  @Override
  public Optional<Reading> recognise(byte[] unsolicited) {
    return smtp(unsolicited);
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    try (Exchange s = c.open()) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      Optional<Reading> greeting = smtp(read(in, READ_CAP, true));
      if (greeting.isEmpty()) {
        return null;
      }
      Reading r = greeting.get().as(c.spec().protocol());
      byte[] ehlo = SmtpDialogue.ehlo(in, out);
      if (!c.spec().tls()) {
        r = r.with(ServiceFact.STARTTLS, offersStartTls(ehlo) ? "offered" : "missing");
      }
      SmtpDialogue.quit(out);
      return r;
    }
  }

  private static final Pattern EXIM = Pattern.compile("Exim ([\\d.]+)");

  /** {@code 220 mail.example ESMTP Postfix (Debian/GNU)}: an SMTP greeting. */
  public static Optional<Reading> smtp(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("220")) {
      return Optional.empty();
    }
    Reading r = Reading.of("smtp", line);
    if (line.contains("Postfix")) {
      return Optional.of(r.product("Postfix", null));
    }
    Matcher e = EXIM.matcher(line);
    if (e.find()) {
      return Optional.of(r.product("Exim", e.group(1)));
    }
    if (line.contains("Microsoft ESMTP MAIL Service")) {
      return Optional.of(r.product("Microsoft Exchange", null));
    }
    return Optional.of(r);
  }

  /** Whether an EHLO answer (every 250 line) offers STARTTLS. */
  public static boolean offersStartTls(byte[] ehlo) {
    for (String line : text(ehlo).split("\r?\n")) {
      if (line.matches("(?i)^250[ -]STARTTLS\\s*$")) {
        return true;
      }
    }
    return false;
  }
}
