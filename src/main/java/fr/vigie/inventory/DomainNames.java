package fr.vigie.inventory;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/** Normalisation of user-given names, and their registrable domain (public suffix list). */
public final class DomainNames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private DomainNames() {}

  /**
   * Turns what a user or an inventory wrote ({@code https://www.Mairie-Évry.fr:443/contact},
   * {@code exemple.fr.}) into a lower-case ASCII host name ({@code www.xn--mairie-vry-b7a.fr}).
   *
   * @throws InvalidTargetException with a reason a user can act on
   */
  public static String normalise(String raw) throws InvalidTargetException {
    if (raw == null || raw.isBlank()) {
      throw new InvalidTargetException("empty domain");
    }
    String s = raw.strip();
    s = SCHEME.matcher(s).replaceFirst("");
    int cut = indexOfAny(s, "/?#");
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    if (s.startsWith("[") || s.chars().filter(c -> c == ':').count() > 1) {
      throw new InvalidTargetException(
          "'" + fr.vigie.Text.shown(raw.strip(), 80) + "' is an IP address, not a domain");
    }
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String port = s.substring(colon + 1);
      if (!port.matches("\\d{1,5}")) {
        throw new InvalidTargetException("invalid port in '" + raw.strip() + "'");
      }
      s = s.substring(0, colon);
    }
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new InvalidTargetException("empty domain in '" + raw.strip() + "'");
    }
    if (s.startsWith(".") || s.contains("..")) {
      throw new InvalidTargetException(
          "'" + fr.vigie.Text.shown(raw.strip(), 80) + "' has an empty label");
    }
    String ascii;
    try {
      ascii =
          IDN.toASCII(s.toLowerCase(Locale.ROOT), IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new InvalidTargetException("'" + fr.vigie.Text.shown(raw.strip(), 80)
          + "' is not a valid domain: " + e.getMessage());
    }
    if (IPV4.matcher(ascii).matches()) {
      throw new InvalidTargetException(
          "'" + fr.vigie.Text.shown(raw.strip(), 80) + "' is an IP address, not a domain");
    }
    if (ascii.length() > 253) {
      throw new InvalidTargetException(
          "'" + fr.vigie.Text.shown(raw.strip(), 80) + "' is longer than 253 characters");
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      throw new InvalidTargetException(
          "'" + fr.vigie.Text.shown(raw.strip(), 80) + "' has no top-level domain");
    }
    for (String label : labels) {
      if (label.isEmpty()) {
        throw new InvalidTargetException(
            "'" + fr.vigie.Text.shown(raw.strip(), 80) + "' has an empty label");
      }
      if (!LABEL.matcher(label).matches()) {
        throw new InvalidTargetException("'" + fr.vigie.Text.shown(raw.strip(), 80)
            + "' is not a valid domain (label '" + label + "')");
      }
    }
    if (labels[labels.length - 1].matches("\\d+")) {
      throw new InvalidTargetException(
          "'" + fr.vigie.Text.shown(raw.strip(), 80) + "' has a numeric top-level domain");
    }
    return ascii;
  }

  /**
   * The registrable domain ("eTLD+1") of a normalised name, from OkHttp's copy of the public
   * suffix list: {@code www.mairie-exemple.fr} gives {@code mairie-exemple.fr}, and a name under a
   * multi-label suffix keeps one label more ({@code www.commune.nc} under {@code nc}). Names under an
   * unknown top-level domain (such as the testbed's {@code .test}) follow the default rule.
   *
   * @throws InvalidTargetException when the name is itself a public suffix (e.g. {@code gouv.fr})
   */
  public static String registrableDomain(String name) throws InvalidTargetException {
    HttpUrl url = HttpUrl.parse("http://" + name + "/");
    if (url == null) {
      throw new InvalidTargetException("'" + fr.vigie.Text.shown(name, 80)
          + "' is not a valid domain name (a label is not a valid" + " host name or IDN A-label)");
    }
    String top = url.topPrivateDomain();
    if (top == null) {
      throw new InvalidTargetException(
          "'" + fr.vigie.Text.shown(name, 80) + "' is a public suffix, not a registrable domain");
    }
    return top;
  }

  /**
   * Whether a name found in DNS can be probed at all: a label that is no valid host name or IDN
   * A-label ({@code xn--99999999999999999999}) is recorded, not probed.
   */
  public static boolean isValidHostName(String name) {
    return HttpUrl.parse("http://" + name + "/") != null;
  }

  /** True when {@code name} is {@code domain} or a name under it. */
  public static boolean isUnder(String name, String domain) {
    return name.equals(domain) || name.endsWith("." + domain);
  }

  /** The Unicode form of an ASCII name, for display. */
  public static String toUnicode(String ascii) {
    return IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED);
  }

  private static final java.util.regex.Pattern A_LABEL_NAME = java.util.regex.Pattern.compile(
      "(?i)(?<![a-z0-9.-])(?:[a-z0-9-]+\\.)*xn--[a-z0-9-]+(?:\\.[a-z0-9-]+)*");

  /**
   * A text with every name in it that has an IDN A-label shown in Unicode ({@code
   * www.xn--brval-les-bains-cnb.test} → {@code www.bréval-les-bains.test}); the rest as it is.
   */
  public static String namesToUnicode(String text) {
    if (text == null || !text.toLowerCase(java.util.Locale.ROOT).contains("xn--")) {
      return text;
    }
    java.util.regex.Matcher m = A_LABEL_NAME.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String u;
      try {
        u = toUnicode(m.group());
      } catch (IllegalArgumentException e) {
        u = m.group();
      }
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(u));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
