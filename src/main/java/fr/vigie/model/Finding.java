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
 * @param evidence what was seen, as sent by the server: untrusted, escape it when rendering
 */
public record Finding(
    String check, Severity severity, String asset, String subject, String evidence) {

  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(asset, "asset");
    subject = subject == null ? "" : subject;
    evidence = evidence == null ? "" : evidence;
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
