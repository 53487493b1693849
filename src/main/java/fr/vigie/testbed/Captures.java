package fr.vigie.testbed;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers of real software, as they were captured (status line, headers and body, what
 * {@code curl -si} prints), one folder a capture under {@code fr/vigie/testbed/captures/} with a
 * {@code capture.yaml} that says where and when each came from and which technologies it shows.
 * The testbed serves them for the demo communes; the fingerprint contract test runs the rules on
 * every one. The host name the pages carry is replaced by the one they are served under.
 */
public final class Captures {

  /** A technology a capture must (or, in {@code absent}, must not) be identified as. */
  public record Expected(String name, String version, String precision) {
    public String precisionOrDefault() {
      return precision != null ? precision : version == null ? "unknown" : "exact";
    }
  }

  public record Header(String name, String value) {}

  /** One captured answer. */
  public record Response(int status, List<Header> headers, byte[] body) {
    public Response {
      headers = List.copyOf(headers);
    }
  }

  /**
   * @param origin {@code captured} (the software ran and answered) or {@code reconstructed}
   *     (written from the software's source or documentation where it could not be run here;
   *     {@code source} names the files)
   * @param host the host name the answers carry
   * @param responses path (with its query) to the file of its answer
   * @param expect every technology the rules must find, with its version
   * @param absent technologies the rules must not find (the traps say what they imitate)
   * @param fallback the path whose answer every other path gets (a catch-all site), or null
   */
  public record Meta(
      String software,
      String origin,
      String source,
      String captured,
      String how,
      String host,
      String fallback,
      Map<String, String> responses,
      List<Expected> expect,
      List<String> absent) {
    public Meta {
      responses = responses == null ? Map.of() : new LinkedHashMap<>(responses);
      expect = expect == null ? List.of() : List.copyOf(expect);
      absent = absent == null ? List.of() : List.copyOf(absent);
    }
  }

  public record Capture(String name, Meta meta, Map<String, Response> responses) {

    /** The answer to a path (query included, then without it), as served under {@code host}. */
    public Response answer(String pathAndQuery, String path, String host) {
      // Redirects were rewritten to the served name: ask under the captured one.
      Response r = responses.get(
          meta.host() == null ? pathAndQuery : pathAndQuery.replace(host, meta.host()));
      if (r == null) {
        r = responses.get(path);
      }
      if (r == null && meta.fallback() != null) {
        r = responses.get(meta.fallback());
      }
      return r == null ? null : rehost(r, meta.host(), host);
    }
  }

  /** Headers that belong to the captured connection, not to the answer. */
  private static final Set<String> HOP_BY_HOP =
      Set.of("transfer-encoding", "connection", "content-length", "date", "keep-alive");

  private static final String DIR = "/fr/vigie/testbed/captures/";
  private static final Map<String, Capture> CACHE = new ConcurrentHashMap<>();

  private Captures() {}

  /** Every capture, as {@code index.txt} lists them. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    for (String line : new String(bytes(DIR + "index.txt"), StandardCharsets.UTF_8).split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l);
      }
    }
    return out;
  }

  public static Capture get(String name) {
    return CACHE.computeIfAbsent(name, Captures::load);
  }

  private static Capture load(String name) {
    if (!name.matches("[a-z0-9][a-z0-9.-]*")) {
      throw new UserInputException("no capture named " + name);
    }
    Meta meta;
    try {
      meta = new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(bytes(DIR + name + "/capture.yaml"), Meta.class);
    } catch (IOException e) {
      throw new UncheckedIOException("capture " + name + ": " + e.getMessage(), e);
    }
    Map<String, Response> responses = new LinkedHashMap<>();
    meta.responses()
        .forEach((path, file) ->
            responses.put(path, parse(name + "/" + file, bytes(DIR + name + "/" + file))));
    return new Capture(name, meta, responses);
  }

  /** Parses what {@code curl -si} printed: status line, headers, blank line, body. */
  static Response parse(String file, byte[] raw) {
    String head = new String(raw, StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n\r\n");
    int skip = 4;
    if (end < 0) {
      end = head.indexOf("\n\n");
      skip = 2;
    }
    if (end < 0 || !head.startsWith("HTTP/")) {
      throw new IllegalStateException(
          file + ": not an HTTP answer (status line, headers, blank line, body)");
    }
    String[] lines = head.substring(0, end).split("\r?\n");
    String[] status = lines[0].split(" ", 3);
    List<Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException(file + ": header line " + (i + 1) + " has no name");
      }
      String name = lines[i].substring(0, colon).strip();
      if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        headers.add(new Header(name, lines[i].substring(colon + 1).strip()));
      }
    }
    byte[] body = Arrays.copyOfRange(raw, end + skip, raw.length);
    return new Response(Integer.parseInt(status[1]), headers, body);
  }

  private static Response rehost(Response r, String from, String to) {
    if (from == null || from.equals(to)) {
      return r;
    }
    List<Header> headers = r.headers().stream()
        .map(h -> new Header(h.name(), h.value().replace(from, to)))
        .toList();
    String type = r.headers().stream()
        .filter(h -> h.name().equalsIgnoreCase("Content-Type"))
        .map(Header::value)
        .findFirst()
        .orElse("");
    byte[] body = r.body();
    if (type.startsWith("text/")
        || type.contains("json")
        || type.contains("xml")
        || type.contains("javascript")) {
      body = new String(body, StandardCharsets.UTF_8)
          .replace(from, to)
          .getBytes(StandardCharsets.UTF_8);
    }
    return new Response(r.status(), headers, body);
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = Captures.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
