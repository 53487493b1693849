package fr.vigie.testbed;

import fr.vigie.net.Politeness;
import fr.vigie.observation.TlsObservation;
import fr.vigie.probe.TlsProbe;
import fr.vigie.testbed.Scenario.CommuneSpec;
import fr.vigie.testbed.Scenario.HostSpec;
import fr.vigie.testbed.Scenario.Site;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Throughput of the TLS probe against the testbed: N HTTPS hosts, each on a loopback address of
 * its own, a quarter of them legacy (TLS 1.0 to 1.2 only). Run by {@code scripts/bench tls};
 * prints one line of figures. Not part of the CLI: a measuring tool, not a user feature.
 */
public final class TlsBench {

  private TlsBench() {}

  public static void main(String[] args) throws Exception {
    int hosts = 200;
    int concurrency = 32;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--hosts" -> hosts = Integer.parseInt(args[i + 1]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
        default ->
          throw new IllegalArgumentException(
              "unknown option " + args[i] + " (--hosts N, --concurrency N)");
      }
    }
    Map<String, HostSpec> specs = new LinkedHashMap<>();
    for (int i = 1; i <= hosts; i++) {
      List<String> protocols =
          i % 4 == 0 ? List.of("TLSv1", "TLSv1.1", "TLSv1.2") : List.of("TLSv1.2", "TLSv1.3");
      specs.put(
          "h" + i,
          new HostSpec(
              null,
              null,
              new Site(null, null, null, "ok", null, "valid", protocols, null, null, null, null)));
    }
    Scenario scenario = new Scenario(
        Map.of(),
        List.of(new CommuneSpec("99999", "Banc", "banc-tls.test", List.of(), List.of(), specs)),
        List.of());
    try (Testbed testbed = Testbed.start(scenario, 0)) {
      TlsProbe probe = new TlsProbe(
          Duration.ofSeconds(3),
          Duration.ofSeconds(5),
          Map.of(443, testbed.httpsPort()),
          new Politeness(2));
      // warm-up: class loading and JIT on a few hosts, not counted
      for (int i = 1; i <= Math.min(10, hosts); i++) {
        probe.probe(
            "h" + i + ".banc-tls.test",
            InetAddress.getByName(testbed.hostAddresses().get("h" + i + ".banc-tls.test")),
            443);
      }
      Semaphore slots = new Semaphore(concurrency);
      List<Future<TlsObservation>> results = new ArrayList<>();
      long begin = System.nanoTime();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (String host : testbed.hostAddresses().keySet()) {
          InetAddress address = InetAddress.getByName(testbed.hostAddresses().get(host));
          slots.acquire();
          results.add(pool.submit(() -> {
            try {
              return probe.probe(host, address, 443);
            } finally {
              slots.release();
            }
          }));
        }
      }
      double seconds = (System.nanoTime() - begin) / 1e9;
      int handshakes = 0;
      int answered = 0;
      for (Future<TlsObservation> f : results) {
        TlsObservation o = f.get();
        handshakes += o.handshakes();
        answered += o.answered() ? 1 : 0;
      }
      System.out.printf(
          Locale.ROOT,
          "hosts=%d answered=%d concurrency=%d seconds=%.2f hosts_per_s=%.1f handshakes=%d handshakes_per_s=%.0f handshakes_per_host=%.1f%n",
          hosts,
          answered,
          concurrency,
          seconds,
          hosts / seconds,
          handshakes,
          handshakes / seconds,
          (double) handshakes / hosts);
    }
  }
}
