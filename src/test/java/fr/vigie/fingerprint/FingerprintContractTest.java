package fr.vigie.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.engine.ScanEngine;
import fr.vigie.engine.ScanListener;
import fr.vigie.engine.ScanSettings;
import fr.vigie.fingerprint.Detection.Precision;
import fr.vigie.fingerprint.Rules.Signal;
import fr.vigie.fingerprint.Rules.Technology;
import fr.vigie.net.AddressGuard;
import fr.vigie.net.DnsjavaClient;
import fr.vigie.observation.WebObservation;
import fr.vigie.probe.HttpSettings;
import fr.vigie.store.ScanCommune;
import fr.vigie.store.Store;
import fr.vigie.testbed.Captures;
import fr.vigie.testbed.Captures.Expected;
import fr.vigie.testbed.Scenario;
import fr.vigie.testbed.Scenario.CommuneSpec;
import fr.vigie.testbed.Scenario.HostSpec;
import fr.vigie.testbed.Scenario.Site;
import fr.vigie.testbed.Testbed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of the technology rules, over every capture: the testbed serves each one (real
 * answers of the software, or a fixture written from its source) on a host of its own, a real
 * scan probes them, and the rules must find exactly the technologies and versions the capture
 * declares, and none it lists as absent. Every technology must have a positive and a negative
 * capture, and every signal that reads a version must read the right one somewhere.
 */
class FingerprintContractTest {

  private static final String DOMAIN = "captures.test";
  private static Testbed testbed;
  private static final Map<String, List<Detection>> found = new LinkedHashMap<>();
  private static final Map<String, WebObservation> web = new LinkedHashMap<>();

  @TempDir
  static Path dir;

  static List<String> captures() {
    return Captures.names();
  }

  static String host(String capture) {
    return capture.replace('.', '-') + "." + DOMAIN;
  }

  @BeforeAll
  static void scan() throws Exception {
    Map<String, HostSpec> hosts = new LinkedHashMap<>();
    List<String> seeds = new ArrayList<>();
    for (String name : captures()) {
      Site site = new Site(null, null, null, null, null, null, null, null, null, null, null, name);
      hosts.put(name.replace('.', '-'), new HostSpec(null, site, site));
      seeds.add(host(name));
    }
    Scenario scenario = new Scenario(
        Map.of(),
        List.of(new CommuneSpec("99900", "Captures", DOMAIN, seeds, List.of(), hosts)),
        List.of());
    testbed = Testbed.start(scenario, 0);
    ScanSettings settings = ScanSettings.builder(List.of())
        .resolvers(List.of(testbed.dnsAddress()))
        .addressPolicy(AddressGuard.Policy.LOOPBACK_ONLY)
        .http(HttpSettings.defaults().withPortMap(testbed.portMap()))
        .tls(false)
        .ports(List.of())
        .spacing(Duration.ZERO)
        .build();
    try (Store store = Store.open(dir.resolve("captures.db"), true)) {
      fr.vigie.store.ScanLog scanLog = new fr.vigie.store.ScanLog(store);
      fr.vigie.store.ScanReader scanReader = new fr.vigie.store.ScanReader(store);
      fr.vigie.store.CommuneWriter communeWriter = new fr.vigie.store.CommuneWriter(store);
      fr.vigie.diff.Snapshots snapshots = new fr.vigie.diff.Snapshots(scanLog, scanReader);
      fr.vigie.store.CtCache ctCache = new fr.vigie.store.CtCache(store);
      ScanEngine.Outcome outcome = new ScanEngine(
              settings,
              new DnsjavaClient(settings.resolvers(), Duration.ofSeconds(1), 1, 64),
              Clock.systemUTC())
          .run(testbed.communes(), "contract", store, ScanListener.NONE);
      for (ScanCommune c : scanLog.communes(outcome.scanId())) {
        found.putAll(scanReader.technologies(outcome.scanId(), c.id()));
        for (WebObservation w : scanReader.web(outcome.scanId(), c.id())) {
          web.put(w.host(), w);
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    testbed.close();
  }

  private static String describe(Detection d) {
    return d.name()
        + (d.version() == null
            ? ""
            : " " + d.version() + " (" + d.precision().name().toLowerCase() + ")");
  }

  private static String describe(Expected e) {
    return e.name()
        + (e.version() == null ? "" : " " + e.version() + " (" + e.precisionOrDefault() + ")");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void eachCaptureIsIdentifiedExactly(String capture) {
    Captures.Meta meta = Captures.get(capture).meta();
    assertThat(web).as("the scan reached %s", host(capture)).containsKey(host(capture));
    List<Detection> detections = found.getOrDefault(host(capture), List.of());
    Set<String> actual = detections.stream()
        .map(FingerprintContractTest::describe)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> wanted = meta.expect().stream()
        .map(FingerprintContractTest::describe)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(actual).as("technologies of %s", capture).isEqualTo(wanted);
    for (String absent : meta.absent()) {
      assertThat(detections)
          .extracting(Detection::name)
          .as("%s must not be found on %s", absent, capture)
          .doesNotContain(absent);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captures")
  void eachCaptureSaysWhereItComesFrom(String capture) {
    Captures.Meta meta = Captures.get(capture).meta();
    assertThat(meta.origin()).isIn("captured", "reconstructed");
    assertThat(meta.source()).isNotBlank();
    assertThat(LocalDate.parse(meta.captured())).isBeforeOrEqualTo(LocalDate.now());
    assertThat(meta.responses()).isNotEmpty();
    assertThat(meta.expect())
        .extracting(Expected::name)
        .allMatch(n -> technology(n) != null, "a known technology");
    assertThat(meta.absent()).allMatch(n -> technology(n) != null, "a known technology");
  }

  @Test
  void everyTechnologyHasAPositiveAndANegativeCapture() {
    Set<String> positive = new TreeSet<>();
    Set<String> negative = new TreeSet<>();
    for (String c : captures()) {
      Captures.Meta meta = Captures.get(c).meta();
      meta.expect().forEach(e -> positive.add(e.name()));
      negative.addAll(meta.absent());
    }
    List<String> names =
        Rules.builtIn().technologies().stream().map(Technology::name).toList();
    assertThat(positive).as("technologies with a capture that shows them").containsAll(names);
    assertThat(negative)
        .as("technologies with a capture that must not show them")
        .containsAll(names);
  }

  @Test
  void everyVersionSignalReadsTheRightVersionSomewhere() {
    Fingerprinter fingerprinter = Fingerprinter.builtIn();
    for (Technology t : Rules.builtIn().technologies()) {
      for (Signal s : t.signals()) {
        if (s.version() == Precision.UNKNOWN) {
          continue;
        }
        List<String> read = new ArrayList<>();
        for (String c : captures()) {
          WebObservation w = web.get(host(c));
          if (found.getOrDefault(host(c), List.of()).stream()
              .noneMatch(d -> d.name().equals(t.name()))) {
            continue; // a signal of a technology that is not there reads nothing that counts
          }
          String version = w == null ? null : fingerprinter.matches(t, w).get(s);
          if (version == null || version.isEmpty()) {
            continue;
          }
          Expected expected = Captures.get(c).meta().expect().stream()
              .filter(e -> e.name().equals(t.name()))
              .findFirst()
              .orElse(null);
          assertThat(expected)
              .as(
                  "%s read version %s from %s, which does not declare %s",
                  s.describe(), version, c, t.name())
              .isNotNull();
          assertThat(Version.of(expected.version()).within(Version.of(version)))
              .as(
                  "%s of %s read %s from %s, declared %s",
                  s.describe(), t.name(), version, c, expected.version())
              .isTrue();
          read.add(c);
        }
        assertThat(read)
            .as("captures where %s of %s reads a version", s.describe(), t.name())
            .isNotEmpty();
      }
    }
  }

  @Test
  void everyProductKeyHasVersionData() {
    for (Technology t : Rules.builtIn().technologies()) {
      if (t.product() != null) {
        assertThat(VersionIntel.builtIn().product(t.product()))
            .as("versions/%s.yaml", t.product())
            .isPresent();
      }
    }
  }

  @Test
  void everyRuleAndVersionFileIsListedForRulesStatus() throws Exception {
    String listed;
    try (var in = FingerprintContractTest.class.getResourceAsStream("/fr/vigie/data-files.txt")) {
      listed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String file : Rules.files()) {
      assertThat(listed).contains("fr/vigie/fingerprint/rules/" + file + " ");
    }
    for (String product : VersionIntel.builtIn().products().keySet()) {
      assertThat(listed).contains("fr/vigie/fingerprint/versions/" + product + ".yaml ");
    }
  }

  private static Technology technology(String name) {
    return Rules.builtIn().technologies().stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElse(null);
  }
}
