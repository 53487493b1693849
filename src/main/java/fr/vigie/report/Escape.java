package fr.vigie.report;

/** Escaping of untrusted text (anything a server sent) for each output format. */
public final class Escape {

  private Escape() {}

  /**
   * For a terminal: drops escape sequences and control characters (a TXT record can hold
   * {@code ESC]0;…BEL} and retitle or rewrite the operator's terminal), keeps tabs as spaces.
   */
  public static String terminal(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u001b') {
        i = skipEscape(s, i);
      } else if (c == '\t' || c == '\n') {
        out.append(' ');
      } else if (c < 0x20
          || (c >= 0x7f && c < 0xa0)
          || c == '\u2028'
          || c == '\u2029'
          || (c >= '\u202a' && c <= '\u202e')
          || (c >= '\u2066' && c <= '\u2069')) {
        // C0/C1 controls and bidirectional overrides (which can disguise text) go.
        continue;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Index of the last character of the escape sequence starting at {@code start}. */
  private static int skipEscape(String s, int start) {
    if (start + 1 >= s.length()) {
      return start;
    }
    char kind = s.charAt(start + 1);
    int i = start + 2;
    if (kind == '[') {
      // CSI: parameters then one final byte in 0x40–0x7e
      while (i < s.length() && (s.charAt(i) < 0x40 || s.charAt(i) > 0x7e)) {
        i++;
      }
      return Math.min(i, s.length() - 1);
    }
    if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
      // OSC/DCS/APC/PM: up to BEL or ESC \
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\u0007') {
          return i;
        }
        if (c == '\u001b' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
          return i + 1;
        }
        i++;
      }
      return s.length() - 1;
    }
    return start + 1;
  }

  /**
   * For Markdown text (a table cell or a line): control characters go, newlines become spaces,
   * and every character Markdown or HTML could act on is backslash-escaped or entity-encoded.
   */
  public static String markdown(String s) {
    if (s == null) {
      return "";
    }
    String t = terminal(s);
    StringBuilder out = new StringBuilder(t.length());
    for (char c : t.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '|' -> out.append("\\|");
        // Inside a line, only these can start emphasis, code, links or images; '.', '-', '+'
        // matter at the start of a line only, and a cell never starts one.
        case '\\', '`', '*', '_', '[', ']', '#', '~' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * For a CSV cell (RFC 4180): quoted, quotes doubled, and a cell a spreadsheet would take for a
   * formula ({@code = + - @}, tab, carriage return) is prefixed with an apostrophe.
   */
  public static String csv(String s) {
    String t = s == null ? "" : s.replace("\r\n", " ").replace('\n', ' ');
    if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
      t = "'" + t;
    }
    return "\"" + t.replace("\"", "\"\"") + "\"";
  }
}
