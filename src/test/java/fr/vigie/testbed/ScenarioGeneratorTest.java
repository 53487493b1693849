package fr.vigie.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScenarioGeneratorTest {

  @Test
  void shouldSkewHostingAsARegionIs() {
    SplittableRandom random = new SplittableRandom(7);
    Map<String, Integer> count = new HashMap<>();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      String a = ScenarioGenerator.hosting(random);
      count.merge(a == null ? "own" : a, 1, Integer::sum);
    }
    double busiest = count.get("mutualise-1") / (double) n;
    double threeBusiest =
        (count.get("mutualise-1") + count.get("mutualise-2") + count.get("mutualise-3"))
            / (double) n;

    assertThat(busiest).isBetween(0.21, 0.25);
    assertThat(threeBusiest).isBetween(0.52, 0.56);
    assertThat(count.get("own") / (double) n).isBetween(0.29, 0.33);
    assertThat(count).containsKeys("mutualise-4", "mutualise-8").doesNotContainKey("mutualise-9");
  }

  @Test
  void shouldGiveTheSameCommunesForTheSameSeed() {
    List<String> a = ScenarioGenerator.generate(50, 3).communes().stream()
        .map(c -> c.domain() + c.hosts())
        .toList();
    List<String> b = ScenarioGenerator.generate(50, 3).communes().stream()
        .map(c -> c.domain() + c.hosts())
        .toList();
    assertThat(a).isEqualTo(b);
  }
}
