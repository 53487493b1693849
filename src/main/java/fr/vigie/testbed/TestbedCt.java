package fr.vigie.testbed;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A Certificate Transparency search on loopback, shaped as crt.sh answers ({@code
 * /?q=%.<domain>&output=json}: an array of entries with {@code name_value}, {@code common_name},
 * {@code not_after}), for the names each commune's {@code ct:} lists. Close it.
 */
final class TestbedCt implements AutoCloseable {

  private final HttpServer server;

  TestbedCt(Map<String, List<String>> namesByDomain) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      String domain = "";
      for (String part : query == null ? new String[0] : query.split("&")) {
        if (part.startsWith("q=")) {
          domain = URLDecoder.decode(part.substring(2), StandardCharsets.UTF_8)
              .replaceFirst("^%\\.", "");
        }
      }
      StringBuilder json = new StringBuilder("[");
      long id = 1_000_000;
      for (String name : namesByDomain.getOrDefault(domain, List.of())) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append(
                "{\"issuer_name\":\"C=FR, O=Testbed, CN=Autorité du banc d'essai\",\"common_name\":\"")
            .append(name)
            .append("\",\"name_value\":\"")
            .append(name)
            .append("\",\"id\":")
            .append(id++)
            .append(
                ",\"not_before\":\"2026-09-01T00:00:00\",\"not_after\":\"2099-12-31T00:00:00\"}");
      }
      json.append(']');
      byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  /** The search URL for {@code --ct-url}. */
  String urlTemplate() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/?q=%25.{domain}&output=json";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
