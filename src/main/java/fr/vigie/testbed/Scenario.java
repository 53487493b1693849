package fr.vigie.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.UserInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A testbed scenario: simulated communes, their DNS zones and how each host behaves over HTTP
 * and HTTPS. Read from YAML; the format is documented in {@code src/main/resources/fr/vigie/
 * testbed/default.yaml}.
 *
 * @param addresses named addresses shared by several hosts (a hosting provider's front end)
 * @param extraZones zones that are not communes' (a hosting provider's, a mail provider's)
 */
public record Scenario(
    Map<String, String> addresses,
    List<CommuneSpec> communes,
    List<ZoneSpec> extraZones,
    Map<String, List<Patch>> variants) {

  public Scenario {
    addresses = addresses == null ? Map.of() : new LinkedHashMap<>(addresses);
    communes = communes == null ? List.of() : List.copyOf(communes);
    extraZones = extraZones == null ? List.of() : List.copyOf(extraZones);
    variants = variants == null ? Map.of() : new LinkedHashMap<>(variants);
  }

  public Scenario(
      Map<String, String> addresses, List<CommuneSpec> communes, List<ZoneSpec> extraZones) {
    this(addresses, communes, extraZones, Map.of());
  }

  /**
   * A change to one commune for a variant of the scenario (the testbed "the next night"): hosts
   * given replace or add hosts of the same label (null removes one), records given replace all.
   */
  public record Patch(
      String insee, Map<String, HostSpec> hosts, List<String> records, String dns, String axfr) {}

  /** This scenario with a variant's patches applied. */
  public Scenario variant(String name) {
    List<Patch> patches = variants.get(name);
    if (patches == null) {
      throw new UserInputException("unknown scenario variant '" + name + "' (known: "
          + String.join(", ", variants.keySet()) + ")");
    }
    List<CommuneSpec> patched = new ArrayList<>();
    for (CommuneSpec c : communes) {
      CommuneSpec out = c;
      for (Patch p : patches) {
        if (p.insee().equals(c.insee())) {
          Map<String, HostSpec> hosts = new LinkedHashMap<>(out.hosts());
          if (p.hosts() != null) {
            p.hosts().forEach((label, spec) -> {
              if (spec == null) {
                hosts.remove(label);
              } else {
                hosts.put(label, spec);
              }
            });
          }
          out = new CommuneSpec(
              out.insee(),
              out.name(),
              out.domain(),
              out.seeds(),
              p.records() == null ? out.records() : p.records(),
              hosts,
              p.dns() == null ? out.dns() : p.dns().equals("normal") ? null : p.dns(),
              out.ct(),
              p.axfr() == null ? out.axfr() : p.axfr());
        }
      }
      patched.add(out);
    }
    return new Scenario(addresses, patched, extraZones, variants);
  }

  /**
   * @param domain the commune's registrable domain, served by the testbed (may be Unicode)
   * @param seeds the names an inventory gives for it; default: the domain. Seeds outside every
   *     served zone do not exist (NXDOMAIN)
   * @param records zone-file lines relative to the domain, e.g. {@code @ MX 10 mail}
   * @param hosts host label ({@code @} for the apex) to its behaviour; each gets an A record
   * @param ct names the testbed's Certificate Transparency search lists for the domain (A-labels)
   * @param dns how the resolver answers for the zone: null (normally), {@code refused}, {@code
   *     servfail}, {@code truncated} (TC set on every answer, UDP and TCP) or {@code silent} (no
   *     answer at all)
   * @param axfr {@code open}: the testbed's name servers hand the zone to any AXFR request;
   *     default (or {@code refused}) they refuse
   */
  public record CommuneSpec(
      String insee,
      String name,
      String domain,
      List<String> seeds,
      List<String> records,
      Map<String, HostSpec> hosts,
      String dns,
      List<String> ct,
      String axfr) {

    public CommuneSpec {
      ct = ct == null ? List.of() : List.copyOf(ct);
      seeds = seeds == null ? List.of() : List.copyOf(seeds);
      records = records == null ? List.of() : List.copyOf(records);
      hosts = hosts == null ? Map.of() : new LinkedHashMap<>(hosts);
      if (dns != null && !List.of("refused", "servfail", "silent", "truncated").contains(dns)) {
        throw new IllegalArgumentException(
            "dns: expected refused, servfail, truncated or silent, not '" + dns + "'");
      }
      if (axfr != null && !List.of("open", "refused").contains(axfr)) {
        throw new IllegalArgumentException("axfr: expected open or refused, not '" + axfr + "'");
      }
    }

    public CommuneSpec(
        String insee,
        String name,
        String domain,
        List<String> seeds,
        List<String> records,
        Map<String, HostSpec> hosts) {
      this(insee, name, domain, seeds, records, hosts, null, null, null);
    }
  }

  /** A zone that is not a commune's: records only, plus hosts like a commune's. */
  public record ZoneSpec(String domain, List<String> records, Map<String, HostSpec> hosts) {
    public ZoneSpec {
      records = records == null ? List.of() : List.copyOf(records);
      hosts = hosts == null ? Map.of() : new LinkedHashMap<>(hosts);
    }
  }

  /**
   * @param address a literal IP or a name from {@link Scenario#addresses()}; default: a loopback
   *     address of its own
   * @param http behaviour on the HTTP port; null: connection refused
   * @param https behaviour on the HTTPS port; null: connection refused
   * @param services other ports and the service answering there ({@code 3389: rdp}; kinds in
   *     TestbedService), for the port probe
   */
  /** @param starttlsNames more names in the certificate its STARTTLS service presents (SMTP on 25) */
  public record HostSpec(
      String address,
      Site http,
      Site https,
      Map<Integer, String> services,
      List<String> starttlsNames) {
    public HostSpec {
      services = services == null ? Map.of() : Map.copyOf(services);
      starttlsNames = starttlsNames == null ? List.of() : List.copyOf(starttlsNames);
    }

    public HostSpec(String address, Site http, Site https, Map<Integer, String> services) {
      this(address, http, https, services, List.of());
    }

    public HostSpec(String address, Site http, Site https) {
      this(address, http, https, Map.of());
    }
  }

  /**
   * What a web server answers for a host.
   *
   * @param status the status of {@code /} (default 200)
   * @param redirect a Location for {@code /}, with status 301 unless another 3xx is given
   * @param headers response headers
   * @param body the body of {@code /}
   * @param paths other paths and their answers (status, body, headers), for later probes
   * @param certificate {@code valid} (default), {@code expired}, {@code not-yet-valid}, {@code
   *     self-signed}, {@code wrong-host}, {@code expiring-soon}
   * @param protocols TLS versions offered, e.g. {@code [TLSv1.2, TLSv1.3]} (default)
   * @param catchAll answer every unknown path with the page of {@code /} and its status, as many
   *     CMS and parking pages do (default: 404)
   * @param ciphers JDK names of the suites offered (default: the JDK's); one set per address
   * @param insecureRenegotiation an old TLS stack without RFC 5746 answers on this address's
   *     HTTPS port instead of a web server (no page is ever served)
   * @param delay milliseconds to wait before answering each request (a slow host)
   * @param capture the name of a capture of real software (fr/vigie/testbed/captures/) whose
   *     answers this site serves at their paths; the site's own headers, body and paths win
   * @param names https only: more names in the certificate (subject alternative names), as a
   *     certificate shared by several sites of the commune has
   * @param http2 https only: the address's HTTPS front end offers HTTP/2 (ALPN) beside
   *     HTTP/1.1, as the big shared hosts' do; one setting per address (any of its sites sets it)
   */
  public record Site(
      Integer status,
      String redirect,
      Map<String, String> headers,
      String body,
      Map<String, Page> paths,
      String certificate,
      List<String> protocols,
      Boolean catchAll,
      List<String> ciphers,
      Boolean insecureRenegotiation,
      Integer delay,
      String capture,
      List<String> names,
      Boolean http2) {

    public Site {
      headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
      paths = paths == null ? Map.of() : new LinkedHashMap<>(paths);
      names = names == null ? List.of() : List.copyOf(names);
    }

    public Site(
        Integer status,
        String redirect,
        Map<String, String> headers,
        String body,
        Map<String, Page> paths,
        String certificate,
        List<String> protocols,
        Boolean catchAll,
        List<String> ciphers,
        Boolean insecureRenegotiation,
        Integer delay,
        String capture,
        List<String> names) {
      this(
          status,
          redirect,
          headers,
          body,
          paths,
          certificate,
          protocols,
          catchAll,
          ciphers,
          insecureRenegotiation,
          delay,
          capture,
          names,
          null);
    }

    public Site(
        Integer status,
        String redirect,
        Map<String, String> headers,
        String body,
        Map<String, Page> paths,
        String certificate,
        List<String> protocols,
        Boolean catchAll,
        List<String> ciphers,
        Boolean insecureRenegotiation,
        Integer delay,
        String capture) {
      this(
          status,
          redirect,
          headers,
          body,
          paths,
          certificate,
          protocols,
          catchAll,
          ciphers,
          insecureRenegotiation,
          delay,
          capture,
          null);
    }

    public Site(
        Integer status,
        String redirect,
        Map<String, String> headers,
        String body,
        Map<String, Page> paths,
        String certificate,
        List<String> protocols,
        Boolean catchAll,
        List<String> ciphers,
        Boolean insecureRenegotiation,
        Integer delay) {
      this(
          status,
          redirect,
          headers,
          body,
          paths,
          certificate,
          protocols,
          catchAll,
          ciphers,
          insecureRenegotiation,
          delay,
          null);
    }
  }

  public record Page(Integer status, String body, Map<String, String> headers) {
    public Page {
      headers = headers == null ? Map.of() : new LinkedHashMap<>(headers);
    }
  }

  public static Scenario read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new UserInputException("cannot read scenario " + file + ": " + e.getMessage(), e);
    }
  }

  public static Scenario builtIn() {
    try (InputStream in = Scenario.class.getResourceAsStream("/fr/vigie/testbed/default.yaml")) {
      return read(in, "default.yaml");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in scenario", e);
    }
  }

  static Scenario read(InputStream in, String name) throws IOException {
    try {
      return new ObjectMapper(new YAMLFactory()).readValue(in, Scenario.class);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new UserInputException("scenario " + name + where + ": " + e.getOriginalMessage(), e);
    }
  }
}
