package fr.vigie.testbed;

import fr.vigie.net.Politeness;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.probe.ServicePorts;
import fr.vigie.probe.ServiceProbe;
import fr.vigie.testbed.Scenario.CommuneSpec;
import fr.vigie.testbed.Scenario.HostSpec;
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
 * Cost of the port probe per address against the testbed: N addresses, the 29 ports of the list
 * on each; a third run a mail server and SSH, a third Redis and RDP, a third nothing (every port
 * refuses). Politeness as in a scan (2 requests at once per address, 20 ms apart). Run by
 * {@code scripts/bench ports}; prints one line of figures.
 */
public final class PortBench {

  private PortBench() {}

  public static void main(String[] args) throws Exception {
    int addresses = 300;
    int concurrency = 16;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--addresses" -> addresses = Integer.parseInt(args[i + 1]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
        default ->
          throw new IllegalArgumentException(
              "unknown option " + args[i] + " (--addresses N, --concurrency N)");
      }
    }
    Map<String, HostSpec> specs = new LinkedHashMap<>();
    for (int i = 1; i <= addresses; i++) {
      Map<Integer, String> services = switch (i % 3) {
        case 0 -> Map.of(25, "smtp-starttls", 22, "ssh");
        case 1 -> Map.of(6379, "redis-auth", 3389, "rdp-nla");
        default -> Map.of();
      };
      specs.put("h" + i, new HostSpec(null, null, null, services));
    }
    Scenario scenario = new Scenario(
        Map.of(),
        List.of(new CommuneSpec("99998", "Banc", "banc-ports.test", List.of(), List.of(), specs)),
        List.of());
    try (Testbed testbed = Testbed.start(scenario, 0)) {
      ServiceProbe probe = new ServiceProbe(
          Duration.ofMillis(1500),
          Duration.ofSeconds(3),
          testbed.portMap(),
          new Politeness(2, Duration.ofMillis(20)),
          false);
      List<ServicePorts.Spec> ports = ServicePorts.builtIn();
      // one address alone: the latency a single commune sees
      String first = testbed.hostAddresses().get("h3.banc-ports.test");
      long one = System.nanoTime();
      probe.probe(InetAddress.getByName(first), List.of(), List.of(), ports);
      double alone = (System.nanoTime() - one) / 1e6;
      Semaphore slots = new Semaphore(concurrency);
      List<Future<ServiceObservation>> results = new ArrayList<>();
      long begin = System.nanoTime();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (String address : testbed.hostAddresses().values()) {
          InetAddress a = InetAddress.getByName(address);
          slots.acquire();
          results.add(pool.submit(() -> {
            try {
              return probe.probe(a, List.of(), List.of(), ports);
            } finally {
              slots.release();
            }
          }));
        }
      }
      double seconds = (System.nanoTime() - begin) / 1e9;
      int open = 0;
      int connections = 0;
      for (Future<ServiceObservation> f : results) {
        for (ServiceObservation.Port p : f.get().ports()) {
          connections++;
          open += p.open() ? 1 : 0;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "addresses=%d ports=%d open=%d concurrency=%d seconds=%.2f addresses_per_s=%.1f ms_per_address_alone=%.0f connects_per_s=%.0f%n",
          addresses,
          ports.size(),
          open,
          concurrency,
          seconds,
          addresses / seconds,
          alone,
          connections / seconds);
    }
  }
}
