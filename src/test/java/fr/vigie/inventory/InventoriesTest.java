package fr.vigie.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoriesTest {

  @TempDir
  Path dir;

  @Test
  void shouldImportTownHallsFromTheAnnuaire() throws Exception {
    Path file = Path.of("src/test/resources/fixtures/annuaire/extrait.json");

    Inventory inventory = Inventories.read(file, "annuaire");

    assertThat(inventory.communes())
        .containsExactly(
            new Commune("71076", "Chalon-sur-Saône", List.of("www.chalon.fr", "chalon.fr")),
            new Commune("45208", "Montargis", List.of("www.montargis.fr")),
            new Commune("78327", "Juziers", List.of("mairie-juziers.fr")),
            new Commune(
                "91228", "Évry-Courcouronnes", List.of("www.xn--vry-courcouronnes-9sb.fr")));
    assertThat(inventory.problems())
        .extracting(Inventory.Problem::toString)
        .anySatisfy(p -> assertThat(p).contains("'pas une adresse'"))
        .anySatisfy(
            p -> assertThat(p).contains("01999 Petit-Village: no website and no own mail domain"));
  }

  @Test
  void shouldReadAndWriteTheJsonInventory() throws Exception {
    Path file = dir.resolve("region.json");
    Files.writeString(file, """
        {"communes": [
          {"insee": "71076", "name": "Chalon-sur-Saône", "domains": ["chalonsursaone.fr", "https://www.chalon.fr/"]},
          {"insee": "7107", "name": "Faux", "domains": ["faux.fr"]},
          {"insee": "45208", "name": "Montargis", "domains": "montargis.fr"}
        ]}
        """);

    Inventory inventory = Inventories.read(file, null);

    assertThat(inventory.communes()).extracting(Commune::insee).containsExactly("71076", "45208");
    assertThat(inventory.communes().get(0).seeds())
        .containsExactly("chalonsursaone.fr", "www.chalon.fr");
    assertThat(inventory.problems())
        .extracting(Inventory.Problem::toString)
        .containsExactly(
            file + ":2: invalid INSEE code '7107' (5 characters, e.g. 71076 or 2A004)");
    Path back = dir.resolve("back.json");
    Files.writeString(back, JsonInventoryReader.write(inventory.communes()));
    assertThat(Inventories.read(back, "json").communes()).isEqualTo(inventory.communes());
  }

  @Test
  void shouldNameTheLineOfInvalidJson() throws Exception {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"communes\": [\n  {\"insee\": \"71076\",,}\n]}");

    assertThatThrownBy(() -> Inventories.read(file, null))
        .hasMessageStartingWith(file + ":2: not valid JSON");
  }

  /** The 36,633 real host names of the etalab list, as an annuaire export: import at scale. */
  @Test
  void shouldImportTheWholeCountry() throws Exception {
    Path list = Path.of("..", "shared", "data", "domains-communes-2022-12-12.csv");
    assumeTrue(Files.isReadable(list), "shared data not present");
    Path export = dir.resolve("annuaire.json");
    int n = 0;
    try (BufferedReader reader = Files.newBufferedReader(list, StandardCharsets.UTF_8);
        var out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
      reader.readLine();
      out.write("[\n");
      String line;
      while ((line = reader.readLine()) != null) {
        String host = line.split(",", 2)[0];
        String insee = String.format("%05d", 10_000 + n);
        out.write((n == 0 ? "" : ",\n") + "{\"nom\": \"Mairie de C" + n
            + "\", \"pivot\": \"[{\\\"type_service_local\\\": \\\"mairie\\\", "
            + "\\\"code_insee_commune\\\": [\\\"" + insee
            + "\\\"]}]\", \"site_internet\": \"[{\\\"valeur\\\": \\\"https://" + host
            + "/\\\"}]\"}");
        n++;
      }
      out.write("\n]\n");
    }

    long begin = System.nanoTime();
    Inventory inventory = Inventories.read(export, "annuaire");
    long millis = (System.nanoTime() - begin) / 1_000_000;

    assertThat(inventory.communes().size()).isGreaterThan(36_000);
    assertThat(inventory.communes().size() + inventory.problems().size()).isGreaterThanOrEqualTo(n);
    System.out.println("imported " + inventory.communes().size() + " of " + n
        + " annuaire records in " + millis + " ms");
  }
}
