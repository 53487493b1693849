package fr.vigie.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.UserInputException;
import fr.vigie.check.CheckCatalogue.Lang;
import fr.vigie.model.Severity;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code vigie-alerts.yaml}: where the alerts of a night go. Secrets (the SMTP password, a webhook
 * URL that carries its own token, a Matrix access token, an HTTP header) are never in the file:
 * the file names the environment variable that holds each one ({@code password_env}…), read when
 * the file is loaded and never written to a log. A file that holds a secret itself is refused.
 */
public record AlertConfig(
    Lang lang,
    Severity threshold,
    boolean unreachable,
    boolean digest,
    int attempts,
    Duration backoff,
    Mail mail,
    List<Webhook> webhooks,
    List<Matrix> matrix) {

  /** SMTP security: STARTTLS required, TLS from the first byte (465), or none (loopback only). */
  public enum Security {
    STARTTLS,
    TLS,
    NONE
  }

  public record Mail(
      String host,
      int port,
      Security security,
      String username,
      String password,
      String from,
      Path trustCa,
      List<String> csirt,
      boolean communes,
      Map<String, List<String>> recipients,
      Severity threshold) {}

  /** A POST per commune (or per night with the digest); {@code format} json or text. */
  public record Webhook(
      String name, String format, URI url, Map<String, String> headers, Severity threshold) {

    /** The URL as logs may show it: scheme, host and port, never the path (Slack's is a secret). */
    public String shown() {
      return url.getScheme() + "://" + url.getHost()
          + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
  }

  /** A Matrix room (Tchap) through the client-server API, with an access token. */
  public record Matrix(
      String name, URI homeserver, String room, String token, Path trustCa, Severity threshold) {}

  private static final Set<String> SECRET_KEYS =
      Set.of("password", "token", "secret", "access_token", "apikey", "api_key");

  /** Reads the file; {@code env} gives environment variables (System::getenv outside tests). */
  public static AlertConfig read(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UserInputException("cannot read alert configuration " + file + ": "
          + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (IOException e) {
      String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException p
              && p.getLocation() != null
          ? ":" + p.getLocation().getLineNr()
          : "";
      throw new UserInputException(file + where + ": not valid YAML ("
          + e.getMessage().lines().findFirst().orElse("") + ")");
    }
    if (root == null || !root.isObject()) {
      throw new UserInputException(
          file + ": expected a mapping (language, threshold, mail," + " webhooks, matrix)");
    }
    return new Reader(file, env).config(root);
  }

  /** The reader of one file: every message names the file and the key. */
  private record Reader(Path file, Function<String, String> env) {

    AlertConfig config(JsonNode root) {
      known(
          root,
          "",
          "language",
          "threshold",
          "unreachable",
          "digest",
          "retry",
          "mail",
          "webhooks",
          "matrix");
      Lang lang = switch (text(root, "language", "fr").toLowerCase(Locale.ROOT)) {
        case "fr" -> Lang.FR;
        case "en" -> Lang.EN;
        default -> throw bad("language", "fr or en");
      };
      Severity threshold = severity(root, "threshold", Severity.HIGH);
      JsonNode retry = root.path("retry");
      known(retry, "retry.", "attempts", "backoff");
      int attempts = retry.path("attempts").asInt(4);
      if (attempts < 1 || attempts > 20) {
        throw bad("retry.attempts", "between 1 and 20");
      }
      Duration backoff = duration(retry, "backoff", Duration.ofSeconds(5));
      Mail mail = root.has("mail") ? mail(root.get("mail")) : null;
      List<Webhook> webhooks = new ArrayList<>();
      int i = 0;
      for (JsonNode w : list(root, "webhooks")) {
        webhooks.add(webhook(w, "webhooks[" + i++ + "]."));
      }
      List<Matrix> matrix = new ArrayList<>();
      i = 0;
      for (JsonNode m : list(root, "matrix")) {
        matrix.add(matrix(m, "matrix[" + i++ + "]."));
      }
      Set<String> names = new java.util.HashSet<>();
      for (String n : java.util.stream.Stream.concat(
              webhooks.stream().map(Webhook::name), matrix.stream().map(Matrix::name))
          .toList()) {
        if (n.startsWith("mail") || !names.add(n)) {
          throw new UserInputException(
              file + ": channel name '" + n + "' is used twice (or starts with mail)");
        }
      }
      if (mail == null && webhooks.isEmpty() && matrix.isEmpty()) {
        throw new UserInputException(file + ": no channel (give mail, webhooks or matrix)");
      }
      return new AlertConfig(
          lang,
          threshold,
          root.path("unreachable").asBoolean(true),
          root.path("digest").asBoolean(false),
          attempts,
          backoff,
          mail,
          List.copyOf(webhooks),
          List.copyOf(matrix));
    }

    Mail mail(JsonNode m) {
      known(
          m,
          "mail.",
          "host",
          "port",
          "security",
          "username",
          "password_env",
          "from",
          "trust_ca",
          "csirt",
          "communes",
          "recipients",
          "threshold");
      String host = required(m, "mail.", "host");
      Security security = switch (text(m, "security", "starttls").toLowerCase(Locale.ROOT)) {
        case "starttls" -> Security.STARTTLS;
        case "tls", "ssl" -> Security.TLS;
        case "none" -> Security.NONE;
        default -> throw bad("mail.security", "starttls, tls or none");
      };
      if (security == Security.NONE && !loopback(host)) {
        throw new UserInputException(file + ": mail.security none is only for a relay on this"
            + " machine (localhost); " + host + " needs starttls or tls");
      }
      int port = m.path("port").asInt(security == Security.TLS ? 465 : 587);
      if (port < 1 || port > 65535) {
        throw bad("mail.port", "a port between 1 and 65535");
      }
      String username = text(m, "username", null);
      String password = m.has("password_env") ? secret(m, "mail.", "password_env") : null;
      if (username != null && password == null) {
        throw new UserInputException(
            file + ": mail.username is set but not mail.password_env (the variable holding the"
                + " password)");
      }
      String from = required(m, "mail.", "from");
      List<String> csirt = addresses(m.path("csirt"), "mail.csirt");
      Map<String, List<String>> recipients = new LinkedHashMap<>();
      JsonNode r = m.path("recipients");
      for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
        var e = it.next();
        recipients.put(
            e.getKey().toUpperCase(Locale.ROOT),
            addresses(e.getValue(), "mail.recipients." + e.getKey()));
      }
      boolean communes = m.path("communes").asBoolean(true);
      if (csirt.isEmpty() && !communes && recipients.isEmpty()) {
        throw new UserInputException(
            file + ": mail has no recipient (mail.csirt, mail.communes or mail.recipients)");
      }
      return new Mail(
          host,
          port,
          security,
          username,
          password,
          from,
          path(m, "trust_ca"),
          csirt,
          communes,
          Map.copyOf(recipients),
          severity(m, "threshold", null));
    }

    Webhook webhook(JsonNode w, String at) {
      known(w, at, "name", "format", "url", "url_env", "headers_env", "threshold");
      String name = required(w, at, "name");
      String format = text(w, "format", "json").toLowerCase(Locale.ROOT);
      if (!format.equals("json") && !format.equals("text")) {
        throw bad(at + "format", "json (the findings) or text (Mattermost, Rocket.Chat, Slack)");
      }
      String url = w.has("url_env") ? secret(w, at, "url_env") : required(w, at, "url");
      Map<String, String> headers = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = w.path("headers_env").fields();
          it.hasNext(); ) {
        var e = it.next();
        headers.put(
            e.getKey(), variable(at + "headers_env." + e.getKey(), e.getValue().asText()));
      }
      return new Webhook(
          name,
          format,
          uri(url, at + (w.has("url_env") ? "url_env" : "url")),
          Map.copyOf(headers),
          severity(w, "threshold", null));
    }

    Matrix matrix(JsonNode m, String at) {
      known(m, at, "name", "homeserver", "room", "token_env", "trust_ca", "threshold");
      String room = required(m, at, "room");
      if (!room.startsWith("!") || !room.contains(":")) {
        throw bad(
            at + "room",
            "a room id such as !AbCdEf:agent.tchap.gouv.fr (Room settings," + " Advanced)");
      }
      if (!m.has("token_env")) {
        throw new UserInputException(
            file + ": " + at + "token_env is missing (the variable holding the access token)");
      }
      return new Matrix(
          text(m, "name", "matrix"),
          uri(required(m, at, "homeserver"), at + "homeserver"),
          room,
          secret(m, at, "token_env"),
          path(m, "trust_ca"),
          severity(m, "threshold", null));
    }

    private void known(JsonNode node, String at, String... keys) {
      if (node == null || node.isMissingNode() || node.isNull()) {
        return;
      }
      if (!node.isObject()) {
        throw new UserInputException(
            file + ": " + (at.isEmpty() ? "the file" : at) + " should be a mapping");
      }
      Set<String> allowed = Set.of(keys);
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (SECRET_KEYS.contains(k.toLowerCase(Locale.ROOT))) {
          throw new UserInputException(file + ": " + at + k + " holds a secret in the file;"
              + " secrets come from the environment: write " + at + k
              + "_env: NAME_OF_THE_VARIABLE");
        }
        if (!allowed.contains(k)) {
          throw new UserInputException(
              file + ": unknown key " + at + k + " (known: " + String.join(", ", keys) + ")");
        }
      }
    }

    private String secret(JsonNode node, String at, String key) {
      return variable(at + key, node.path(key).asText(""));
    }

    private String variable(String key, String name) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw bad(key, "the name of an environment variable, e.g. VIGIE_SMTP_PASSWORD");
      }
      String value = env.apply(name);
      if (value == null || value.isEmpty()) {
        throw new UserInputException(
            file + ": " + key + " names " + name + ", which is not set in the environment");
      }
      return value;
    }

    private List<JsonNode> list(JsonNode root, String key) {
      JsonNode n = root.path(key);
      if (n.isMissingNode() || n.isNull()) {
        return List.of();
      }
      if (!n.isArray()) {
        throw bad(key, "a list");
      }
      List<JsonNode> out = new ArrayList<>();
      n.forEach(out::add);
      return out;
    }

    private List<String> addresses(JsonNode n, String key) {
      List<String> out = new ArrayList<>();
      if (n.isMissingNode() || n.isNull()) {
        return out;
      }
      if (n.isTextual()) {
        out.add(n.asText());
      } else if (n.isArray()) {
        n.forEach(x -> out.add(x.asText()));
      } else {
        throw bad(key, "an address or a list of addresses");
      }
      for (String a : out) {
        if (!fr.vigie.inventory.CsvInventoryReader.isEmailAddress(a)) {
          throw bad(key, "e-mail addresses ('" + fr.vigie.Text.shown(a, 60) + "' is not one)");
        }
      }
      return List.copyOf(out);
    }

    private Severity severity(JsonNode node, String key, Severity otherwise) {
      if (!node.has(key)) {
        return otherwise;
      }
      try {
        return Severity.parse(node.get(key).asText());
      } catch (IllegalArgumentException e) {
        throw bad(key, "critical, high, medium, low or info");
      }
    }

    private Duration duration(JsonNode node, String key, Duration otherwise) {
      if (!node.has(key)) {
        return otherwise;
      }
      String v = node.get(key).asText().strip().toLowerCase(Locale.ROOT);
      var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|min)?").matcher(v);
      if (!m.matches()) {
        throw bad("retry." + key, "a duration such as 500ms, 5s or 2min");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "min" -> Duration.ofMinutes(n);
        default -> Duration.ofSeconds(n);
      };
    }

    private Path path(JsonNode node, String key) {
      if (!node.has(key)) {
        return null;
      }
      Path p = Path.of(node.get(key).asText());
      Path resolved = p.isAbsolute() || file.toAbsolutePath().getParent() == null
          ? p
          : file.toAbsolutePath().getParent().resolve(p);
      if (!Files.isReadable(resolved)) {
        throw new UserInputException(file + ": " + key + " " + p + " cannot be read");
      }
      return resolved;
    }

    private URI uri(String text, String key) {
      try {
        URI u = new URI(text);
        if (!"https".equals(u.getScheme())
            && !("http".equals(u.getScheme()) && loopback(u.getHost()))) {
          throw bad(key, "an https:// URL (http:// only to this machine)");
        }
        return u;
      } catch (URISyntaxException e) {
        throw bad(key, "a URL");
      }
    }

    private String required(JsonNode node, String at, String key) {
      String v = text(node, key, null);
      if (v == null || v.isBlank()) {
        throw new UserInputException(file + ": " + at + key + " is missing");
      }
      return v;
    }

    private static String text(JsonNode node, String key, String otherwise) {
      JsonNode v = node.get(key);
      return v == null || v.isNull() ? otherwise : v.asText();
    }

    private UserInputException bad(String key, String expected) {
      return new UserInputException(file + ": " + key + " should be " + expected);
    }
  }

  static boolean loopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|\\]$", "");
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1");
  }

  /** The threshold of a channel: its own, else the file's. */
  public Severity thresholdOf(Severity own) {
    return own == null ? threshold : own;
  }

  /** The lowest threshold of any channel: what the night selects before each channel filters. */
  public Severity lowestThreshold() {
    Severity low = threshold;
    List<Severity> own = new ArrayList<>();
    if (mail != null && mail.threshold() != null) {
      own.add(mail.threshold());
    }
    webhooks.stream().map(Webhook::threshold).filter(java.util.Objects::nonNull).forEach(own::add);
    matrix.stream().map(Matrix::threshold).filter(java.util.Objects::nonNull).forEach(own::add);
    for (Severity s : own) {
      if (!s.atLeast(low)) {
        low = s;
      }
    }
    return low;
  }

  public AlertConfig withDigest(boolean on) {
    return new AlertConfig(
        lang, threshold, unreachable, digest || on, attempts, backoff, mail, webhooks, matrix);
  }
}
