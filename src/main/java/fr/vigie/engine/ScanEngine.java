package fr.vigie.engine;

import fr.vigie.check.Checks;
import fr.vigie.check.tls.TlsGrading;
import fr.vigie.check.web.HttpGrading;
import fr.vigie.coverage.Assets;
import fr.vigie.coverage.Coverage;
import fr.vigie.coverage.Probe;
import fr.vigie.diff.CommuneDiff;
import fr.vigie.diff.Snapshot;
import fr.vigie.diff.Snapshots;
import fr.vigie.discovery.CertificateNames;
import fr.vigie.discovery.CtNames;
import fr.vigie.discovery.Discovery;
import fr.vigie.fingerprint.Banners;
import fr.vigie.fingerprint.Fingerprinter;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.inventory.Commune;
import fr.vigie.inventory.DomainNames;
import fr.vigie.inventory.Scope;
import fr.vigie.model.CommuneResult;
import fr.vigie.model.Finding;
import fr.vigie.model.HttpGrade;
import fr.vigie.model.TlsGrade;
import fr.vigie.net.AddressGuard;
import fr.vigie.net.CtClient;
import fr.vigie.net.DnsClient;
import fr.vigie.net.GiveUpDns;
import fr.vigie.net.Politeness;
import fr.vigie.observation.Asset;
import fr.vigie.observation.CommuneDiscovery;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.HostObservation;
import fr.vigie.observation.HttpObservation;
import fr.vigie.observation.ProbeExtras;
import fr.vigie.observation.ServiceFact;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.TlsObservation;
import fr.vigie.observation.WebObservation;
import fr.vigie.probe.AddressBook;
import fr.vigie.probe.ChainCompletion;
import fr.vigie.probe.WebUrl;
import fr.vigie.store.CommuneWriter;
import fr.vigie.store.CtCache;
import fr.vigie.store.ScanLog;
import fr.vigie.store.ScanReader;
import fr.vigie.store.Store;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a scan: discovery, checks and storage of every commune, on virtual threads with a cap on
 * communes in progress. The I/O seams (DNS client, clock) are given, so the same engine runs
 * against the internet, the testbed or fakes.
 */
public final class ScanEngine {

  /**
   * What a finished scan did.
   *
   * @param failed communes whose scan threw
   * @param unreachable commune key to why it could not be scanned ({@code dns-timeout 127.0.0.1:9}…)
   */
  public record Outcome(
      long scanId,
      String status,
      int communes,
      int failed,
      int hosts,
      List<Finding> findings,
      Map<String, String> unreachable) {

    public Outcome {
      unreachable =
          unreachable == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(unreachable));
    }
  }

  private final ScanSettings settings;
  private final DnsClient dns;
  private final Clock clock;
  private final Checks checks;
  private final Fingerprinter fingerprinter = Fingerprinter.builtIn();
  /**
   * Port results by address, for the whole scan: a shared hosting address carries hundreds of
   * communes and is probed once, whichever commune meets it first.
   */
  private final ConcurrentHashMap<String, CompletableFuture<List<ServiceObservation.Port>>> ports =
      new ConcurrentHashMap<>();

  private final Activity activity = new Activity();
  private volatile CtCache ctCache;
  private final Probes.Ct ct;
  private final Probes.Factory probeFactory;
  /** Completes the chains servers send without their intermediates; fetches once a scan runs. */
  private volatile ChainCompletion issuers;

  public ScanEngine(ScanSettings settings, DnsClient dns, Clock clock) {
    this(settings, dns, clock, Probes.REAL);
  }

  /** @param probeFactory builds the scan's probes: {@link Probes#REAL}, or fakes in tests */
  public ScanEngine(
      ScanSettings settings, DnsClient dns, Clock clock, Probes.Factory probeFactory) {
    this.probeFactory = probeFactory;
    this.settings = settings;
    this.dns = dns;
    this.clock = clock;
    this.checks = Checks.all(clock, settings.trust());
    this.issuers =
        new ChainCompletion(null, settings.trust().intermediates(), settings.trust()::hasSubject);
    this.ct = probeFactory.ct(settings);
  }

  /**
   * Names Certificate Transparency logged for the commune's domains (a day's cache in the
   * store), and what each domain's search got.
   */
  private Set<String> ctNames(
      CommuneDiscovery found, Map<String, fr.vigie.coverage.Outcome> outcomes) {
    Set<String> names = new TreeSet<>();
    for (String domain : found.scope().domains()) {
      if (found.scope().isHosted(domain)) {
        continue; // a shared platform's names are not the commune's
      }
      CtCache cache = ctCache;
      String body = cache == null
          ? null
          : cache.ctCached(domain, clock.instant().minus(Duration.ofDays(1))).orElse(null);
      boolean fetched = body == null;
      if (fetched) {
        if (!(ct.query(domain) instanceof CtClient.Answer.Body b)) {
          outcomes.put(domain, fr.vigie.coverage.Outcome.NO_ANSWER);
          continue;
        }
        body = b.json();
      }
      Optional<Set<String>> parsed = CtNames.parse(body, found.scope(), clock.instant());
      if (parsed.isEmpty()) {
        outcomes.put(domain, fr.vigie.coverage.Outcome.FAILED); // not a CT answer: never cached
        continue;
      }
      if (fetched && cache != null) {
        cache.ctStore(domain, clock.instant(), body);
      }
      names.addAll(parsed.get());
      outcomes.put(domain, fr.vigie.coverage.Outcome.ANSWERED);
    }
    return names;
  }

  /**
   * Scans the communes into a new scan of the repository. Returns when every commune is stored.
   * An interrupt stops the scan; it is then stored as {@code interrupted}.
   */
  public Outcome run(List<Commune> communes, String arguments, Store store, ScanListener listener) {
    long scanId =
        new ScanLog(store).createScan(clock.instant(), arguments, settings.narrowedBy(), communes);
    return scan(scanId, communes, store, listener);
  }

  /**
   * Continues an interrupted scan: the communes it finished are not probed again, the others
   * are scanned into it, and it ends as if it had never stopped.
   */
  public Outcome resume(long scanId, List<Commune> communes, Store store, ScanListener listener) {
    ScanLog log = new ScanLog(store);
    Set<String> done = log.doneCommunes(scanId);
    log.reopenScan(scanId);
    List<Commune> remaining =
        communes.stream().filter(c -> !done.contains(c.key())).toList();
    Outcome o = scan(scanId, remaining, store, listener);
    return new Outcome(
        o.scanId(),
        o.status(),
        communes.size(),
        o.failed(),
        o.hosts(),
        o.findings(),
        o.unreachable());
  }

  private Outcome scan(long scanId, List<Commune> inventory, Store store, ScanListener listener) {
    this.ctCache = new CtCache(store);
    ScanLog log = new ScanLog(store);
    List<Commune> communes = ScanOrder.longestFirst(inventory, log.lastDurations());
    CommuneWriter writer = new CommuneWriter(store);
    Snapshots snapshots = new Snapshots(log, new ScanReader(store));
    // Ctrl-C (SIGINT/SIGTERM) runs shutdown hooks: mark the scan interrupted so it is never
    // taken for a complete one. The writer is a daemon thread and still runs during hooks, so
    // communes already queued are committed first. A kill -9 skips this; the store marks such
    // scans interrupted the next time it opens (their process is gone).
    AtomicBoolean finished = new AtomicBoolean();
    Thread hook = new Thread(
        () -> {
          if (finished.compareAndSet(false, true)) {
            try {
              log.finishScan(scanId, "interrupted", clock.instant());
            } catch (RuntimeException ignored) {
              // the JVM is going down; the next open marks it instead
            }
          }
        },
        "vigie-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    // A zone that did not answer twice is given up for the rest of the scan: its other
    // questions are "not reached" at no further cost.
    Discovery discovery = new Discovery(
        new GiveUpDns(dns),
        new AddressGuard(settings.addressPolicy()),
        settings.wordlist(),
        settings.maxCnameDepth(),
        probeFactory.axfr(settings));
    AddressBook book = new AddressBook(discovery::probeableAddresses);
    Politeness politeness = new Politeness(settings.perIp(), settings.spacing());
    Probes probes = probeFactory.create(
        settings,
        book,
        politeness,
        checks.pathRequests(),
        settings.technologies() ? fingerprinter : ProbeExtras.NONE);
    Probes.Web web = probes.web();
    Probes.Tls tls = probes.tls();
    Probes.Ports services = probes.ports();
    issuers = new ChainCompletion(
        probes.issuers(), settings.trust().intermediates(), settings.trust()::hasSubject);
    Semaphore slots = new Semaphore(settings.concurrency());
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger hosts = new AtomicInteger();
    List<Finding> all = Collections.synchronizedList(new ArrayList<>());
    // Communes run on threads of their own, so that one that outlives its budget is left behind
    // (interrupted) while the sweep goes on; a ticker says what is still running when no commune
    // has finished for a while.
    ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    AtomicLong lastDone = new AtomicLong(System.nanoTime());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().daemon(true).name("vigie-still-running").unstarted(r));
    AtomicLong lastNotice = new AtomicLong(System.nanoTime());
    long idle = Math.max(1, settings.idleNotice().toNanos());
    ticker.scheduleAtFixedRate(
        () -> {
          long now = System.nanoTime();
          if (now - lastDone.get() >= idle && now - lastNotice.get() >= idle) {
            lastNotice.set(now);
            List<ScanListener.Running> running = activity.running();
            if (!running.isEmpty()) {
              listener.stillRunning(running);
            }
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    Map<String, String> unreachable = new ConcurrentHashMap<>();
    String status = "completed";
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Commune commune : communes) {
        slots.acquire();
        pool.submit(() -> {
          try {
            writer.markCommuneStarted(scanId, commune, clock.instant());
            Partial partial = new Partial();
            CommuneResult scanned = withinBudget(
                work,
                commune,
                partial,
                listener,
                () -> scanCommune(
                    discovery,
                    web,
                    tls,
                    services,
                    book,
                    commune,
                    System.nanoTime() + settings.communeTimeout().toNanos() * 3 / 4,
                    partial));
            lastDone.set(System.nanoTime());
            CommuneDiff changes = CommuneDiff.between(
                previous(snapshots, scanId, commune),
                newSnapshot(scanId, scanned),
                checks::question);
            CommuneResult result = scanned.carrying(changes.carried(), changes.unknownAssets());
            writer.saveCommune(scanId, result, clock.instant());
            if (result.coverage().isUnreachable()) {
              unreachable.put(
                  commune.key(),
                  result.coverage().reason() + " " + result.coverage().detail());
            }
            all.addAll(result.findings());
            hosts.addAndGet((int) result.discovery().hosts().stream()
                .filter(HostObservation::inScope)
                .count());
            listener.communeDone(result, done.incrementAndGet(), communes.size());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            if (finished.get()) {
              return; // the JVM is shutting down (Ctrl-C): the scan is already marked interrupted
            }
            failed.incrementAndGet();
            // Not dropped: the commune is unreachable, with the error, and what earlier scans
            // knew of it is carried as unknown.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Coverage none = Coverage.unreachable(
                e instanceof CommuneTimeout ? "commune-timeout" : "error",
                why,
                CoverageRecorder.askedIds(settings),
                settings.narrowedBy(),
                CoverageRecorder.resolvers(settings));
            try {
              Snapshot before = previous(snapshots, scanId, commune);
              Snapshot empty = new Snapshot(
                  scanId,
                  clock.instant(),
                  none,
                  List.of(),
                  List.of(),
                  Set.of(),
                  Set.of(),
                  Map.of());
              CommuneDiff changes = CommuneDiff.between(before, empty, checks::question);
              writer.markCommuneFailed(
                  scanId,
                  commune,
                  clock.instant(),
                  none,
                  changes.carried(),
                  changes.unknownAssets());
            } catch (RuntimeException storing) {
              e.addSuppressed(storing);
              writer.markCommuneFailed(scanId, commune, clock.instant(), none, List.of(), Set.of());
            }
            unreachable.put(
                commune.key(), (e instanceof CommuneTimeout ? "commune-timeout " : "error ") + why);
            listener.communeFailed(commune.key(), e);
          } finally {
            activity.endCommune(commune.key());
            lastDone.set(System.nanoTime());
            slots.release();
          }
        });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = "interrupted";
    }
    ticker.shutdownNow();
    work.shutdownNow(); // a commune left behind past its budget: interrupted, not awaited
    if (Thread.currentThread().isInterrupted()) {
      status = "interrupted";
    }
    if (finished.compareAndSet(false, true)) {
      log.finishScan(scanId, status, clock.instant());
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or done; nothing to remove
      }
    }
    List<Finding> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(Finding::severity)
        .thenComparing(Finding::check)
        .thenComparing(Finding::asset));
    return new Outcome(
        scanId, status, communes.size(), failed.get(), hosts.get(), sorted, unreachable);
  }

  /**
   * What a commune's scan has finished so far, as a result ready to store: what is kept when its
   * budget runs out (the families not finished are "no answer").
   */
  static final class Partial {
    volatile Supplier<CommuneResult> sofar;
  }

  /** A commune's scan that outlived its budget: stopped, stored as unreachable. */
  public static final class CommuneTimeout extends RuntimeException {
    CommuneTimeout(String message) {
      super(message);
    }
  }

  private CommuneResult withinBudget(
      ExecutorService work,
      Commune commune,
      Partial partial,
      ScanListener listener,
      Callable<CommuneResult> scan)
      throws InterruptedException {
    Future<CommuneResult> f = work.submit(scan);
    try {
      return f.get(settings.communeTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // What it was stuck on, read before the interrupt ends its tasks.
      List<ScanListener.Running> stuck = activity.running().stream()
          .filter(r -> r.commune().equals(commune.key()))
          .toList();
      // Taken before the interrupt too: a probe the interrupt ends would otherwise checkpoint its
      // interrupted I/O as a failed answer instead of leaving the family "no answer".
      Supplier<CommuneResult> sofar = partial.sofar;
      f.cancel(true);
      String why = settings.communeTimeout().toSeconds() + " s"
          + (stuck.isEmpty()
              ? ""
              : " — " + stuck.get(0).phase() + " " + stuck.get(0).target());
      if (sofar == null) {
        throw new CommuneTimeout(why); // not even its DNS: nothing to keep
      }
      // What was done is stored; what was not is "no answer" (never resolved).
      CommuneResult kept = sofar.get();
      listener.communeCutShort(commune.key(), why);
      return kept.cutShort("commune-timeout", why);
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof InterruptedException ie) {
        throw ie;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** The commune as the previous completed scan left it, or null for its first scan. */
  private static Snapshot previous(Snapshots snapshots, long scanId, Commune commune) {
    return snapshots.previous(scanId, commune.key()).orElse(null);
  }

  /** What this scan saw of the commune, before anything is carried. */
  private static Snapshot newSnapshot(long scanId, CommuneResult r) {
    return new Snapshot(
        scanId,
        Instant.EPOCH,
        r.coverage(),
        r.findings(),
        List.of(),
        Assets.of(r.discovery().hosts(), r.services()),
        Set.of(),
        Map.of());
  }

  CommuneResult scanCommune(
      Discovery discovery,
      Probes.Web web,
      Probes.Tls tls,
      Probes.Ports services,
      AddressBook book,
      Commune commune)
      throws InterruptedException {
    return scanCommune(discovery, web, tls, services, book, commune, Long.MAX_VALUE, new Partial());
  }

  /**
   * @param softDeadline {@link System#nanoTime()} past which no new probe family starts: what it
   *     would have asked is recorded as not answered
   */
  CommuneResult scanCommune(
      Discovery discovery,
      Probes.Web web,
      Probes.Tls tls,
      Probes.Ports services,
      AddressBook book,
      Commune commune,
      long softDeadline,
      Partial partial)
      throws InterruptedException {
    String key = commune.key();
    Set<Probe> late = EnumSet.noneOf(Probe.class);
    long dnsTask = activity.start(key, "DNS", key);
    CommuneDiscovery found;
    try {
      found = discovery.discover(commune);
    } finally {
      activity.end(dnsTask);
    }
    Map<String, fr.vigie.coverage.Outcome> ctOutcomes = new TreeMap<>();
    if (ct != null) {
      long ctTask = activity.start(key, "CT", key);
      try {
        found = discovery.addHosts(
            found, ctNames(found, ctOutcomes), HostObservation.Source.CT, MAX_CT_NAMES);
      } finally {
        activity.end(ctTask);
      }
    }
    FindingSink findings = new FindingSink(checks);
    for (DomainObservation d : found.domains()) {
      findings.run(d);
    }
    for (HostObservation h : found.hosts()) {
      findings.run(h);
    }
    checkpoint(
        partial,
        found,
        findings,
        List.of(),
        Map.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        late,
        web != null,
        services != null,
        tls != null);
    if (web != null && System.nanoTime() > softDeadline) {
      late.add(Probe.WEB);
      web = null;
    }
    List<WebObservation> webObservations =
        web == null ? List.of() : probeWeb(web, book, found, key);
    // Names in the certificates the sites presented, and hosts their pages link, post or redirect
    // to, are hosts of the commune no wordlist guessed: one more round, bounded, resolves and
    // probes them like the others (no crawling: only pages the probes fetched anyway).
    if (web != null && !webObservations.isEmpty()) {
      Set<String> named = new TreeSet<>();
      Set<String> linked = new TreeSet<>();
      for (WebObservation w : webObservations) {
        if (!w.https().certificates().isEmpty()) {
          named.addAll(CertificateNames.inScope(w.https().certificates().get(0), found.scope()));
        }
        linked.addAll(linkedHosts(w, found.scope()));
      }
      Set<String> known = new HashSet<>();
      found.hosts().forEach(h -> known.add(h.name()));
      named.removeAll(known);
      linked.removeAll(known);
      linked.removeAll(named);
      if (!named.isEmpty() || !linked.isEmpty()) {
        long task = activity.start(key, "DNS", "certificate names and links");
        CommuneDiscovery more;
        try {
          more =
              discovery.addHosts(found, named, HostObservation.Source.SAN, MAX_CERTIFICATE_NAMES);
          more =
              discovery.addHosts(more, linked, HostObservation.Source.LINK, MAX_CERTIFICATE_NAMES);
        } finally {
          activity.end(task);
        }
        List<HostObservation> added =
            more.hosts().stream().filter(h -> !known.contains(h.name())).toList();
        found = more;
        for (HostObservation h : added) {
          findings.run(h);
        }
        List<WebObservation> all = new ArrayList<>(webObservations);
        all.addAll(probeWeb(web, book, found, added, key));
        webObservations = all;
      }
    }
    Map<String, HttpGrade> grades = new TreeMap<>();
    List<TechObservation> technologies = new ArrayList<>();
    for (WebObservation w : webObservations) {
      List<Finding> hostFindings = findings.run(w);
      HttpGrading.of(w, hostFindings).ifPresent(g -> grades.put(w.host(), g));
      TechObservation tech = settings.technologies()
          ? fingerprinter.identify(w)
          : new TechObservation(w.host(), List.of());
      if (!tech.technologies().isEmpty()) {
        technologies.add(tech);
        findings.run(tech);
      }
    }
    checkpoint(
        partial,
        found,
        findings,
        webObservations,
        grades,
        technologies,
        List.of(),
        List.of(),
        Map.of(),
        late,
        false,
        services != null,
        tls != null);
    // Services first: an HTTPS portal found on 4443, 8443 or 10443 (VPN portals live there) gets
    // the TLS probe and certificate checks like 443.
    if (services != null && System.nanoTime() > softDeadline) {
      late.add(Probe.PORTS);
      services = null;
    }
    List<ServiceObservation> serviceObservations =
        services == null ? List.of() : probeServices(services, found, key);
    Map<String, Set<Integer>> httpsPorts = new HashMap<>();
    for (ServiceObservation o : serviceObservations) {
      for (ServiceObservation.Port p : o.ports()) {
        if (p.open() && p.protocol().equals("https")) {
          o.hosts()
              .forEach(h -> httpsPorts.computeIfAbsent(h, k -> new TreeSet<>()).add(p.port()));
        }
        // An MX that offers STARTTLS: its TLS and certificate are checked over the upgraded
        // connection.
        if (p.open() && p.port() == 25 && p.is(ServiceFact.STARTTLS, "offered")) {
          o.mxHosts()
              .forEach(h -> httpsPorts.computeIfAbsent(h, k -> new TreeSet<>()).add(25));
        }
      }
    }
    // A web server on another port (a VPN portal on 10443) is identified like a site on 443; its
    // technologies are the asset host:port's.
    Map<String, WebObservation> extraWeb = new TreeMap<>();
    if (web != null && settings.technologies()) {
      for (ServiceObservation o : serviceObservations) {
        for (ServiceObservation.Port p : o.ports()) {
          if (!p.open()
              || !(p.protocol().equals("http") || p.protocol().equals("https"))
              || p.port() == 80
              || p.port() == 443) {
            continue;
          }
          for (String host : o.hosts()) {
            String domain = found.scope().domainOf(host).orElse(null);
            if (domain == null) {
              continue;
            }
            WebObservation onPortWeb =
                web.probePort(host, domain, found.scope(), p.protocol(), p.port());
            extraWeb.put(Asset.endpoint(host, p.port()), onPortWeb);
            TechObservation seen = fingerprinter.identify(onPortWeb);
            if (!seen.technologies().isEmpty()) {
              TechObservation onPort =
                  new TechObservation(Asset.endpoint(host, p.port()), seen.technologies());
              technologies.add(onPort);
              findings.run(onPort);
            }
          }
        }
      }
    }
    checkpoint(
        partial,
        found,
        findings,
        webObservations,
        grades,
        technologies,
        serviceObservations,
        List.of(),
        extraWeb,
        late,
        false,
        false,
        tls != null);
    if (tls != null && System.nanoTime() > softDeadline) {
      late.add(Probe.TLS);
      tls = null;
    }
    List<TlsObservation> tlsTried =
        tls == null ? List.of() : probeTls(tls, found, webObservations, httpsPorts, key);
    // The names in an MX's STARTTLS certificate (webmail., autodiscover., the commune's other mail
    // names) are hosts like those of a site's certificate: one more bounded round, web and TLS.
    if (tls != null && web != null && System.nanoTime() <= softDeadline) {
      Set<String> named = new TreeSet<>();
      for (TlsObservation t : tlsTried) {
        if (t.port() == 25 && !t.chain().isEmpty()) {
          named.addAll(CertificateNames.inScope(t.chain().get(0), found.scope()));
        }
      }
      Set<String> known = new HashSet<>();
      found.hosts().forEach(h -> known.add(h.name()));
      named.removeAll(known);
      if (!named.isEmpty()) {
        CommuneDiscovery more =
            discovery.addHosts(found, named, HostObservation.Source.SAN, MAX_CERTIFICATE_NAMES);
        List<HostObservation> added =
            more.hosts().stream().filter(h -> !known.contains(h.name())).toList();
        found = more;
        List<WebObservation> addedWeb = probeWeb(web, book, found, added, key);
        for (HostObservation h : added) {
          findings.run(h);
        }
        for (WebObservation w : addedWeb) {
          List<Finding> hostFindings = findings.run(w);
          HttpGrading.of(w, hostFindings).ifPresent(g -> grades.put(w.host(), g));
          TechObservation tech = settings.technologies()
              ? fingerprinter.identify(w)
              : new TechObservation(w.host(), List.of());
          if (!tech.technologies().isEmpty()) {
            technologies.add(tech);
            findings.run(tech);
          }
        }
        List<WebObservation> allWeb = new ArrayList<>(webObservations);
        allWeb.addAll(addedWeb);
        webObservations = allWeb;
        CommuneDiscovery only = new CommuneDiscovery(
            found.commune(),
            found.scope(),
            found.domains(),
            added,
            found.wordlistDomains(),
            found.unanswered());
        List<TlsObservation> allTls = new ArrayList<>(tlsTried);
        allTls.addAll(probeTls(tls, only, addedWeb, Map.of(), key));
        tlsTried = allTls;
      }
    }
    // A port where nothing listens is no TLS endpoint: not worth storing for every host (the
    // coverage keeps what it got).
    List<TlsObservation> tlsObservations =
        tlsTried.stream().filter(TlsObservation::answered).toList();
    Map<String, TlsGrade> tlsGrades = new TreeMap<>();
    for (TlsObservation t : tlsObservations) {
      List<Finding> hostFindings = findings.run(t);
      TlsGrading.of(t, hostFindings)
          .ifPresent(g -> tlsGrades.put(Asset.endpoint(t.host(), t.port()), g));
    }
    // Versions read from service banners are judged with the same data as the web's (Exim).
    for (TechObservation banner : Banners.technologies(serviceObservations)) {
      technologies.add(banner);
      findings.run(banner);
    }
    for (ServiceObservation o : serviceObservations) {
      findings.run(o);
    }
    Coverage coverage = CoverageRecorder.record(
        settings,
        found,
        webObservations,
        extraWeb,
        tlsTried,
        serviceObservations,
        late,
        ctOutcomes);
    return new CommuneResult(
        found,
        List.copyOf(findings.values()),
        webObservations,
        grades,
        tlsObservations,
        tlsGrades,
        technologies,
        serviceObservations,
        coverage,
        List.of(),
        Set.of());
  }

  /**
   * Keeps what the commune's scan has finished, as copies, so that a budget running out stores
   * it: the families still to come ({@code webToCome}…) are then "no answer".
   */
  private void checkpoint(
      Partial partial,
      CommuneDiscovery found,
      FindingSink findings,
      List<WebObservation> web,
      Map<String, HttpGrade> grades,
      List<TechObservation> technologies,
      List<ServiceObservation> services,
      List<TlsObservation> tls,
      Map<String, WebObservation> extraWeb,
      Set<Probe> late,
      boolean webToCome,
      boolean portsToCome,
      boolean tlsToCome) {
    List<Finding> f = List.copyOf(findings.values());
    List<WebObservation> w = List.copyOf(web);
    Map<String, HttpGrade> g = Map.copyOf(grades);
    List<TechObservation> t = List.copyOf(technologies);
    List<ServiceObservation> v = List.copyOf(services);
    Map<String, WebObservation> x = Map.copyOf(extraWeb);
    Set<Probe> notDone = EnumSet.noneOf(Probe.class);
    notDone.addAll(late);
    if (webToCome) {
      notDone.add(Probe.WEB);
    }
    if (portsToCome) {
      notDone.add(Probe.PORTS);
    }
    if (tlsToCome) {
      notDone.add(Probe.TLS);
    }
    partial.sofar = () -> new CommuneResult(
        found,
        f,
        w,
        g,
        List.of(),
        Map.of(),
        t,
        v,
        CoverageRecorder.record(settings, found, w, x, tls, v, notDone, Map.of()),
        List.of(),
        Set.of());
  }

  /**
   * Each in-scope host with a probe-able address, on 443 and on any other HTTPS port its own
   * redirects used.
   */
  private List<TlsObservation> probeTls(
      Probes.Tls tls,
      CommuneDiscovery found,
      List<WebObservation> web,
      Map<String, Set<Integer>> servicePorts,
      String commune)
      throws InterruptedException {
    Map<String, Set<Integer>> ports = new LinkedHashMap<>();
    servicePorts.forEach(
        (host, set) -> ports.computeIfAbsent(host, k -> new TreeSet<>()).addAll(set));
    for (WebObservation w : web) {
      for (HttpObservation o : List.of(w.http(), w.https())) {
        for (HttpObservation.Hop hop : o.hops()) {
          WebUrl.parse(hop.url())
              .filter(url -> url.https() && url.host().equals(w.host()))
              .ifPresent(
                  url -> ports.computeIfAbsent(w.host(), k -> new TreeSet<>()).add(url.port()));
        }
      }
    }
    // A host whose web probe timed out on both HTTP and HTTPS has timed out twice: it is given
    // up, its TLS is "not reached" at no further cost (nine handshakes of 10 s each otherwise).
    Set<String> silent = new HashSet<>();
    for (WebObservation w : web) {
      if (w.http().end() == HttpObservation.End.TIMEOUT
          && w.https().end() == HttpObservation.End.TIMEOUT) {
        silent.add(w.host());
      }
    }
    List<TlsObservation> givenUp = new ArrayList<>();
    List<Future<TlsObservation>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (HostObservation h : found.hosts()) {
        List<InetAddress> addresses = h.addresses().stream()
            .filter(HostObservation.Address::probe)
            .map(a -> Discovery.literal(a.address()))
            .toList();
        if (!h.inScope() || addresses.isEmpty() || !DomainNames.isValidHostName(h.name())) {
          continue;
        }
        Set<Integer> hostPorts = new TreeSet<>(ports.getOrDefault(h.name(), Set.of()));
        hostPorts.add(443);
        for (int port : hostPorts) {
          if (silent.contains(h.name()) && port == 443) {
            givenUp.add(new TlsObservation(
                h.name(),
                addresses.get(0).getHostAddress(),
                port,
                "given up: the host timed out twice",
                List.of(),
                List.of(),
                null,
                null,
                List.of(),
                0));
            continue;
          }
          futures.add(pool.submit(() -> {
            long task = activity.start(commune, "TLS", h.name() + ":" + port);
            try {
              return issuers.complete(tls.probe(h.name(), addresses.get(0), port));
            } catch (RuntimeException e) {
              return new TlsObservation(
                  h.name(),
                  addresses.get(0).getHostAddress(),
                  port,
                  "probe failed: " + fr.vigie.Text.shown(String.valueOf(e.getMessage()), 200),
                  List.of(),
                  List.of(),
                  null,
                  null,
                  List.of(),
                  0);
            } finally {
              activity.end(task);
            }
          }));
        }
      }
    }
    List<TlsObservation> out = new ArrayList<>(givenUp);
    for (Future<TlsObservation> f : futures) {
      out.add(get(f));
    }
    return out;
  }

  /** Every probe-able address of the commune's in-scope hosts, once, with the names on it. */
  private List<ServiceObservation> probeServices(
      Probes.Ports services, CommuneDiscovery found, String commune) throws InterruptedException {
    Map<String, List<String>> hosts = new TreeMap<>();
    Map<String, List<String>> mx = new TreeMap<>();
    for (HostObservation h : found.hosts()) {
      if (!h.inScope()) {
        continue;
      }
      for (HostObservation.Address a : h.addresses()) {
        if (a.probe()) {
          hosts.computeIfAbsent(a.address(), k -> new ArrayList<>()).add(h.name());
          if (h.sources().contains(HostObservation.Source.MX)) {
            mx.computeIfAbsent(a.address(), k -> new ArrayList<>()).add(h.name());
          }
        }
      }
    }
    List<ServiceObservation> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : hosts.entrySet()) {
      String address = e.getKey();
      CompletableFuture<List<ServiceObservation.Port>> mine = new CompletableFuture<>();
      CompletableFuture<List<ServiceObservation.Port>> known = ports.putIfAbsent(address, mine);
      List<ServiceObservation.Port> result;
      if (known == null) {
        long task = activity.start(commune, "ports", address);
        try {
          result = services
              .probe(Discovery.literal(address), e.getValue(), List.of(), settings.ports())
              .ports();
          mine.complete(result);
        } catch (InterruptedException failure) {
          ports.remove(address, mine);
          mine.completeExceptionally(failure);
          throw failure;
        } catch (RuntimeException failure) {
          // This address is not known (no "ports" in the coverage: its services stay unknown);
          // the commune's other addresses go on.
          mine.completeExceptionally(failure);
          continue;
        } finally {
          activity.end(task);
        }
      } else {
        try {
          result = known.get();
        } catch (ExecutionException failure) {
          continue; // the commune that probed it failed; this one reports no service for it
        }
      }
      out.add(new ServiceObservation(
          address, e.getValue(), mx.getOrDefault(address, List.of()), result));
    }
    return out;
  }

  /** In-scope hosts a page links, posts or redirects to (the redirects' own hosts included). */
  static Set<String> linkedHosts(WebObservation w, Scope scope) {
    Set<String> out = new TreeSet<>();
    List<String> urls = new ArrayList<>();
    for (HttpObservation o : List.of(w.http(), w.https())) {
      for (HttpObservation.Hop hop : o.hops()) {
        urls.add(hop.url());
        hop.first("Location").ifPresent(urls::add);
      }
      if (o.body() != null && o.body().html() != null) {
        urls.addAll(o.body().html().hrefs());
      }
    }
    for (String u : urls) {
      WebUrl url = WebUrl.parse(u).orElse(null);
      if (url != null
          && !url.host().equals(w.host())
          && scope.contains(url.host())
          && DomainNames.isValidHostName(url.host())) {
        out.add(url.host());
      }
    }
    return out;
  }

  /** Names taken from CT per commune and scan (a big town's logs list thousands). */
  static final int MAX_CT_NAMES = 200;

  /** New names taken from certificates per commune and scan: a bound on one extra round. */
  static final int MAX_CERTIFICATE_NAMES = 50;

  private static <T> T get(Future<T> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Every in-scope host with an address the guard allows, probed concurrently. */
  private List<WebObservation> probeWeb(
      Probes.Web web, AddressBook book, CommuneDiscovery found, String commune)
      throws InterruptedException {
    return probeWeb(web, book, found, found.hosts(), commune);
  }

  private List<WebObservation> probeWeb(
      Probes.Web web,
      AddressBook book,
      CommuneDiscovery found,
      List<HostObservation> which,
      String commune)
      throws InterruptedException {
    List<Future<WebObservation>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (HostObservation h : which) {
        List<InetAddress> addresses = h.addresses().stream()
            .filter(HostObservation.Address::probe)
            .map(a -> Discovery.literal(a.address()))
            .toList();
        String domain = found.scope().domainOf(h.name()).orElse(null);
        if (!h.inScope()
            || addresses.isEmpty()
            || domain == null
            || !DomainNames.isValidHostName(h.name())) {
          continue;
        }
        book.put(h.name(), addresses);
        futures.add(pool.submit(() -> {
          long task = activity.start(commune, "web", h.name());
          try {
            return web.probe(h.name(), domain, found.scope());
          } catch (RuntimeException e) {
            // One host's failure is that host's, recorded: the commune's other hosts go on.
            String why =
                "probe failed: " + fr.vigie.Text.shown(String.valueOf(e.getMessage()), 200);
            HttpObservation none = new HttpObservation(
                h.name(), "http", List.of(), HttpObservation.End.ERROR, why, null, null);
            HttpObservation noneTls = new HttpObservation(
                h.name(), "https", List.of(), HttpObservation.End.ERROR, why, null, null);
            return new WebObservation(h.name(), domain, none, noneTls, null, List.of(), List.of());
          } finally {
            activity.end(task);
          }
        }));
      }
    }
    List<WebObservation> out = new ArrayList<>();
    for (Future<WebObservation> f : futures) {
      out.add(get(f));
    }
    return out;
  }
}
