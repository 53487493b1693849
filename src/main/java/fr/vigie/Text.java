package fr.vigie;

/** How hostile values are shown in messages a person reads: escaped, and cut. */
public final class Text {

  private Text() {}

  /**
   * Control characters as {@code \xNN} (an ESC or NUL from an inventory line must not reach the
   * terminal), cut to {@code max} characters with the full length said ({@code 'www.commune\x00…'
   * (10 MB)}).
   */
  public static String shown(String s, int max) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < s.length() && out.length() < max; i++) {
      char c = s.charAt(i);
      if (c < 0x20
          || (c >= 0x7f && c < 0xa0)
          || (c >= '\u202a' && c <= '\u202e')
          || (c >= '\u2066' && c <= '\u2069')) {
        out.append(String.format("\\x%02x", (int) c & 0xff));
      } else {
        out.append(c);
      }
    }
    if (i < s.length()) {
      out.append('…');
      int length = s.length();
      out.append(" (")
          .append(
              length >= 1_000_000
                  ? length / 1_000_000 + " MB"
                  : length >= 1000 ? length / 1000 + " kB" : length + " characters")
          .append(')');
    }
    return out.toString();
  }
}
