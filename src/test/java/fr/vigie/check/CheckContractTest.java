package fr.vigie.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered check: a valid unique id, a complete catalogue entry in both languages, a
 * test that extends {@link CheckContract}, ids never reused or dropped, and README's tables in
 * step with the catalogue.
 */
class CheckContractTest {

  /**
   * Checks allowed, for a while, without a {@link CheckContract} test: none any more. A check
   * added without its contract test fails here.
   */
  private static final Set<String> PENDING = Set.of();

  private static final Path PUBLISHED = Path.of("src/test/resources/checks/published-ids.txt");

  static Stream<String> ids() {
    return Checks.all(Clock.systemUTC(), fr.vigie.check.tls.TrustAnchors.of(List.of()))
        .list()
        .stream()
        .flatMap(c -> c.ids().stream());
  }

  @Test
  void shouldHaveUniqueIds() {
    List<String> ids = ids().toList();

    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void shouldHaveAnIdOfAKnownFamily(String id) {
    assertThat(id).matches(CheckCatalogue.ID_PATTERN);
  }

  @ParameterizedTest
  @MethodSource("ids")
  void shouldHaveTitlesRemediationAndReferenceInTheCatalogue(String id) {
    CheckCatalogue.Entry entry = CheckCatalogue.builtIn()
        .find(id)
        .orElseThrow(() -> new AssertionError(id + " is missing from catalogue.yaml"));

    assertThat(entry.titleFr()).isNotBlank().isNotEqualTo(entry.titleEn());
    assertThat(entry.titleEn()).isNotBlank();
    assertThat(entry.remediationFr()).hasSizeGreaterThan(60);
    assertThat(entry.remediationEn()).hasSizeGreaterThan(60);
    assertThat(entry.reference()).startsWith("https://");
  }

  @ParameterizedTest
  @MethodSource("checks")
  void shouldHaveAContractTest(String checkClass) throws Exception {
    String simple = checkClass.substring(checkClass.lastIndexOf('.') + 1);
    boolean contract;
    try {
      contract = CheckContract.class.isAssignableFrom(Class.forName(checkClass + "Test"));
    } catch (ClassNotFoundException e) {
      contract = false;
    }
    if (!contract) {
      assertThat(PENDING)
          .as(checkClass + "Test, extending CheckContract, is missing")
          .contains(simple);
      return;
    }
    assertThat(PENDING)
        .as(simple + " has its contract test: take it off PENDING")
        .doesNotContain(simple);
  }

  static Stream<String> checks() {
    return Checks.builtIn().list().stream().map(c -> c.getClass().getName());
  }

  @Test
  void shouldNeverDropOrReuseAnId() throws Exception {
    Set<String> published = new TreeSet<>();
    for (String line : Files.readAllLines(PUBLISHED)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        published.add(line.strip());
      }
    }
    Set<String> registered = new TreeSet<>(ids().toList());
    Set<String> retired = CheckCatalogue.builtIn().retired().keySet();

    assertThat(registered)
        .as("a new id is public API: add it to " + PUBLISHED)
        .isSubsetOf(published);
    assertThat(published)
        .as("an id no check raises any more goes to catalogue.yaml retired:, never away")
        .allMatch(id -> registered.contains(id) || retired.contains(id));
    assertThat(retired)
        .as("a retired id is never raised again")
        .doesNotContainAnyElementsOf(registered);
    assertThat(retired)
        .as("a retired id has no catalogue entry")
        .doesNotContainAnyElementsOf(CheckCatalogue.builtIn().entries().keySet());
    CheckCatalogue.builtIn().retired().values().forEach(r -> {
      assertThat(r.since()).as(r.id() + " since").matches("\\d{4}-\\d{2}-\\d{2}");
      assertThat(r.reason()).as(r.id() + " reason").isNotBlank();
    });
  }

  /** README's check tables: | `id`, `id` | severity | what |. */
  private static final Pattern ROW =
      Pattern.compile("^\\s*\\|\\s*(`[a-z][^|]*)\\|\\s*([^|]*)\\|", Pattern.MULTILINE);

  private static final Pattern ID_IN_CELL = Pattern.compile("`([a-z]+(?:\\.[a-z0-9-]+)+)`");

  @Test
  void shouldDocumentEveryIdInReadmeWithItsCatalogueSeverity() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    Map<String, String> documented = new HashMap<>();
    Matcher row = ROW.matcher(readme);
    while (row.find()) {
      Matcher id = ID_IN_CELL.matcher(row.group(1));
      while (id.find()) {
        if (CheckCatalogue.ID_PATTERN.matcher(id.group(1)).matches()) {
          documented.put(id.group(1), row.group(2).strip());
        }
      }
    }
    Map<String, CheckCatalogue.Entry> catalogue = CheckCatalogue.builtIn().entries();

    assertThat(documented.keySet())
        .as("ids in README's tables that the catalogue does not know")
        .isSubsetOf(catalogue.keySet());
    for (CheckCatalogue.Entry e : catalogue.values()) {
      assertThat(documented).as(e.id() + " in a README check table").containsKey(e.id());
      assertThat(documented.get(e.id()))
          .as("README's severity for " + e.id())
          .contains(e.severity().id());
    }
  }

  @Test
  void shouldListOnlyRegisteredChecksInTheCatalogue() {
    Set<String> registered = new HashSet<>(ids().toList());

    assertThat(CheckCatalogue.builtIn().entries().keySet()).allMatch(registered::contains);
  }
}
