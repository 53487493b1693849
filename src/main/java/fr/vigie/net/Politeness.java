package fr.vigie.net;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Politeness towards one IP address: hundreds of communes share a hosting provider's front end,
 * and a nightly sweep must not look like an attack on it.
 *
 * <p>An address has {@code perAddress} {@linkplain Lane lanes}. Whatever a probe keeps open to
 * the address between two requests (an idle keep-alive connection) belongs to a lane, and a lane
 * closes it before it is used for anything else: so the cap holds for the connections the server
 * sees, not only for the requests in flight. Requests to one address start at least {@code
 * spacing} apart (a floor the user sets), and further apart when the server shows strain (its
 * answers slow down, time out, reset or say 429/5xx): the gap doubles, then shrinks back while the
 * server answers at its usual pace. A server that asks for a pause (Retry-After) gets it.
 * Thread-safe.
 */
public final class Politeness {

  /** The longest pause a server may impose on the whole scan through Retry-After. */
  static final Duration MAX_PAUSE = Duration.ofSeconds(30);

  /** The widest gap strain can open between two requests to one address. */
  static final Duration MAX_GAP = Duration.ofSeconds(2);

  /** The first gap strain opens when there was none. */
  static final Duration FIRST_GAP = Duration.ofMillis(25);

  private final int perAddress;
  private final Duration spacing;
  private final Map<InetAddress, Target> targets = new ConcurrentHashMap<>();

  public Politeness(int perAddress) {
    this(perAddress, Duration.ZERO);
  }

  public Politeness(int perAddress, Duration spacing) {
    if (perAddress < 1) {
      throw new IllegalArgumentException("at least one request per address");
    }
    this.perAddress = perAddress;
    this.spacing = spacing;
  }

  /** Waits for one of the address's lanes, then for the address's next turn. */
  public Lane acquire(InetAddress address) throws InterruptedException {
    return acquire(address, null);
  }

  /**
   * Waits for one of the address's lanes, preferring one whose idle connections belong to {@code
   * user} (they can be reused), then for the address's next turn.
   */
  public Lane acquire(InetAddress address, Object user) throws InterruptedException {
    Target t = target(address);
    t.permits.acquire();
    Lane lane = t.take(user);
    try {
      pace(lane);
    } catch (InterruptedException e) {
      lane.close();
      throw e;
    }
    return lane;
  }

  /**
   * One of the address's lanes if one is free right now (preferring {@code user}'s), else null;
   * not paced yet: {@link #pace} before each request on it.
   */
  public Lane tryAcquire(InetAddress address, Object user) {
    Target t = target(address);
    if (!t.permits.tryAcquire()) {
      return null;
    }
    return t.take(user);
  }

  /** Waits for the address's next turn, for one more request on a lane already held. */
  public void pace(Lane lane) throws InterruptedException {
    lane.target.waitTurn();
  }

  /** The server asked for a pause (Retry-After): no request to it starts before it ends. */
  public void pause(InetAddress address, Duration requested) {
    Duration pause = requested.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : requested;
    target(address).pauseUntil(System.nanoTime() + pause.toNanos());
  }

  /**
   * How one exchange with the address went: its time to answer, and whether the server showed
   * strain (timeout, reset, 429, 502–504). Widens or narrows the gap between requests.
   */
  public void record(InetAddress address, Duration answered, boolean strain) {
    record(address, "", answered, strain);
  }

  /**
   * As {@link #record(InetAddress, Duration, boolean)}, for a request to one site of the address
   * (its origin: scheme, host and port). Answers are slow against that site's own pace, not the
   * address's: on shared hosting one application that always takes a second (a heavy CMS) says
   * nothing of the front end, and must not slow its hundred neighbours; a front end in trouble
   * slows every site it serves, each against its own best.
   */
  public void record(InetAddress address, String site, Duration answered, boolean strain) {
    target(address).record(site, answered.toNanos(), strain);
  }

  /**
   * The server showed strain (a timeout, a reset) on an exchange whose time says nothing of its
   * usual pace (a TLS handshake, which costs more than a request on an open connection).
   */
  public void strained(InetAddress address) {
    target(address).record("", 0, true);
  }

  /** Whether the address shows no strain: its gap is the floor the user set. */
  public boolean atFloor(InetAddress address) {
    return target(address).gap() <= spacing.toNanos();
  }

  /** The gap requests to the address are kept apart by now (the floor, or more under strain). */
  public Duration gap(InetAddress address) {
    return Duration.ofNanos(target(address).gap());
  }

  private Target target(InetAddress address) {
    return targets.computeIfAbsent(address, Target::new);
  }

  /**
   * One of an address's lanes. What a probe keeps open on it between turns is an {@linkplain
   * #attachment attachment} with a way to close its idle part; {@link #claim} closes that before
   * the lane serves another user. Close the lane to hand it back (what it keeps open stays open,
   * and counted, until the next claim by someone else).
   */
  public static final class Lane implements AutoCloseable {
    private final Target target;
    private final List<Attached<?>> attached = new ArrayList<>();
    private Object user;
    private boolean held;

    private Lane(Target target) {
      this.target = target;
    }

    public InetAddress address() {
      return target.address;
    }

    /**
     * About to open or reuse a connection for {@code user}: if the lane keeps connections open
     * for another one, they are closed first.
     */
    public void claim(Object user) {
      if (this.user != null && !Objects.equals(this.user, user)) {
        closeIdle();
      }
      this.user = user;
    }

    /**
     * Says what the lane is used for, without closing anything: for a user whose attachment
     * closes what is idle itself when it opens a connection.
     */
    public void mark(Object user) {
      this.user = user;
    }

    /** Closes whatever the lane keeps open (idle connections); nothing is in use between turns. */
    public void closeIdle() {
      for (Attached<?> a : attached) {
        a.closeIdle();
      }
      user = null;
    }

    /**
     * The lane's own instance of {@code type} (a connection pool of its own), made on first use;
     * {@code closeIdle} closes its idle connections.
     */
    public <T> T attachment(Class<T> type, Supplier<T> create, Consumer<T> closeIdle) {
      for (Attached<?> a : attached) {
        if (a.type == type) {
          return type.cast(a.value);
        }
      }
      Attached<T> a = new Attached<>(type, create.get(), closeIdle);
      attached.add(a);
      return a.value;
    }

    /** Hands the lane back: held while talking to the address, closed to let the next one go. */
    @Override
    public void close() {
      target.give(this);
    }
  }

  private record Attached<T>(Class<T> type, T value, Consumer<T> closer) {
    void closeIdle() {
      closer.accept(value);
    }
  }

  /** One address: its lanes, its next start and the gap strain has opened. */
  private final class Target {
    final InetAddress address;
    final Semaphore permits = new Semaphore(perAddress, true);
    /** Free lanes, the one free the longest first. */
    final Deque<Lane> free = new ArrayDeque<>();

    long lastStart;
    long pausedUntil;
    long gap = spacing.toNanos();
    /** Each site's pace on this address, by host name. */
    final Map<String, Pace> paces = new HashMap<>();

    Target(InetAddress address) {
      this.address = address;
      for (int i = 0; i < perAddress; i++) {
        free.add(new Lane(this));
      }
    }

    synchronized Lane take(Object user) {
      Lane chosen = null;
      if (user != null) {
        for (Iterator<Lane> it = free.iterator(); it.hasNext(); ) {
          Lane l = it.next();
          if (user.equals(l.user)) {
            chosen = l;
            it.remove();
            break;
          }
        }
      }
      if (chosen == null) {
        chosen = free.removeFirst();
      }
      chosen.held = true;
      return chosen;
    }

    void give(Lane lane) {
      synchronized (this) {
        if (!lane.held) {
          return; // closed twice
        }
        lane.held = false;
        free.addLast(lane);
      }
      permits.release();
    }

    /** Reserves the next start time for this address and sleeps until it. */
    void waitTurn() throws InterruptedException {
      long now = System.nanoTime();
      long start;
      synchronized (this) {
        // The gap as it is now, from the last start: a gap widened by the last answer applies to
        // the very next request.
        start = lastStart == 0 ? now : Math.max(now, lastStart + gap);
        start = Math.max(start, pausedUntil);
        lastStart = start;
      }
      long wait = start - now;
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
    }

    synchronized void pauseUntil(long until) {
      pausedUntil = Math.max(pausedUntil, until);
    }

    synchronized long gap() {
      return gap;
    }

    synchronized void record(String site, long answered, boolean strain) {
      boolean slow =
          answered > 0 && paces.computeIfAbsent(site, k -> new Pace()).slow(answered);
      long floor = spacing.toNanos();
      if (strain || slow) {
        // At least twice the last answer's time from start to start: a strained server gets at
        // most half of what one client back to back would take of it.
        long wider = Math.max(Math.max(gap * 2, FIRST_GAP.toNanos()), answered * 2);
        gap = Math.min(MAX_GAP.toNanos(), wider);
      } else if (gap > floor) {
        long narrower = gap * 3 / 4;
        gap = narrower < FIRST_GAP.toNanos() ? floor : Math.max(floor, narrower);
      }
    }
  }

  /** A site's usual time to answer: a slow-moving average, and the fastest it has been. */
  private static final class Pace {
    double usual = -1;
    double best = Double.MAX_VALUE;
    int slowInARow;

    /**
     * Takes one answer's time; whether the site now answers slowly against its own best. One slow
     * answer is not strain (a search page, a cold cache): it takes two in a row.
     */
    boolean slow(long answered) {
      double t = answered;
      // 200 ms of room: a new connection's TLS handshake on a busy host is not strain.
      boolean slowAnswer = usual >= 0 && t > 3 * best + 200_000_000.0;
      slowInARow = slowAnswer ? slowInARow + 1 : 0;
      usual = usual < 0 ? t : usual * 0.8 + t * 0.2;
      // The best drifts up slowly, so a site that stays slower for good is, in time, usual.
      double now = Math.max(usual, 1_000_000.0);
      best = best == Double.MAX_VALUE ? now : Math.min(now, best * 1.01);
      return slowInARow >= 2;
    }
  }
}
