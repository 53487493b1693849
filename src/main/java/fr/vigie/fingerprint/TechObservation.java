package fr.vigie.fingerprint;

import java.util.List;

/**
 * The technologies the rules found on one host, what the {@code tech.*} checks read. Made from a
 * {@link fr.vigie.observation.WebObservation} by the {@link Fingerprinter}, stored with the scan.
 */
public record TechObservation(String host, List<Detection> technologies) {
  public TechObservation {
    technologies = List.copyOf(technologies);
  }
}
