package fr.vigie.fingerprint;

import java.util.List;

/**
 * A technology seen on a host.
 *
 * @param name as the rules name it ({@code WordPress}, {@code nginx})
 * @param product the version-intelligence key ({@code wordpress}), or null when there is none
 * @param category cms, webmail, admin, remote-access, server, language, builder, javascript
 * @param version the version as read, or null when no precise source gave one
 * @param precision how far the version can be trusted
 * @param confidence 1..100, the sum of the signals that matched (capped)
 * @param packaged true when the version carries a distribution's suffix ({@code 5.2.1deb1}):
 *     distributions backport fixes without changing the upstream number
 * @param evidence what matched, one short line a signal, as the server sent it (untrusted)
 * @param distribution the distribution suffix as the server sent it ({@code (Debian)},
 *     {@code -1ubuntu2.14}, {@code Debian-2+deb12u3}), or null: which build it is
 */
public record Detection(
    String name,
    String product,
    String category,
    String version,
    Precision precision,
    int confidence,
    boolean packaged,
    List<String> evidence,
    String distribution) {

  public Detection(
      String name,
      String product,
      String category,
      String version,
      Precision precision,
      int confidence,
      boolean packaged,
      List<String> evidence) {
    this(name, product, category, version, precision, confidence, packaged, evidence, null);
  }

  /** How a version was learnt. Only EXACT and BRANCH feed the version checks. */
  public enum Precision {
    /** From a precise source: generator, manifest, feed, login-page version parameter. */
    EXACT,
    /** Only the branch is known ({@code Drupal 10}): every release of it is possible. */
    BRANCH,
    /** A weak hint ({@code ?ver=} on a script): shown, never judged. */
    HINT,
    /** No version. */
    UNKNOWN
  }

  public Detection {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    if (version == null) {
      precision = Precision.UNKNOWN;
    }
  }

  /** {@code WordPress 6.1.9}, or the name alone when the version is unknown or a hint. */
  public String label() {
    return switch (precision) {
      case EXACT -> name + " " + version;
      case BRANCH -> name + " " + version + ".x";
      default -> name;
    };
  }

  /** The version a check may judge, or null. */
  public Version judgedVersion() {
    return precision == Precision.EXACT || precision == Precision.BRANCH
        ? Version.parse(version)
        : null;
  }
}
