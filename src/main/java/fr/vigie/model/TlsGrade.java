package fr.vigie.model;

import java.util.List;

/**
 * A TLS endpoint's grade as computed by {@code check.tls.TlsGrading} and stored with the scan.
 *
 * @param protocols the versions accepted, for the report
 * @param caps what lowered the grade
 */
public record TlsGrade(String grade, List<String> protocols, List<String> caps) {

  public TlsGrade {
    protocols = List.copyOf(protocols);
    caps = List.copyOf(caps);
  }
}
