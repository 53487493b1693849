package fr.vigie.observation;

import java.util.List;
import java.util.Optional;

/**
 * Everything the web probe saw of one host: {@code http://host/}, {@code https://host/}, and
 * the exposed-path requests on the origin that answered.
 *
 * @param registrableDomain the commune's domain this host is under
 * @param origin where paths were requested ({@code https://host} or {@code http://host}), or
 *     null when neither answered in scope
 * @param baselines answers to random paths: what "not found" looks like on this host
 * @param paths answers to the exposed-path list and {@code /.well-known/security.txt}
 */
public record WebObservation(
    String host,
    String registrableDomain,
    HttpObservation http,
    HttpObservation https,
    String origin,
    List<PathResult> baselines,
    List<PathResult> paths) {

  public WebObservation {
    baselines = baselines == null ? List.of() : List.copyOf(baselines);
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  public Optional<PathResult> path(String path) {
    return paths.stream().filter(p -> p.path().equals(path)).findFirst();
  }
}
