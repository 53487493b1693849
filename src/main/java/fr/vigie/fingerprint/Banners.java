package fr.vigie.fingerprint;

import fr.vigie.observation.Asset;
import fr.vigie.observation.ServiceObservation;
import java.util.ArrayList;
import java.util.List;

/**
 * Technologies read from service banners (an SMTP greeting that names Exim 4.92): judged with
 * the same version data as the web's, as detections on the service's asset
 * ({@code 203.0.113.7:25}). Only products the version data knows, with a version, count.
 */
public final class Banners {

  private Banners() {}

  public static List<TechObservation> technologies(List<ServiceObservation> services) {
    List<TechObservation> out = new ArrayList<>();
    for (ServiceObservation o : services) {
      for (ServiceObservation.Port p : o.ports()) {
        if (!p.open() || p.product() == null || p.version() == null) {
          continue;
        }
        VersionIntel.builtIn().serviceProduct(p.product()).ifPresent(product -> {
          Detection d = new Detection(
              product.name(),
              product.key(),
              "service",
              p.version(),
              Detection.Precision.EXACT,
              100,
              false,
              // Words of no language: the evidence reads the same in French and English.
              List.of(p.protocol() + " " + String.join(", ", o.hosts()) + " → " + p.banner()));
          out.add(new TechObservation(Asset.address(o.address(), p.port()), List.of(d)));
        });
      }
    }
    return out;
  }
}
