package fr.vigie.check;

import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.Body;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.HttpObservation.Header;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.WebObservation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Web observations built in memory: a good site unless told otherwise. */
public final class WebFixtures {

  private WebFixtures() {}

  public static final String[] GOOD_HEADERS = {
    "Strict-Transport-Security", "max-age=63072000; includeSubDomains",
    "Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'",
    "X-Frame-Options", "SAMEORIGIN",
    "X-Content-Type-Options", "nosniff",
    "Referrer-Policy", "strict-origin-when-cross-origin",
    "Server", "nginx"
  };

  /** The good headers without this one. */
  public static String[] withoutHeader(String header) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < GOOD_HEADERS.length; i += 2) {
      if (!GOOD_HEADERS[i].equalsIgnoreCase(header)) {
        out.add(GOOD_HEADERS[i]);
        out.add(GOOD_HEADERS[i + 1]);
      }
    }
    return out.toArray(String[]::new);
  }

  /** The good headers with this one set to this value. */
  public static String[] withHeader(String header, String value) {
    List<String> out = new ArrayList<>(List.of(withoutHeader(header)));
    out.add(header);
    out.add(value);
    return out.toArray(String[]::new);
  }

  public static Hop hop(String url, int status, String... headers) {
    List<Header> list = new ArrayList<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      list.add(new Header(headers[i], headers[i + 1]));
    }
    return new Hop(url, status, list, 12);
  }

  public static HttpObservation ok(String host, String scheme, Hop... hops) {
    return new HttpObservation(
        host,
        scheme,
        List.of(hops),
        End.OK,
        null,
        body("<html><title>Mairie</title></html>", List.of()),
        List.of());
  }

  public static HttpObservation failed(String host, String scheme, End end) {
    return new HttpObservation(
        host,
        scheme,
        List.of(),
        end,
        end == End.REFUSED ? "Connection refused" : null,
        null,
        List.of());
  }

  public static Body body(String html, List<String> insecure) {
    return new Body(
        html.length(),
        false,
        "00",
        "text/html",
        "UTF-8",
        html,
        new HttpObservation.HtmlFacts("Mairie", List.of(), insecure, List.of(), List.of()));
  }

  /** http:// redirects to https://, which serves the page with these headers. */
  public static WebObservation site(String host, String... httpsHeaders) {
    HttpObservation http = ok(
        host,
        "http",
        hop("http://" + host + "/", 301, "Location", "https://" + host + "/"),
        hop("https://" + host + "/", 200, httpsHeaders));
    HttpObservation https = ok(host, "https", hop("https://" + host + "/", 200, httpsHeaders));
    return new WebObservation(
        host,
        "mairie.fr",
        http,
        https,
        "https://" + host,
        List.of(notFound("/vigie-1")),
        List.of());
  }

  public static WebObservation good(String host) {
    return site(host, GOOD_HEADERS);
  }

  public static WebObservation withPaths(
      WebObservation w, List<PathResult> baselines, PathResult... paths) {
    return new WebObservation(
        w.host(),
        w.registrableDomain(),
        w.http(),
        w.https(),
        w.origin(),
        baselines,
        List.of(paths));
  }

  public static PathResult path(String path, int status, String type, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return new PathResult(
        path,
        status,
        type,
        bytes.length,
        bytes.length,
        HexFormat.of().formatHex(bytes, 0, Math.min(16, bytes.length)),
        text,
        Integer.toHexString(text.hashCode()),
        null);
  }

  public static PathResult binary(String path, String hex) {
    return new PathResult(
        path, 200, "application/octet-stream", 4096, 4096, hex, "", "bin" + hex, null);
  }

  public static PathResult notFound(String path) {
    return path(
        path,
        404,
        "text/html",
        "<html><h1>Page introuvable</h1><p>La page " + path
            + " n'existe pas sur le site de la mairie.</p></html>");
  }
}
