package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** WinRM: {@code GET /wsman} through Windows' HTTP API. */
public final class WinrmDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("winrm", "winrms");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(httpGet(c.hostHeader(), "/wsman"))
        .flatMap(a -> winrm(a, c.spec().protocol()))
        .orElse(null);
  }

  /** WinRM answers on /wsman through Windows' HTTP API. */
  public static Optional<Reading> winrm(byte[] answer, String protocol) {
    Optional<Integer> status = httpStatus(answer);
    String server = httpHeader(answer, "Server").orElse("");
    if (status.isPresent() && server.startsWith("Microsoft-HTTPAPI")) {
      return Optional.of(
          Reading.of(protocol, "POST /wsman → " + status.get() + ", Server: " + server)
              .product("WinRM", null));
    }
    return Optional.empty();
  }
}
