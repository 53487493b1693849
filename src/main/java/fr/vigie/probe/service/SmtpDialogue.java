package fr.vigie.probe.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The SMTP dialogue vigie holds (RFC 5321, RFC 3207), written once for the port probe (EHLO to
 * see what is offered) and the TLS probe (STARTTLS before the handshake). Replies are read byte
 * by byte, so that nothing after them (the server's TLS flight) is taken from the stream.
 */
public final class SmtpDialogue {

  private SmtpDialogue() {}

  private static final int MAX_LINES = 50;
  private static final int MAX_LINE = 1024;

  /** One reply: its lines, and whether it ended (a line with a space after the code). */
  public record Reply(List<String> lines, boolean complete, boolean closed) {
    byte[] bytes() {
      return (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"))
          .getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  /** Reads one reply; a read timeout ends it where it is (incomplete). */
  public static Reply reply(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    try {
      while (lines.size() < MAX_LINES) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.size() < MAX_LINE) {
          line.write(c);
        }
        if (c < 0 && line.size() == 0) {
          return new Reply(lines, false, true);
        }
        String l = line.toString(StandardCharsets.ISO_8859_1).strip();
        lines.add(l);
        if (l.length() < 4 || l.charAt(3) != '-') {
          return new Reply(lines, true, c < 0);
        }
      }
    } catch (SocketTimeoutException quiet) {
      return new Reply(lines, false, false);
    }
    return new Reply(lines, false, false);
  }

  /** Says EHLO; returns the reply's bytes (what was read of it). */
  public static byte[] ehlo(InputStream in, OutputStream out) throws IOException {
    say(out, "EHLO vigie.invalid");
    return reply(in).bytes();
  }

  public static void quit(OutputStream out) throws IOException {
    say(out, "QUIT");
  }

  /** Greeting, EHLO, STARTTLS, 220: TLS may start on the same connection then. */
  public static void startTls(InputStream in, OutputStream out) throws IOException {
    expect(in, "220", "greeting");
    say(out, "EHLO vigie.invalid");
    expect(in, "250", "EHLO");
    say(out, "STARTTLS");
    expect(in, "220", "STARTTLS");
  }

  private static void say(OutputStream out, String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void expect(InputStream in, String code, String step) throws IOException {
    Reply r = reply(in);
    for (String l : r.lines()) {
      if (!l.startsWith(code)) {
        throw new IOException("SMTP " + step + ": " + l);
      }
    }
    if (!r.complete()) {
      if (r.closed()) {
        throw new IOException("SMTP " + step + ": connection closed");
      }
      if (r.lines().size() >= MAX_LINES) {
        throw new IOException("SMTP " + step + ": reply too long");
      }
      throw new SocketTimeoutException("Read timed out");
    }
  }
}
