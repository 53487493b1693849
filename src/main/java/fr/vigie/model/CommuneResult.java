package fr.vigie.model;

import fr.vigie.coverage.Coverage;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One commune's results in one scan: written in one transaction.
 *
 * @param web what the web probe saw of each host it could reach
 * @param httpGrades host name to its HTTP grade
 */
public record CommuneResult(
    CommuneDiscovery discovery,
    List<Finding> findings,
    List<WebObservation> web,
    Map<String, HttpGrade> httpGrades,
    List<TlsObservation> tls,
    Map<String, TlsGrade> tlsGrades,
    List<TechObservation> technologies,
    List<ServiceObservation> services,
    Coverage coverage,
    List<CarriedFinding> carried,
    Set<String> carriedAssets) {
  public CommuneResult {
    coverage = coverage == null ? Coverage.LEGACY : coverage;
    carried = carried == null ? List.of() : List.copyOf(carried);
    carriedAssets = carriedAssets == null ? Set.of() : Set.copyOf(carriedAssets);
    services = services == null ? List.of() : List.copyOf(services);
    technologies = technologies == null ? List.of() : List.copyOf(technologies);
    findings = List.copyOf(findings);
    web = web == null ? List.of() : List.copyOf(web);
    httpGrades = httpGrades == null ? Map.of() : Map.copyOf(httpGrades);
    tls = tls == null ? List.of() : List.copyOf(tls);
    tlsGrades = tlsGrades == null ? Map.of() : Map.copyOf(tlsGrades);
  }

  public CommuneResult(
      CommuneDiscovery discovery,
      List<Finding> findings,
      List<WebObservation> web,
      Map<String, HttpGrade> httpGrades,
      List<TlsObservation> tls,
      Map<String, TlsGrade> tlsGrades,
      List<TechObservation> technologies,
      List<ServiceObservation> services) {
    this(
        discovery,
        findings,
        web,
        httpGrades,
        tls,
        tlsGrades,
        technologies,
        services,
        null,
        null,
        null);
  }

  public CommuneResult(CommuneDiscovery discovery, List<Finding> findings) {
    this(
        discovery, findings, List.of(), Map.of(), List.of(), Map.of(), List.of(), List.of(), null,
        null, null);
  }

  /** The same results, from a scan stopped before its end: partial, and why. */
  public CommuneResult cutShort(String reason, String detail) {
    return new CommuneResult(
        discovery,
        findings,
        web,
        httpGrades,
        tls,
        tlsGrades,
        technologies,
        services,
        coverage.cutShort(reason, detail),
        carried,
        carriedAssets);
  }

  /** The same results, with what earlier scans had that this one could not look at. */
  public CommuneResult carrying(List<CarriedFinding> unknown, Set<String> assets) {
    return new CommuneResult(
        discovery,
        findings,
        web,
        httpGrades,
        tls,
        tlsGrades,
        technologies,
        services,
        coverage,
        unknown,
        assets);
  }
}
