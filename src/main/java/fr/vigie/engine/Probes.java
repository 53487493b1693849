package fr.vigie.engine;

import fr.vigie.inventory.Scope;
import fr.vigie.net.CtClient;
import fr.vigie.net.Politeness;
import fr.vigie.net.ZoneTransfer;
import fr.vigie.net.ZoneTransfers;
import fr.vigie.observation.PathRequests;
import fr.vigie.observation.ProbeExtras;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import fr.vigie.probe.AddressBook;
import fr.vigie.probe.ChainCompletion;
import fr.vigie.probe.HttpProbe;
import fr.vigie.probe.ServicePorts;
import fr.vigie.probe.ServiceProbe;
import fr.vigie.probe.TlsProbe;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The probes a scan uses, as the engine sees them: one small interface per family, so that a
 * test gives the engine recording fakes and sees what it asked, of whom, in which order. A
 * family the scan does not run is null.
 *
 * @param issuers fetches the caIssuers certificates of chains sent incomplete (never null: the
 *     web probe's small fetch, through the same guard and politeness)
 */
public record Probes(Web web, Tls tls, Ports ports, ChainCompletion.Fetcher issuers) {

  /** Pages, redirects and the paths the checks asked for, on one host. */
  public interface Web {
    WebObservation probe(String host, String registrableDomain, Scope scope)
        throws InterruptedException;

    /** A web server the port probe found on another port: its home page only. */
    WebObservation probePort(
        String host, String registrableDomain, Scope scope, String scheme, int port)
        throws InterruptedException;
  }

  /** Versions, suites and the chain of one TLS endpoint. */
  @FunctionalInterface
  public interface Tls {
    TlsObservation probe(String host, InetAddress address, int port) throws InterruptedException;
  }

  /** Every port of the list on one address. */
  @FunctionalInterface
  public interface Ports {
    ServiceObservation probe(
        InetAddress address,
        List<String> hosts,
        List<String> mxHosts,
        List<ServicePorts.Spec> ports)
        throws InterruptedException;
  }

  /** Certificate Transparency: the names logged for one domain. */
  @FunctionalInterface
  public interface Ct {
    CtClient.Answer query(String domain);
  }

  /** Builds a scan's probes once discovery's address book and the politeness limits exist. */
  @FunctionalInterface
  public interface Factory {
    Probes create(
        ScanSettings settings,
        AddressBook book,
        Politeness politeness,
        PathRequests paths,
        ProbeExtras extras);

    /** Zone transfers, or null when the scan does not ask for them ({@code --no-axfr}). */
    default ZoneTransfers axfr(ScanSettings settings) {
      return settings.axfr() ? new ZoneTransfer(AXFR_TIMEOUT, settings.http().portMap()) : null;
    }

    /** The CT source, or null when the scan does not ask CT (no {@code --ct}). */
    default Ct ct(ScanSettings settings) {
      return settings.ctUrl() == null
          ? null
          : new CtClient(settings.ctUrl(), CT_TIMEOUT, settings.http().userAgent())::query;
    }
  }

  /** A name server's whole zone transfer: a commune's zone is a few kilobytes. */
  static final Duration AXFR_TIMEOUT = Duration.ofSeconds(10);

  /** A CT search that has not answered in this long will not this night: the scan goes on. */
  static final Duration CT_TIMEOUT = Duration.ofSeconds(20);

  /** A service that has not answered its request in 3 s will not: a silent port costs no more. */
  static final Duration SERVICE_READ = Duration.ofSeconds(3);

  /** The real probes: OkHttp, BouncyCastle, sockets. */
  public static final Factory REAL = (settings, book, politeness, paths, extras) -> {
    HttpProbe http = new HttpProbe(settings.http(), book, politeness, paths, extras);
    Web web = !settings.web()
        ? null
        : new Web() {
          @Override
          public WebObservation probe(String host, String domain, Scope scope)
              throws InterruptedException {
            return http.probe(host, domain, scope);
          }

          @Override
          public WebObservation probePort(
              String host, String domain, Scope scope, String scheme, int port)
              throws InterruptedException {
            return http.probePort(host, domain, scope, scheme, port);
          }
        };
    Tls tls = !settings.tls()
        ? null
        : new TlsProbe(
            settings.http().connectTimeout(),
            settings.http().readTimeout(),
            settings.http().portMap(),
            politeness,
            Set.of(25))::probe;
    Ports ports = settings.ports().isEmpty()
        ? null
        : new ServiceProbe(
            settings.portTimeout(),
            min(settings.http().readTimeout(), SERVICE_READ),
            settings.http().portMap(),
            politeness,
            settings.intrusive())::probe;
    return new Probes(web, tls, ports, http::fetchSmall);
  };

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
