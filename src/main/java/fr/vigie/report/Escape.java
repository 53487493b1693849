package fr.vigie.report;

/** Escaping of untrusted text (anything a server sent) for each output format. */
public final class Escape {

  private Escape() {}

  /**
   * For a terminal: drops escape sequences and control characters (a TXT record can hold
   * {@code ESC]0;…BEL} and retitle or rewrite the operator's terminal), keeps tabs as spaces.
   */
  public static String terminal(String s) {
    return controls(s, true);
  }

  /**
   * For any text a person reads (an HTML page, an XML report, a spreadsheet): what {@link
   * #terminal} drops goes, line breaks and tabs stay. XML 1.0 cannot carry those characters at
   * all, not even as references, and a browser shows them as boxes or lets a bidirectional
   * override turn {@code exe.txt} into {@code txt.exe}.
   */
  public static String text(String s) {
    return controls(s, false);
  }

  private static String controls(String s, boolean oneLine) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null; // most strings have nothing to drop: no copy is made of them
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean keep = c >= 0x20 && !dropped(c);
      if (keep && out == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      }
      if (c == '\u001b') {
        i = skipEscape(s, i);
      } else if (c == '\t' || c == '\n') {
        out.append(oneLine ? ' ' : c);
      } else if (c == '\r' && !oneLine) {
        out.append(c);
      } else if (keep) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * C1 controls, DEL, line and paragraph separators, bidirectional overrides (which can disguise
   * text) and the two non-characters XML refuses.
   */
  private static boolean dropped(char c) {
    return (c >= 0x7f && c < 0xa0)
        || c == '\u2028'
        || c == '\u2029'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069')
        || c == '\ufffe'
        || c == '\uffff';
  }

  /**
   * Every text and attribute value of a jsoup tree through {@link #text}: the HTML site and the
   * JUnit report are built as trees, their server-sent strings set in many places, and this is
   * the one place that cleans them all, just before the tree is written.
   */
  public static <T extends org.jsoup.nodes.Node> T text(T root) {
    root.traverse((node, depth) -> {
      if (node instanceof org.jsoup.nodes.TextNode t) {
        t.text(text(t.getWholeText()));
      }
      for (org.jsoup.nodes.Attribute a : node.attributes()) {
        a.setValue(text(a.getValue()));
      }
    });
    return root;
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
   * For a CSV cell (RFC 4180): controls dropped as for a terminal, quoted, quotes doubled, and a
   * cell a spreadsheet would take for a formula ({@code = + - @}, tab, carriage return) is prefixed with an apostrophe.
   */
  public static String csv(String s) {
    // A cell is one line: a spreadsheet cell with ESC or BEL in it is text nobody can read.
    String t = terminal(s);
    if (!t.isEmpty() && "=+-@\t\r".indexOf(t.charAt(0)) >= 0) {
      t = "'" + t;
    }
    return "\"" + t.replace("\"", "\"\"") + "\"";
  }
}
