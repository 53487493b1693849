package fr.vigie.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
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
          try (Politeness.Permit permit = p.acquire(a)) {
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
}
