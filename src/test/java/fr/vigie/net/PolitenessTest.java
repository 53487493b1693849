package fr.vigie.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The limits a shared hosting address gets: lower bounds on waits, never timing budgets. */
class PolitenessTest {

  @Test
  void shouldNeverLetMoreThanTheLimitTalkToOneAddress() throws Exception {
    Politeness p = new Politeness(2);
    InetAddress a = InetAddress.getByName("192.0.2.1");
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger max = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 50; i++) {
        pool.submit(() -> {
          try (Politeness.Lane lane = p.acquire(a)) {
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(2);
            inFlight.decrementAndGet();
          }
          return null;
        });
      }
    }
    assertThat(max.get()).isEqualTo(2);
  }

  @Test
  void shouldSpaceRequestsAndPauseWhenAsked() throws Exception {
    Politeness p = new Politeness(4, Duration.ofMillis(50));
    InetAddress a = InetAddress.getByName("192.0.2.2");
    InetAddress other = InetAddress.getByName("192.0.2.3");

    long begin = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      p.acquire(a).close();
    }
    long spaced = System.nanoTime() - begin;
    p.pause(a, Duration.ofMillis(300));
    long beforePause = System.nanoTime();
    p.acquire(a).close();
    long paused = System.nanoTime() - beforePause;
    long otherBegin = System.nanoTime();
    p.acquire(other).close();
    long otherTime = System.nanoTime() - otherBegin;

    assertThat(Duration.ofNanos(spaced))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200)); // 4 gaps of 50 ms
    assertThat(Duration.ofNanos(paused)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    assertThat(otherTime).isLessThan(paused); // another address is not slowed by the pause
  }

  @Test
  void shouldWidenTheGapUnderStrainAndNarrowItBackToTheFloor() throws Exception {
    Politeness p = new Politeness(2, Duration.ofMillis(5));
    InetAddress a = InetAddress.getByName("192.0.2.4");
    for (int i = 0; i < 5; i++) {
      p.record(a, Duration.ofMillis(10), false);
    }
    assertThat(p.gap(a)).as("a server answering at its usual pace").isEqualTo(Duration.ofMillis(5));

    p.record(a, Duration.ofMillis(400), false);
    assertThat(p.gap(a)).as("one slow answer is not strain").isEqualTo(Duration.ofMillis(5));
    p.record(a, Duration.ofMillis(400), false); // its usual pace slows down: strain
    Duration slow = p.gap(a);
    p.record(a, Duration.ofMillis(10), true); // a timeout or a reset
    Duration strained = p.gap(a);
    for (int i = 0; i < 50; i++) {
      p.record(a, Duration.ofMillis(10), false);
    }

    assertThat(slow).isGreaterThan(Duration.ofMillis(5));
    assertThat(strained).isGreaterThan(slow);
    assertThat(p.gap(a)).as("back to the floor, never below").isEqualTo(Duration.ofMillis(5));
    assertThat(p.gap(InetAddress.getByName("192.0.2.5"))).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void shouldNotSlowAnAddressForOneSiteThatIsAlwaysSlow() throws Exception {
    // Shared hosting: one application always takes a second; its neighbours answer in 10 ms.
    Politeness p = new Politeness(2);
    InetAddress a = InetAddress.getByName("192.0.2.7");
    for (int i = 0; i < 20; i++) {
      p.record(a, "https://fast.test:443", Duration.ofMillis(10), false);
      p.record(a, "https://heavy.test:443", Duration.ofSeconds(1), false);
    }
    assertThat(p.gap(a)).isEqualTo(Duration.ZERO);

    // The front end itself slows down: every site's answers slow against their own best.
    for (int i = 0; i < 3; i++) {
      p.record(a, "https://fast.test:443", Duration.ofMillis(900), false);
    }
    assertThat(p.gap(a)).isGreaterThan(Duration.ZERO);
  }

  @Test
  void shouldPreferTheLaneThatKeepsAConnectionForTheSameOriginAndCloseItForAnother()
      throws Exception {
    Politeness p = new Politeness(2);
    InetAddress a = InetAddress.getByName("192.0.2.6");
    List<String> closed = new ArrayList<>();
    try (Politeness.Lane one = p.acquire(a, "https://a.test:443");
        Politeness.Lane two = p.acquire(a, "https://b.test:443")) {
      one.attachment(String.class, () -> "a", closed::add);
      one.claim("https://a.test:443");
      two.attachment(String.class, () -> "b", closed::add);
      two.claim("https://b.test:443");
    }
    try (Politeness.Lane again = p.acquire(a, "https://b.test:443")) {
      assertThat(again.attachment(String.class, () -> "new", closed::add)).isEqualTo("b");
      again.claim("https://b.test:443");
      assertThat(closed).as("its connection is reused, not closed").isEmpty();
    }
    try (Politeness.Lane other = p.acquire(a, "tls")) {
      other.claim("tls");
      assertThat(closed)
          .as("what the lane kept for another origin is closed first")
          .hasSize(1);
    }
  }
}
