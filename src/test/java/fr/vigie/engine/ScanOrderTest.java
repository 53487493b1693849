package fr.vigie.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.WebFixtures;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import fr.vigie.net.AddressGuard;
import fr.vigie.net.FakeDns;
import fr.vigie.observation.WebObservation;
import fr.vigie.probe.HttpProbe;
import fr.vigie.store.ScanLog;
import fr.vigie.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Communes that took longest last time start first, so a sweep does not end on one of them. */
class ScanOrderTest {

  @TempDir
  Path dir;

  private static final List<Commune> INVENTORY =
      List.of(Commune.adHoc("rapide.fr"), Commune.adHoc("lente.fr"), Commune.adHoc("moyenne.fr"));

  @Test
  void shouldStartTheLongestFirstAndTheNeverTimedBeforeThem() {
    Map<String, Duration> last = Map.of(
        "rapide.fr", Duration.ofSeconds(2),
        "lente.fr", Duration.ofSeconds(240),
        "moyenne.fr", Duration.ofSeconds(30));
    List<Commune> withNew = new ArrayList<>(INVENTORY);
    withNew.add(Commune.adHoc("nouvelle.fr"));

    assertThat(ScanOrder.longestFirst(withNew, last))
        .extracting(Commune::key)
        .containsExactly("nouvelle.fr", "lente.fr", "moyenne.fr", "rapide.fr");
  }

  @Test
  void shouldKeepTheInventoryOrderWhenNothingWasTimed() {
    assertThat(ScanOrder.longestFirst(INVENTORY, Map.of()))
        .extracting(Commune::key)
        .containsExactly("rapide.fr", "lente.fr", "moyenne.fr");
  }

  /**
   * Two nights, one commune at a time: the first in the inventory's order; the second starts
   * with lente.fr, whose site took four minutes to answer the night before, then moyenne.fr.
   */
  @Test
  void shouldStartTonightWithTheCommuneThatTookLongestLastNight() {
    Ticking clock = new Ticking(Instant.parse("2026-12-03T01:00:00Z"));
    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    Probes.Factory probes = (settings, book, politeness, paths, extras) -> new Probes(
        new Probes.Web() {
          @Override
          public WebObservation probe(String host, String domain, Scope scope) {
            asked.add(host);
            clock.advance(Duration.ofSeconds(
                host.equals("lente.fr") ? 240 : host.equals("moyenne.fr") ? 30 : 2));
            return WebFixtures.good(host);
          }

          @Override
          public WebObservation probePort(
              String host, String domain, Scope scope, String scheme, int port) {
            return probe(host, domain, scope);
          }
        },
        EngineSeamsTest.Recorder::refused,
        (address, hosts, mx, specs) -> new fr.vigie.observation.ServiceObservation(
            address.getHostAddress(), hosts, mx, List.of()),
        (url, max) -> new HttpProbe.Fetched(0, new byte[0], "not in this test"));
    FakeDns dns = new FakeDns();
    int i = 10;
    for (Commune c : INVENTORY) {
      dns.add(c.key(), "A", "192.0.2." + i++);
    }
    ScanSettings settings = ScanSettings.builder(List.of())
        .addressPolicy(AddressGuard.Policy.ALLOW_PRIVATE)
        .concurrency(1, 4)
        .ports(List.of())
        .build();

    try (Store store = Store.open(dir.resolve("v.db"), true)) {
      new ScanEngine(settings, dns, clock, probes).run(INVENTORY, "1", store, ScanListener.NONE);
      assertThat(asked).containsExactly("rapide.fr", "lente.fr", "moyenne.fr");
      assertThat(new ScanLog(store).lastDurations())
          .containsEntry("lente.fr", Duration.ofSeconds(240))
          .containsEntry("rapide.fr", Duration.ofSeconds(2));
      asked.clear();

      new ScanEngine(settings, dns, clock, probes).run(INVENTORY, "2", store, ScanListener.NONE);

      assertThat(asked).containsExactly("lente.fr", "moyenne.fr", "rapide.fr");
    }
  }

  /** A clock the fake probe moves forward: a commune's time is what its probes took. */
  private static final class Ticking extends Clock {
    private final AtomicReference<Instant> now;

    Ticking(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
