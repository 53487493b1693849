package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Any web server on a service port: {@code GET /}, its status and Server header. */
public final class HttpDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("http", "https");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(httpGet(c.hostHeader(), "/"))
        .flatMap(a -> http(a, c.spec().protocol()))
        .orElse(null);
  }

  /** Any HTTP answer on a web port: status and Server header. */
  public static Optional<Reading> http(byte[] answer, String protocol) {
    Optional<Integer> status = httpStatus(answer);
    if (status.isEmpty()) {
      return Optional.empty();
    }
    String server = httpHeader(answer, "Server").orElse(null);
    return Optional.of(Reading.of(
            protocol,
            "HTTP " + status.get()
                + (server == null
                    ? ""
                    : ", Server: " + printable(server.getBytes(StandardCharsets.ISO_8859_1))))
        .product(
            server == null ? null : printable(server.getBytes(StandardCharsets.ISO_8859_1)), null));
  }
}
