package fr.vigie.fingerprint;

import java.util.regex.Pattern;

/**
 * The longest piece of plain text every match of a pattern contains, so that a page without it is
 * passed over by {@link String#contains} (vectorised) instead of by the regex engine trying the
 * pattern at each of its 50,000 positions: a pattern that opens with {@code \b}, a class or a
 * group gets no Boyer-Moore search of its own. Conservative: where the reading is not sure (an
 * alternation at the top, flags, an escape it does not know), the answer is "" and the pattern is
 * always tried.
 */
final class RequiredText {

  /** Shorter pieces are in most pages: {@code contains} would rarely spare the regex. */
  static final int MIN_CHARS = 3;

  private RequiredText() {}

  /** The required text of a compiled pattern; "" when there is none it can vouch for. */
  static String of(Pattern pattern) {
    if ((pattern.flags() & ~(Pattern.MULTILINE | Pattern.DOTALL)) != 0) {
      return ""; // case-insensitive, comments, literal mode: plain text is not what matches
    }
    return of(pattern.pattern());
  }

  /** The longest run of literal characters at the top level of {@code regex}, or "". */
  static String of(String regex) {
    String best = "";
    StringBuilder run = new StringBuilder();
    int i = 0;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      int next;
      Character literal = null;
      if (c == '\\') {
        if (i + 1 >= regex.length()) {
          return "";
        }
        char e = regex.charAt(i + 1);
        if ("\\.?*+()[]{}|^$/\"'<>=&:;,#%!-_@~`".indexOf(e) >= 0) {
          literal = e;
        } else if ("bBdDsSwWAzZG".indexOf(e) < 0) {
          return ""; // \Q, \x41, \p{…}, back references…: not read here
        }
        next = i + 2;
      } else if (c == '|') {
        return ""; // either side may match: neither is required
      } else if (c == '(') {
        int flags = inlineFlags(regex, i);
        if (flags > 0) {
          i = flags; // (?m) and (?s) change what ^, $ and . match, never a plain character
          continue;
        }
        if (flags == 0) {
          return ""; // (?i), (?x)…: the text of a match is not the pattern's
        }
        next = closing(regex, i, ')');
        if (next < 0) {
          return "";
        }
      } else if (c == '[') {
        next = closing(regex, i, ']');
        if (next < 0) {
          return "";
        }
      } else if (".^$".indexOf(c) >= 0) {
        next = i + 1;
      } else if ("?*+{".indexOf(c) >= 0) {
        return ""; // a quantifier with nothing literal before it: not expected, not read
      } else {
        literal = c;
        next = i + 1;
      }
      // A quantifier on what was just read: optional (?, *, {0) takes it out; + keeps one.
      boolean optional = false;
      boolean repeated = false;
      if (next < regex.length()) {
        char q = regex.charAt(next);
        if (q == '?' || q == '*') {
          optional = true;
          next++;
        } else if (q == '+') {
          repeated = true;
          next++;
        } else if (q == '{') {
          int end = regex.indexOf('}', next);
          if (end < 0) {
            return "";
          }
          optional = regex.startsWith("{0", next);
          repeated = true;
          next = end + 1;
        }
        if (next < regex.length() && "?+".indexOf(regex.charAt(next)) >= 0) {
          next++; // lazy or possessive: the same characters
        }
      }
      if (literal != null && !optional) {
        run.append(literal.charValue());
      }
      if (literal == null || optional || repeated) {
        best = longer(best, run);
        run.setLength(0);
      }
      i = next;
    }
    best = longer(best, run);
    return best.length() >= MIN_CHARS ? best : "";
  }

  private static String longer(String best, StringBuilder run) {
    return run.length() > best.length() ? run.toString() : best;
  }

  /**
   * At an inline flag group: the index after it if it only sets m, s or d, 0 for other flags;
   * -1 where {@code from} opens an ordinary group.
   */
  private static int inlineFlags(String regex, int from) {
    int i = from + 2;
    if (!regex.startsWith("(?", from)
        || i >= regex.length()
        || !Character.isLetter(regex.charAt(i))) {
      return -1;
    }
    while (i < regex.length() && "msd".indexOf(regex.charAt(i)) >= 0) {
      i++;
    }
    return i < regex.length() && regex.charAt(i) == ')' ? i + 1 : 0;
  }

  /** The index after the bracket that closes the one at {@code from}, or -1. */
  private static int closing(String regex, int from, char close) {
    char open = regex.charAt(from);
    int depth = 0;
    boolean inClass = false;
    for (int i = from; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
        continue;
      }
      if (close == ')') {
        if (c == '[') {
          inClass = true;
        } else if (c == ']') {
          inClass = false;
        } else if (!inClass && c == open) {
          depth++;
        } else if (!inClass && c == close && --depth == 0) {
          return i + 1;
        }
      } else if (c == close && i > from + 1 && !(i == from + 2 && regex.charAt(from + 1) == '^')) {
        return i + 1;
      }
    }
    return -1;
  }
}
