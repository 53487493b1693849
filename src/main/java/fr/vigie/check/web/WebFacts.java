package fr.vigie.check.web;

import fr.vigie.probe.HttpObservation;
import fr.vigie.probe.HttpObservation.End;
import fr.vigie.probe.HttpObservation.Hop;
import fr.vigie.probe.WebObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the web checks share about an observation; pure. */
final class WebFacts {

  private WebFacts() {}

  /** The response whose headers stand for the site: the end of the HTTPS chain, else of HTTP. */
  static Optional<Hop> page(WebObservation w) {
    if (w.https().end() == End.OK) {
      return w.https().last();
    }
    if (w.http().end() == End.OK) {
      return w.http().last();
    }
    return Optional.empty();
  }

  static boolean pageIsHttps(WebObservation w) {
    return w.https().end() == End.OK;
  }

  /** Every response served by the commune's hosts (a hop that leaves scope is still theirs). */
  static List<Hop> inScopeHops(WebObservation w) {
    List<Hop> out = new ArrayList<>(w.http().hops());
    out.addAll(w.https().hops());
    return out;
  }

  /** The hops served over HTTPS. */
  static List<Hop> httpsHops(WebObservation w) {
    List<Hop> out = new ArrayList<>();
    for (Hop h : inScopeHops(w)) {
      if (h.url().startsWith("https:")) {
        out.add(h);
      }
    }
    return out;
  }

  static String describe(HttpObservation o) {
    String start = o.scheme() + "://" + o.host() + "/";
    return switch (o.end()) {
      case OK, OUT_OF_SCOPE, LOOP, TOO_MANY_REDIRECTS -> start + " → " + o.last().map(h -> h.status() + " " + h.url()).orElse("");
      case REFUSED -> start + ": connection refused" + (o.error() == null ? "" : " (" + o.error() + ")");
      case TIMEOUT -> start + ": no answer in time";
      case TLS_FAILED -> start + ": TLS handshake failed" + (o.error() == null ? "" : " (" + o.error() + ")");
      case ERROR -> start + ": " + (o.error() == null ? "error" : o.error());
    };
  }
}
