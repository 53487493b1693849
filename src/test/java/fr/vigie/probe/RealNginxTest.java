package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.vigie.check.Checks;
import fr.vigie.check.exposure.ExposedPathCheck;
import fr.vigie.check.exposure.ExposedPaths;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.model.Finding;
import fr.vigie.net.Politeness;
import fr.vigie.observation.ProbeExtras;
import fr.vigie.observation.WebObservation;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's nginx (`.ci/run` installs nginx-light) started on loopback with `stub_status` where
 * administrators put it: the web probe requests it among the exposed paths and the check raises
 * {@code exposure.server-status} on the real page, and only there.
 */
class RealNginxTest {

  private static final Path NGINX = Path.of("/usr/sbin/nginx");

  @TempDir
  Path dir;

  private Process nginx;

  @AfterEach
  void stop() {
    if (nginx != null) {
      nginx.descendants().forEach(ProcessHandle::destroyForcibly);
      nginx.destroyForcibly();
    }
  }

  private int start() throws Exception {
    assumeTrue(
        Files.isExecutable(NGINX), NGINX + " is not installed (.ci/run installs nginx-light)");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Files.writeString(
        dir.resolve("index.html"),
        "<html><head><title>Mairie</title></head><body>Bienvenue</body></html>");
    String t = dir.toString();
    Files.writeString(dir.resolve("nginx.conf"), """
        daemon off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fcgi;
          uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            root %1$s;
            location = /nginx_status { stub_status; }
          }
        }
        """.formatted(t, port));
    nginx = new ProcessBuilder(
            NGINX.toString(), "-c", dir.resolve("nginx.conf").toString(), "-p", t)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("out.log").toFile())
        .start();
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return port;
      } catch (IOException notYet) {
        if (!nginx.isAlive()) {
          assumeTrue(
              false,
              "nginx did not start: " + Files.readString(dir.resolve("out.log"))
                  + Files.readString(dir.resolve("error.log")));
        }
        Thread.sleep(50);
      }
    }
    assumeTrue(false, "nginx did not listen within 5 s");
    return -1;
  }

  @Test
  void shouldRaiseServerStatusOnNginxStubStatusAndNothingOnItsOrdinaryPages() throws Exception {
    int port = start();
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closed = s.getLocalPort();
    }
    AddressBook book = new AddressBook(h -> List.of());
    book.put("www.mairie.test", List.of(InetAddress.getByName("127.0.0.1")));
    HttpProbe probe = new HttpProbe(
        HttpSettings.defaults().withPortMap(Map.of(80, port, 443, closed)),
        book,
        new Politeness(2),
        Checks.builtIn().pathRequests(),
        ProbeExtras.NONE);

    WebObservation w = probe.probe(
        "www.mairie.test",
        "mairie.test",
        Scope.of(new Commune("99999", "Mairie", List.of("mairie.test"))));
    List<Finding> found = new ExposedPathCheck(ExposedPaths.builtIn()).evaluate(w);

    assertThat(found)
        .extracting(Finding::check, Finding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("exposure.server-status", "/nginx_status"));
  }
}
