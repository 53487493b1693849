package fr.vigie.engine;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Finding;
import fr.vigie.net.DnsAnswer;
import fr.vigie.net.DnsClient;
import fr.vigie.net.FakeDns;
import fr.vigie.store.ScanRepository;
import fr.vigie.store.Store;
import fr.vigie.target.Commune;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine over a table-driven DNS: no sockets, a pinned clock. */
class ScanEngineTest {

  @TempDir Path dir;

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T01:00:00Z"), ZoneOffset.UTC);

  private static FakeDns montval() {
    return new FakeDns()
        .add("montval.fr", "SOA", "ns1.h.fr. hostmaster.montval.fr. 1 3600 600 86400 300")
        .add("montval.fr", "NS", "ns1.h.fr.")
        .add("montval.fr", "A", "192.0.2.10")
        .add("montval.fr", "MX", "10 mail.montval.fr.")
        .add("montval.fr", "TXT", "v=spf1 mx +all")
        .add("mail.montval.fr", "A", "192.0.2.11")
        .add("www.montval.fr", "A", "192.0.2.10")
        .set("ancien.montval.fr", "A", new DnsAnswer.NxDomain(List.of("montval.hebergeur-disparu.fr")));
  }

  private ScanEngine.Outcome scan(DnsClient dns, List<Commune> communes, Path db) {
    ScanSettings settings = ScanSettings.builder(List.of("www", "mail", "ancien", "vpn")).web(false).build();
    try (Store store = Store.open(db, true)) {
      return new ScanEngine(settings, dns, CLOCK).run(communes, "test", new ScanRepository(store), ScanListener.NONE);
    }
  }

  @Test
  void shouldFindHostsAndFindingsAndStoreACompletedScan() {
    ScanEngine.Outcome outcome = scan(montval(), List.of(Commune.adHoc("montval.fr")), dir.resolve("a.db"));

    assertThat(outcome.status()).isEqualTo("completed");
    assertThat(outcome.failed()).isZero();
    assertThat(outcome.hosts()).isEqualTo(4); // apex, www, mail, ancien
    assertThat(outcome.findings()).extracting(Finding::check)
        .containsExactly("dns.dangling-cname", "mail.spf.permissive", "mail.dmarc.missing", "dns.dnssec.missing", "dns.caa.missing");
    try (Store store = Store.open(dir.resolve("a.db"), false)) {
      assertThat(new ScanRepository(store).listScans()).singleElement().satisfies(s -> {
        assertThat(s.status()).isEqualTo("completed");
        assertThat(s.started()).isEqualTo(CLOCK.instant());
        assertThat(s.communesDone()).isEqualTo(1);
      });
    }
  }

  @Test
  void shouldGiveTheSameFindingsForTheSameInputs() {
    List<Commune> communes = List.of(Commune.adHoc("montval.fr"));

    List<String> first = scan(montval(), communes, dir.resolve("a.db")).findings().stream().map(Finding::key).toList();
    List<String> second = scan(montval(), communes, dir.resolve("b.db")).findings().stream().map(Finding::key).toList();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldRecordACommuneThatFailedAndGoOnWithTheOthers() {
    FakeDns table = montval();
    DnsClient flaky = (name, type) -> {
      if (name.contains("casse.fr")) {
        throw new IllegalStateException("bug in a probe");
      }
      return table.query(name, type);
    };

    ScanEngine.Outcome outcome =
        scan(flaky, List.of(Commune.adHoc("casse.fr"), Commune.adHoc("montval.fr")), dir.resolve("c.db"));

    assertThat(outcome.failed()).isEqualTo(1);
    assertThat(outcome.findings()).isNotEmpty();
    try (Store store = Store.open(dir.resolve("c.db"), false)) {
      ScanRepository repo = new ScanRepository(store);
      long id = repo.latestScanId().orElseThrow();
      assertThat(repo.communes(id)).extracting(ScanRepository.ScanCommune::key, ScanRepository.ScanCommune::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("casse.fr", "failed"), org.assertj.core.groups.Tuple.tuple("montval.fr", "done"));
    }
  }
}
