package fr.vigie.probe;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text read from an exposed file before it is stored or shown: a report must
 * never spread the password it warns about. What is kept is enough to prove the exposure (the
 * key names, the shape of the file).
 */
public final class Secrets {

  public static final String MASK = "********";

  // KEY=value and KEY: value lines (.env, YAML, properties) whose key names a secret; other
  // values (APP_NAME=Mairie, ref: refs/heads/main) stay, they prove what the file is.
  private static final Pattern ASSIGNMENT = Pattern.compile(
      "(?m)^(\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*[=:]\\s*)(\\S.*?)\\s*$");
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(pass|pwd|secret|token|key|auth|credential|private|salt|dsn|cookie|session|database_url|db_url|conn).*");
  // PHP: define('DB_PASSWORD', 'x'); $password = 'x';
  private static final Pattern PHP_DEFINE =
      Pattern.compile("(define\\s*\\(\\s*['\"][A-Za-z0-9_]+['\"]\\s*,\\s*)(['\"])(.*?)\\2");
  private static final Pattern PHP_VARIABLE = Pattern.compile(
      "(\\$[A-Za-z0-9_]*(?:pass|pwd|secret|key|token)[A-Za-z0-9_]*\\s*=\\s*)(['\"])(.*?)\\2",
      Pattern.CASE_INSENSITIVE);
  // connection strings and URLs with credentials: scheme://user:password@host
  private static final Pattern URL_CREDENTIALS = Pattern.compile("(://[^:/@\\s]+:)([^@\\s]+)(@)");
  // XML attributes (web.config): password="x", connectionString="...Password=x;..."
  private static final Pattern XML_SECRET = Pattern.compile(
      "((?:password|pwd|secret|key|token)\\s*=\\s*)([^;\"'\\s<>]+)", Pattern.CASE_INSENSITIVE);
  // htpasswd lines: user:hash
  private static final Pattern HTPASSWD = Pattern.compile(
      "(?m)^([^:\\s]+:)(\\$apr1\\$\\S+|\\$2[aby]\\$\\S+|\\{SHA\\}\\S+|[./0-9A-Za-z]{13})$");

  private Secrets() {}

  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = replace(PHP_DEFINE, text, m -> m.group(1) + m.group(2) + MASK + m.group(2));
    out = replace(PHP_VARIABLE, out, m -> m.group(1) + m.group(2) + MASK + m.group(2));
    out = replace(URL_CREDENTIALS, out, m -> m.group(1) + MASK + m.group(3));
    out = replace(HTPASSWD, out, m -> m.group(1) + MASK);
    out = replace(XML_SECRET, out, m -> m.group(1) + MASK);
    out = replace(
        ASSIGNMENT,
        out,
        m -> SECRET_NAME.matcher(m.group(2)).matches() && !m.group(3).startsWith(MASK)
            ? m.group(1) + MASK
            : m.group(0));
    return out;
  }

  private static String replace(Pattern p, String text, Function<Matcher, String> f) {
    Matcher m = p.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
