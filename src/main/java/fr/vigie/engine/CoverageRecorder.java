package fr.vigie.engine;

import fr.vigie.coverage.Coverage;
import fr.vigie.coverage.Outcome;
import fr.vigie.coverage.Probe;
import fr.vigie.observation.Asset;
import fr.vigie.observation.CnameChain;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes down what a commune's scan asked and what each question got, from its observations:
 * pure. The verdict (complete, partial, unreachable) follows one rule: a commune is unreachable
 * when nothing conclusive came back for it (no DNS answer for any of its names, or every host
 * that should have answered the web probe timed out), partial when an option left a family out
 * or some of its DNS or web questions got no answer.
 */
final class CoverageRecorder {

  private CoverageRecorder() {}

  /** The families a scan with these settings asks. */
  static List<Probe> asked(ScanSettings settings) {
    List<Probe> out = new ArrayList<>(List.of(Probe.DNS));
    if (!settings.wordlist().isEmpty()) {
      out.add(Probe.WORDLIST);
    }
    if (settings.web()) {
      out.add(Probe.WEB);
      if (settings.http().paths()) {
        out.add(Probe.PATHS);
      }
      if (settings.technologies()) {
        out.add(Probe.TECH);
      }
    }
    if (settings.tls()) {
      out.add(Probe.TLS);
    }
    if (!settings.ports().isEmpty()) {
      out.add(Probe.PORTS);
      if (settings.tls()) {
        out.add(Probe.MAIL);
      }
    }
    if (settings.ctUrl() != null) {
      out.add(Probe.CT);
    }
    return out;
  }

  static List<String> askedIds(ScanSettings settings) {
    return asked(settings).stream().map(Probe::id).toList();
  }

  /** A resolver as shown to users: {@code 127.0.0.1:9}, or {@code system}. */
  static List<String> resolvers(ScanSettings settings) {
    if (settings.resolvers().isEmpty()) {
      return List.of("system");
    }
    return settings.resolvers().stream()
        .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
        .toList();
  }

  /**
   * @param web the web observations of 80/443
   * @param extraWeb web observations of other ports, by {@code host:port}
   * @param tls every TLS observation made, answered or not
   * @param late families the commune's budget left no time for: their questions got no answer
   * @param ct what each domain's Certificate Transparency search got (an unavailable API is
   *     "no answer": recorded, never a failure of the scan)
   */
  static Coverage record(
      ScanSettings settings,
      CommuneDiscovery found,
      List<WebObservation> web,
      Map<String, WebObservation> extraWeb,
      List<TlsObservation> tls,
      List<ServiceObservation> services,
      Set<Probe> late,
      Map<String, Outcome> ct) {
    Coverage.Builder b = new Coverage.Builder(settings.narrowedBy(), resolvers(settings));
    asked(settings).forEach(b::asked);
    ct.forEach((domain, outcome) -> b.put(domain, "ct", outcome));
    b.wordlist(settings.wordlist());
    b.ports(
        settings.ports().stream().map(fr.vigie.probe.ServicePorts.Spec::port).toList());
    boolean dnsIncomplete = false;
    for (DomainObservation d : found.domains()) {
      for (Map.Entry<String, DnsAnswer> r : d.records().entrySet()) {
        b.put(d.domain(), "dns:" + r.getKey(), dns(r.getValue()));
      }
      b.put(d.domain(), "dns:DMARC", dns(d.dmarc()));
      b.put(d.domain(), "dns:WILDCARD", dns(d.wildcard()));
      b.put(d.domain(), "dns:MTA-STS", dns(d.mtaSts()));
      b.put(d.domain(), "dns:TLS-RPT", dns(d.tlsRpt()));
      // A server that drops AXFR silently is common and harmless: recorded, so that an open
      // transfer it stops answering is "not verified", but it does not make the commune partial.
      if (d.transfers() != null) {
        d.transfers()
            .forEach((server, r) -> b.put(
                d.domain(), "dns:" + fr.vigie.check.dns.AxfrOpenCheck.detail(server), transfer(r)));
      }
      if (!dns(d.record("SOA")).conclusive(Probe.DNS)
          || !dns(d.record("TXT")).conclusive(Probe.DNS)) {
        dnsIncomplete = true;
      }
    }
    for (String domain : found.wordlistDomains()) {
      b.put(domain, "wordlist", Outcome.ANSWERED);
    }
    found.unanswered().forEach((name, answer) -> b.put(name, "dns:A", dns(answer)));
    if (!found.unanswered().isEmpty()) {
      dnsIncomplete = true;
    }
    boolean anyConclusiveName = false;
    for (HostObservation h : found.hosts()) {
      if (!h.inScope()) {
        continue;
      }
      Outcome o = host(h);
      b.put(h.name(), "dns:A", o);
      if (o.conclusive(Probe.DNS)) {
        anyConclusiveName = true;
      } else {
        dnsIncomplete = true;
      }
    }
    for (DomainObservation d : found.domains()) {
      if (dns(d.record("SOA")).conclusive(Probe.DNS)) {
        anyConclusiveName = true;
      }
    }
    boolean webIncomplete = false;
    int webAsked = 0;
    int webTimedOut = 0;
    for (WebObservation w : web) {
      Outcome o = web(w);
      webAsked++;
      if (o == Outcome.NO_ANSWER) {
        webTimedOut++;
      }
      // A server that answered with something unusable (a TLS stack without a web server) was
      // reached; only silence leaves the scan partial.
      if (o == Outcome.NO_ANSWER) {
        webIncomplete = true;
      }
      b.put(w.host(), "web", o);
      if (settings.http().paths()) {
        if (w.origin() == null) {
          b.put(w.host(), "paths", o == Outcome.ANSWERED ? Outcome.FAILED : o);
        } else {
          // A path that got no answer was asked but not learnt: it is left out of the list, so
          // a finding about it stays unknown.
          List<String> answered = w.paths().stream()
              .filter(p -> p.status() != 0)
              .map(PathResult::path)
              .toList();
          b.paths(w.host(), Outcome.ANSWERED, answered);
        }
      }
      if (settings.technologies()) {
        // The rules' version sources are requested with the paths: without them a version (and
        // what is judged of it) cannot be said gone.
        b.put(
            w.host(),
            "tech",
            w.origin() == null
                ? (o == Outcome.ANSWERED ? Outcome.FAILED : o)
                : settings.http().paths() ? Outcome.ANSWERED : Outcome.NOT_ASKED);
      }
    }
    extraWeb.forEach((asset, w) -> {
      if (settings.technologies()) {
        b.put(
            asset,
            "tech",
            w.origin() == null
                ? web(w)
                : settings.http().paths() ? Outcome.ANSWERED : Outcome.NOT_ASKED);
      }
    });
    for (TlsObservation t : tls) {
      b.merge(Asset.endpoint(t.host(), t.port()), "tls", tls(t));
    }
    for (ServiceObservation o : services) {
      b.put(o.address(), "ports", Outcome.ANSWERED);
      for (ServiceObservation.Port p : o.ports()) {
        String asset = Asset.address(o.address(), p.port());
        switch (p.state()) {
          case OPEN -> b.put(asset, "port", Outcome.ANSWERED);
          case FILTERED -> b.put(asset, "port", Outcome.NO_ANSWER);
          case CLOSED -> {}
        }
      }
    }
    // Out of time: what these families would have asked of each host is "no answer", so that
    // nothing of theirs is resolved.
    for (HostObservation h : found.hosts()) {
      if (!h.inScope() || h.addresses().stream().noneMatch(HostObservation.Address::probe)) {
        continue;
      }
      if (late.contains(Probe.WEB)) {
        b.put(h.name(), "web", Outcome.NO_ANSWER)
            .put(h.name(), "paths", Outcome.NO_ANSWER)
            .put(h.name(), "tech", Outcome.NO_ANSWER);
      }
      if (late.contains(Probe.TLS)) {
        b.merge(h.name() + ":443", "tls", Outcome.NO_ANSWER);
      }
      if (late.contains(Probe.PORTS)) {
        h.addresses().stream()
            .filter(HostObservation.Address::probe)
            .forEach(a -> b.put(a.address(), "ports", Outcome.NO_ANSWER));
      }
    }
    if (!late.isEmpty()) {
      webIncomplete = true;
    }
    if (!anyConclusiveName) {
      return b.build(
          Coverage.UNREACHABLE, dnsReason(found), String.join(", ", resolvers(settings)));
    }
    if (webAsked > 0 && webTimedOut == webAsked) {
      return b.build(Coverage.UNREACHABLE, "hosts-timeout", webAsked + "");
    }
    boolean partial = !settings.narrowedBy().isEmpty() || dnsIncomplete || webIncomplete;
    return b.build(partial ? Coverage.PARTIAL : Coverage.COMPLETE, null, null);
  }

  /** Why no name of the commune got an answer: timeouts, SERVFAIL, or REFUSED. */
  private static String dnsReason(CommuneDiscovery found) {
    List<DnsAnswer> answers = new ArrayList<>();
    for (DomainObservation d : found.domains()) {
      answers.add(d.record("SOA"));
    }
    for (HostObservation h : found.hosts()) {
      if (h.inScope() && h.a() != null) {
        answers.add(h.a());
      }
    }
    boolean refused = false;
    boolean servfail = false;
    boolean truncated = false;
    for (DnsAnswer a : answers) {
      if (a instanceof DnsAnswer.ServFail f) {
        if (f.reason().startsWith("network error")) {
          continue; // the resolver's port is closed (ICMP unreachable): no answer, like a timeout
        }
        if (f.reason().startsWith("truncated")) {
          truncated = true;
          continue;
        }
        if (f.reason().toUpperCase(Locale.ROOT).contains("REFUSED")) {
          refused = true;
        } else {
          servfail = true;
        }
      }
    }
    return refused
        ? "dns-refused"
        : servfail ? "dns-servfail" : truncated ? "dns-truncated" : "dns-timeout";
  }

  static Outcome transfer(fr.vigie.observation.ZoneTransferResult r) {
    return switch (r) {
      case fr.vigie.observation.ZoneTransferResult.Transferred t -> Outcome.ANSWERED;
      case fr.vigie.observation.ZoneTransferResult.Declined d -> Outcome.ANSWERED;
      case fr.vigie.observation.ZoneTransferResult.NoAnswer n -> Outcome.NO_ANSWER;
      case fr.vigie.observation.ZoneTransferResult.NotAsked n -> Outcome.NOT_ASKED;
    };
  }

  static Outcome dns(DnsAnswer a) {
    if (a == null) {
      return Outcome.NOT_ASKED;
    }
    return switch (a) {
      case DnsAnswer.Resolved r -> Outcome.ANSWERED;
      case DnsAnswer.NxDomain n -> Outcome.ABSENT;
      case DnsAnswer.NoData n -> Outcome.ABSENT;
      case DnsAnswer.ServFail s -> Outcome.FAILED;
      case DnsAnswer.Timeout t -> Outcome.NO_ANSWER;
    };
  }

  /** A host name: there (addresses or a CNAME), gone (NXDOMAIN, no address), or unknown. */
  static Outcome host(HostObservation h) {
    if (h.a() == null) {
      return Outcome.NOT_ASKED;
    }
    if (h.hasAddress() || (!h.cname().isEmpty() && h.cname().end() != CnameChain.End.UNKNOWN)) {
      return Outcome.ANSWERED;
    }
    if (h.cname().end() == CnameChain.End.UNKNOWN) {
      return Outcome.NO_ANSWER;
    }
    Outcome a = dns(h.a());
    Outcome aaaa = h.aaaa() == null ? Outcome.ABSENT : dns(h.aaaa());
    if (a == Outcome.ABSENT && aaaa == Outcome.ABSENT) {
      return Outcome.ABSENT;
    }
    if (a == Outcome.NO_ANSWER || aaaa == Outcome.NO_ANSWER) {
      return Outcome.NO_ANSWER;
    }
    return a == Outcome.ANSWERED ? Outcome.ANSWERED : Outcome.FAILED;
  }

  /** The web probe of a host: a page came back, nothing listens, or no answer. */
  static Outcome web(WebObservation w) {
    if (w.http().answered() || w.https().answered()) {
      return Outcome.ANSWERED;
    }
    HttpObservation.End a = w.http().end();
    HttpObservation.End b = w.https().end();
    if (a == HttpObservation.End.REFUSED && b == HttpObservation.End.REFUSED) {
      return Outcome.REFUSED;
    }
    if (a == HttpObservation.End.TIMEOUT || b == HttpObservation.End.TIMEOUT) {
      return Outcome.NO_ANSWER;
    }
    return Outcome.FAILED;
  }

  static Outcome tls(TlsObservation t) {
    if (t.answered()) {
      return Outcome.ANSWERED;
    }
    String e = t.error().toLowerCase(Locale.ROOT);
    if (e.contains("refused")) {
      return Outcome.REFUSED;
    }
    if (e.contains("timeout")
        || e.contains("timed out")
        || e.contains("given up")
        || e.contains("gave up")
        || e.contains("deadline")) {
      return Outcome.NO_ANSWER;
    }
    return Outcome.FAILED;
  }
}
