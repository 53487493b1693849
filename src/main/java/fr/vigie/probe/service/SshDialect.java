package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SSH: the server speaks first ({@code SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3}). */
public final class SshDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("ssh");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.passive().flatMap(SshDialect::ssh).orElse(null);
  }

  @Override
  public Optional<Reading> recognise(byte[] unsolicited) {
    return ssh(unsolicited);
  }

  private static final Pattern OPENSSH = Pattern.compile("^SSH-[\\d.]+-OpenSSH_(\\S+)");

  private static final Pattern SSH_OTHER =
      Pattern.compile("^SSH-[\\d.]+-([A-Za-z][\\w.-]*?)(?:[_-](\\d[\\w.]*))?(?:\\s|$)");

  /** {@code SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3}. */
  public static Optional<Reading> ssh(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("SSH-")) {
      return Optional.empty();
    }
    Reading r = Reading.of("ssh", line);
    Matcher m = OPENSSH.matcher(line);
    if (m.find()) {
      r = r.product("OpenSSH", m.group(1));
      if (line.contains(" Debian") || line.contains(" Ubuntu") || line.contains("+deb")) {
        r = r.with(ServiceFact.PACKAGED, line.substring(line.indexOf(' ') + 1));
      }
      return Optional.of(r);
    }
    Matcher o = SSH_OTHER.matcher(line);
    return Optional.of(o.find() ? r.product(o.group(1), o.group(2)) : r);
  }
}
