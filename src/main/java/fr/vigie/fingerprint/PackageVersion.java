package fr.vigie.fingerprint;

import java.math.BigInteger;

/**
 * Debian package version order (deb-version(7), what {@code dpkg --compare-versions} does; Ubuntu
 * uses the same): {@code [epoch:]upstream[-revision]}, each part compared as alternating runs of
 * non-digits (letters before non-letters, {@code ~} before everything, even the end) and
 * numbers: {@code 1.6.5+dfsg-1+deb12u6} comes before {@code 1.6.5+dfsg-1+deb12u14}.
 */
public final class PackageVersion {

  private PackageVersion() {}

  public static int compare(String a, String b) {
    String[] x = split(a);
    String[] y = split(b);
    int epoch = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
    if (epoch != 0) {
      return epoch;
    }
    int upstream = part(x[1], y[1]);
    return upstream != 0 ? upstream : part(x[2], y[2]);
  }

  /**
   * The Debian revision a server gives ({@code 1ubuntu4.9}, {@code 2+deb12u3}) against the
   * revision of a package version that fixed something ({@code 2.4.1-1ubuntu4.10}): the upstream
   * part is the same package's, spelt with the packager's suffixes ({@code +dfsg}), so only the
   * revisions are compared.
   */
  public static int compareRevisions(String revision, String fixedPackageVersion) {
    String fixed = fixedPackageVersion.strip();
    String fixedRevision = fixed.contains("-") ? fixed.substring(fixed.lastIndexOf('-') + 1) : "0";
    return part(revision.strip(), fixedRevision);
  }

  /** epoch, upstream, revision ("0" when absent). */
  private static String[] split(String v) {
    String s = v.strip();
    String epoch = "0";
    int colon = s.indexOf(':');
    if (colon > 0 && s.substring(0, colon).chars().allMatch(Character::isDigit)) {
      epoch = s.substring(0, colon);
      s = s.substring(colon + 1);
    }
    int dash = s.lastIndexOf('-');
    return dash < 0
        ? new String[] {epoch, s, "0"}
        : new String[] {epoch, s.substring(0, dash), s.substring(dash + 1)};
  }

  private static int order(char c) {
    if (Character.isLetter(c)) {
      return c;
    }
    if (c == '~') {
      return -1;
    }
    return c + 256;
  }

  private static int part(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      // non-digit run
      while ((i < a.length() && !Character.isDigit(a.charAt(i)))
          || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
        int ca = i < a.length() && !Character.isDigit(a.charAt(i)) ? order(a.charAt(i)) : 0;
        int cb = j < b.length() && !Character.isDigit(b.charAt(j)) ? order(b.charAt(j)) : 0;
        if (ca != cb) {
          return Integer.compare(ca, cb);
        }
        if (i < a.length() && !Character.isDigit(a.charAt(i))) {
          i++;
        }
        if (j < b.length() && !Character.isDigit(b.charAt(j))) {
          j++;
        }
      }
      // digit run
      int si = i;
      while (i < a.length() && Character.isDigit(a.charAt(i))) {
        i++;
      }
      int sj = j;
      while (j < b.length() && Character.isDigit(b.charAt(j))) {
        j++;
      }
      BigInteger na = si == i ? BigInteger.ZERO : new BigInteger(a.substring(si, i));
      BigInteger nb = sj == j ? BigInteger.ZERO : new BigInteger(b.substring(sj, j));
      int c = na.compareTo(nb);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
