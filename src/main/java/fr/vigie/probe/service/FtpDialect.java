package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FTP: the greeting; with {@code --intrusive} only, the anonymous login anyone on the internet
 * can try ({@code USER anonymous}), and nothing after it.
 */
public final class FtpDialect implements Dialect {

  private final boolean intrusive;

  public FtpDialect(boolean intrusive) {
    this.intrusive = intrusive;
  }

  @Override
  public List<String> names() {
    return List.of("ftp");
  }

  @Override
  public Optional<Reading> recognise(byte[] unsolicited) {
    return ftp(unsolicited);
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    try (Exchange s = c.open()) {
      InputStream in = s.getInputStream();
      Optional<Reading> greeting = ftp(read(in, READ_CAP, true));
      if (greeting.isEmpty() || !intrusive) {
        return greeting.orElse(null);
      }
      OutputStream out = s.getOutputStream();
      out.write("USER anonymous\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String user = printable(readLine(in));
      String verdict = "refused";
      if (user.startsWith("331")) {
        out.write("PASS vigie@vigie.invalid\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String pass = printable(readLine(in));
        verdict = pass.startsWith("230") ? "allowed" : "refused";
      } else if (user.startsWith("230")) {
        verdict = "allowed";
      }
      out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return greeting.get().with(ServiceFact.ANONYMOUS, verdict);
    }
  }

  private static final Pattern VSFTPD = Pattern.compile("\\(vsFTPd ([\\d.]+)\\)");

  private static final Pattern PROFTPD = Pattern.compile("ProFTPD ([\\d.]+\\w*)");

  /** {@code 220 (vsFTPd 3.0.3)}: an FTP greeting. */
  public static Optional<Reading> ftp(byte[] answer) {
    String line = printable(answer);
    if (!line.startsWith("220")) {
      return Optional.empty();
    }
    Reading r = Reading.of("ftp", line);
    Matcher m = VSFTPD.matcher(line);
    if (m.find()) {
      return Optional.of(r.product("vsFTPd", m.group(1)));
    }
    Matcher p = PROFTPD.matcher(line);
    if (p.find()) {
      return Optional.of(r.product("ProFTPD", p.group(1)));
    }
    if (line.contains("Pure-FTPd")) {
      return Optional.of(r.product("Pure-FTPd", null));
    }
    if (line.contains("Microsoft FTP Service")) {
      return Optional.of(r.product("Microsoft FTP Service", null));
    }
    return Optional.of(r);
  }
}
