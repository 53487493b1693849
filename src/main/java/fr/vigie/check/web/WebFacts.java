package fr.vigie.check.web;

import fr.vigie.model.Evidence;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.HttpObservation.End;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.WebObservation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the web checks share about an observation; pure. */
final class WebFacts {

  private WebFacts() {}

  /**
   * The response whose headers stand for this host's site: the end of its HTTPS chain, else of
   * its HTTP chain, when the host serves that page itself. A host that redirects to another (the
   * apex to {@code www.}) has no page of its own: the other host is judged for it, once.
   */
  static Optional<Hop> page(WebObservation w) {
    Optional<Hop> https = servedPage(w.https(), w.host());
    return https.isPresent() ? https : servedPage(w.http(), w.host());
  }

  /**
   * The successful page a chain ended on, on this host. An error page (a shared host's default
   * site answering 404 for a name it does not serve) is not the commune's site.
   */
  private static Optional<Hop> servedPage(HttpObservation o, String host) {
    if (o.end() != End.OK) {
      return Optional.empty();
    }
    return o.last().filter(h -> onHost(h, host) && h.status() >= 200 && h.status() < 300);
  }

  /**
   * Whether HTTPS serves the site: it answered, and not with an error where HTTP has the page
   * (on shared hosting, the provider's default HTTPS site answers for every name).
   */
  static boolean httpsServes(WebObservation w) {
    if (!w.https().answered()) {
      return false;
    }
    int https = w.https().last().map(Hop::status).orElse(0);
    int http = w.http().last().map(Hop::status).orElse(0);
    boolean httpHasPage = w.http().end() == End.OK && http >= 200 && http < 300;
    return https < 400 || !httpHasPage;
  }

  static boolean pageIsHttps(WebObservation w) {
    return page(w).map(h -> h.url().startsWith("https:")).orElse(false);
  }

  /** The responses this host sent itself, over HTTP and HTTPS. */
  static List<Hop> ownHops(WebObservation w) {
    List<Hop> out = new ArrayList<>();
    for (Hop h : w.http().hops()) {
      if (onHost(h, w.host())) {
        out.add(h);
      }
    }
    for (Hop h : w.https().hops()) {
      if (onHost(h, w.host())) {
        out.add(h);
      }
    }
    return out;
  }

  /** The responses this host sent itself over HTTPS. */
  static List<Hop> httpsHops(WebObservation w) {
    List<Hop> out = new ArrayList<>();
    for (Hop h : ownHops(w)) {
      if (h.url().startsWith("https:")) {
        out.add(h);
      }
    }
    return out;
  }

  static boolean onHost(Hop hop, String host) {
    try {
      String h = URI.create(hop.url()).getHost();
      return h != null && h.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static Evidence describe(HttpObservation o) {
    String start = o.scheme() + "://" + o.host() + "/";
    Evidence detail = o.error() == null ? null : Evidence.of("detail", "detail", o.error());
    return switch (o.end()) {
      case OK, OUT_OF_SCOPE, LOOP, TOO_MANY_REDIRECTS ->
        o.last()
            .map(h -> Evidence.of(
                "http.answer.redirect", "start", start, "status", h.status(), "url", h.url()))
            .orElse(Evidence.verbatim(start));
      // "Connection refused" says it all; the JVM's message after it is English and only
      // repeats the address.
      case REFUSED -> Evidence.of("http.answer.refused", "start", start, "detail", null);
      case TIMEOUT -> Evidence.of("http.answer.timeout", "start", start);
      case TLS_FAILED -> Evidence.of("http.answer.tls-failed", "start", start, "detail", detail);
      case ERROR ->
        o.error() == null
            ? Evidence.of("http.answer.error-unknown", "start", start)
            : Evidence.of("http.answer.error", "start", start, "detail", o.error());
    };
  }
}
