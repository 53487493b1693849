package fr.vigie.probe;

import fr.vigie.Version;
import java.time.Duration;
import java.util.Map;

/**
 * How the web probes behave.
 *
 * @param connectTimeout per connection
 * @param readTimeout per read on the socket
 * @param callTimeout for one request, redirects not included: a server that drips one byte a
 *     second is cut here
 * @param maxBodyBytes bytes read of a body; the rest is never downloaded
 * @param maxRedirects redirects followed from one start URL
 * @param userAgent sent with every request
 * @param portMap port to connect to for a URL port (80→18080): the testbed serves every host on
 *     two high ports; empty for real scans
 * @param paths whether to request the exposed-path list (about 40 requests per host)
 */
public record HttpSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int maxBodyBytes,
    int maxRedirects,
    String userAgent,
    Map<Integer, Integer> portMap,
    boolean paths) {

  public HttpSettings {
    portMap = Map.copyOf(portMap);
  }

  public static HttpSettings defaults() {
    return new HttpSettings(
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(20),
        512 * 1024,
        10,
        "vigie/" + Version.get() + " (+" + Version.PROJECT_URL
            + "; exposure scanner for French communes)",
        Map.of(),
        true);
  }

  public HttpSettings withPortMap(Map<Integer, Integer> map) {
    return new HttpSettings(
        connectTimeout,
        readTimeout,
        callTimeout,
        maxBodyBytes,
        maxRedirects,
        userAgent,
        map,
        paths);
  }

  public HttpSettings withTimeouts(Duration connect, Duration read, Duration call) {
    return new HttpSettings(
        connect, read, call, maxBodyBytes, maxRedirects, userAgent, portMap, paths);
  }

  public HttpSettings withUserAgent(String agent) {
    return new HttpSettings(
        connectTimeout,
        readTimeout,
        callTimeout,
        maxBodyBytes,
        maxRedirects,
        agent,
        portMap,
        paths);
  }

  public HttpSettings withPaths(boolean probePaths) {
    return new HttpSettings(
        connectTimeout,
        readTimeout,
        callTimeout,
        maxBodyBytes,
        maxRedirects,
        userAgent,
        portMap,
        probePaths);
  }

  public HttpSettings withMaxBodyBytes(int bytes) {
    return new HttpSettings(
        connectTimeout, readTimeout, callTimeout, bytes, maxRedirects, userAgent, portMap, paths);
  }
}
