package fr.vigie.observation;

import java.util.List;
import java.util.Optional;

/**
 * What one start URL ({@code http://host/} or {@code https://host/}) gave: every hop of the
 * redirect chain as it was seen, how the chain ended, and the final body's facts. Everything
 * here came from the server: untrusted.
 *
 * @param host the host name probed
 * @param scheme {@code http} or {@code https}
 * @param hops the responses, in order; empty when the first connection failed
 * @param end how the chain ended
 * @param error what went wrong, for ends other than {@link End#OK} and {@link End#OUT_OF_SCOPE}
 * @param body the final response's body, when the chain ended on a response in scope
 * @param certificates PEM of the chain the HTTPS server presented on the first hop, leaf first
 */
public record HttpObservation(
    String host,
    String scheme,
    List<Hop> hops,
    End end,
    String error,
    Body body,
    List<String> certificates) {

  public enum End {
    /** The chain ended on a non-redirect response. */
    OK,
    /** A redirect left the commune's scope; recorded, not followed. */
    OUT_OF_SCOPE,
    /** A URL came back. */
    LOOP,
    /** More redirects than the cap. */
    TOO_MANY_REDIRECTS,
    /** Nothing listens (connection refused, or no address may be probed). */
    REFUSED,
    /** No connection or no complete answer in time. */
    TIMEOUT,
    /** The TLS handshake failed (no common protocol or suite). */
    TLS_FAILED,
    /** Any other failure: reset, malformed response. */
    ERROR
  }

  /** A header line as sent; duplicates kept, order kept. */
  public record Header(String name, String value) {}

  /**
   * One response.
   *
   * @param millis from sending the request to reading the headers
   */
  public record Hop(String url, int status, List<Header> headers, long millis) {
    public Hop {
      headers = List.copyOf(headers);
    }

    /** All values of a header, case-insensitive name. */
    public List<String> values(String name) {
      return headers.stream()
          .filter(h -> h.name().equalsIgnoreCase(name))
          .map(Header::value)
          .toList();
    }

    public Optional<String> first(String name) {
      return values(name).stream().findFirst();
    }

    public boolean isRedirect() {
      return status >= 300 && status < 400 && first("Location").isPresent();
    }
  }

  /**
   * The final body, read up to the cap.
   *
   * @param bytes bytes read (at most the cap)
   * @param truncated more was sent than the cap
   * @param sha256 of the bytes read
   * @param excerpt the first characters, decoded
   * @param html facts extracted from HTML (null when not HTML)
   * @param marks the parts of the whole body that technology rules look for, beyond the excerpt
   */
  public record Body(
      long bytes,
      boolean truncated,
      String sha256,
      String contentType,
      String charset,
      String excerpt,
      HtmlFacts html,
      List<String> marks) {
    public Body {
      marks = marks == null ? List.of() : List.copyOf(marks);
    }

    public Body(
        long bytes,
        boolean truncated,
        String sha256,
        String contentType,
        String charset,
        String excerpt,
        HtmlFacts html) {
      this(bytes, truncated, sha256, contentType, charset, excerpt, html, List.of());
    }
  }

  /**
   * What the probe read from an HTML page, so checks need not keep the page.
   *
   * @param insecureResources {@code tag attribute url} of http:// subresources (scripts, styles,
   *     frames, images, forms)
   * @param hrefs absolute URLs the page links to or posts to ({@code a href}, {@code form
   *     action}, {@code iframe src}): where its other services are (webmail, e-services)
   */
  public record HtmlFacts(
      String title,
      List<String> generators,
      List<String> insecureResources,
      List<String> scripts,
      List<String> links,
      List<String> hrefs) {
    public HtmlFacts {
      generators = List.copyOf(generators);
      insecureResources = List.copyOf(insecureResources);
      scripts = List.copyOf(scripts);
      links = List.copyOf(links);
      hrefs = hrefs == null ? List.of() : List.copyOf(hrefs);
    }

    public HtmlFacts(
        String title,
        List<String> generators,
        List<String> insecureResources,
        List<String> scripts,
        List<String> links) {
      this(title, generators, insecureResources, scripts, links, List.of());
    }
  }

  public HttpObservation {
    hops = List.copyOf(hops);
    certificates = certificates == null ? List.of() : List.copyOf(certificates);
  }

  /** The last response, if there was any. */
  public Optional<Hop> last() {
    return hops.isEmpty() ? Optional.empty() : Optional.of(hops.get(hops.size() - 1));
  }

  /** True when a response came back (whatever it was). */
  public boolean answered() {
    return !hops.isEmpty();
  }
}
