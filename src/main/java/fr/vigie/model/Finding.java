package fr.vigie.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One problem seen on one asset. {@link #key()} depends only on check, asset and subject, so the
 * same problem has the same key in every scan: that is what the diff and suppressions match on.
 * Evidence may change between scans (a date, a count) without changing the key.
 *
 * @param check the dotted check id, e.g. {@code mail.spf.permissive}
 * @param asset what the finding is about, e.g. a domain or {@code host:port}
 * @param subject what precisely, on that asset (a record, a protocol, a path); may be empty
 * @param evidence what was seen, in English with dates in UTC (the text older readers and the
 *     database's {@code evidence} column keep); its values came from the server: untrusted,
 *     escape it when rendering
 * @param data the same evidence as a template and its values, which reports say in their own
 *     language; null for a finding stored before vigie kept it (shown as {@code evidence})
 */
public record Finding(
    String check, Severity severity, String asset, String subject, String evidence, Evidence data) {

  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(asset, "asset");
    subject = subject == null ? "" : subject;
    evidence = evidence == null ? "" : evidence;
  }

  /** A finding with its evidence as plain text only (stored before templates, or a fixture). */
  public Finding(String check, Severity severity, String asset, String subject, String evidence) {
    this(check, severity, asset, subject, evidence, null);
  }

  /** The same finding at another severity (a suppression's, a baseline's). */
  public Finding withSeverity(Severity other) {
    return new Finding(check, other, asset, subject, evidence, data);
  }

  /**
   * Equal when check, severity, asset, subject and evidence text are: {@code data} says the same
   * thing as {@code evidence}, structured, and a finding read from an older scan has none.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Finding f
        && check.equals(f.check)
        && severity == f.severity
        && asset.equals(f.asset)
        && subject.equals(f.subject)
        && evidence.equals(f.evidence);
  }

  @Override
  public int hashCode() {
    return Objects.hash(check, severity, asset, subject, evidence);
  }

  public String key() {
    return key(check, asset, subject);
  }

  public static String key(String check, String asset, String subject) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // The unit separator cannot occur in ids or host names, so fields cannot run together.
      String joined = check + '\u001f' + asset + '\u001f' + subject;
      byte[] digest = sha.digest(joined.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
