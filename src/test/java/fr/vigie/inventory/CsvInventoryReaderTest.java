package fr.vigie.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInventoryReaderTest {

  @Test
  void shouldReadCommunesWithHeaderCommentsAndSeveralDomains() {
    String csv = """
        # inventaire de test
        insee,name,domains
        71076,Chalon-sur-Saône,chalonsursaone.fr

        45208,Montargis,montargis.fr www.montargis.fr;https://extranet.montargis.fr/
        2a004,Ajaccio,ajaccio.fr
        """;

    Inventory inventory = CsvInventoryReader.parse("t.csv", csv);

    assertThat(inventory.problems()).isEmpty();
    assertThat(inventory.communes())
        .containsExactly(
            new Commune("71076", "Chalon-sur-Saône", List.of("chalonsursaone.fr")),
            new Commune(
                "45208",
                "Montargis",
                List.of("montargis.fr", "www.montargis.fr", "extranet.montargis.fr")),
            new Commune("2A004", "Ajaccio", List.of("ajaccio.fr")));
  }

  @Test
  void shouldReportEachBadLineWithFileAndLineAndKeepTheOthers() {
    String csv = """
        insee,name,domains
        71076,Chalon-sur-Saône,chalonsursaone.fr
        7107,Trop court,exemple.fr
        45208,Montargis
        45209,Une IP,203.0.113.7
        45210,Suffixe public,gouv.fr
        45211,"Nom, avec virgule",virgule.fr
        45212,Sans domaine,
        71076,Doublon,autre.fr
        45213,"guillemet non fermé,x.fr
        """;

    Inventory inventory = CsvInventoryReader.parse("region.csv", csv);

    assertThat(inventory.communes()).extracting(Commune::insee).containsExactly("71076", "45211");
    assertThat(inventory.communes().get(1).name()).isEqualTo("Nom, avec virgule");
    assertThat(inventory.problems())
        .extracting(Inventory.Problem::toString)
        .containsExactly(
            "region.csv:3: invalid INSEE code '7107' (5 characters, e.g. 71076 or 2A004)",
            "region.csv:4: expected 3 fields (insee,name,domains) or 4 (…,contact), found 2",
            "region.csv:5: '203.0.113.7' is an IP address, not a domain",
            "region.csv:6: 'gouv.fr' is a public suffix, not a registrable domain",
            "region.csv:8: no domain for 45212 Sans domaine",
            "region.csv:9: duplicate INSEE code 71076 (first one kept)",
            "region.csv:10: unterminated quoted field");
  }

  @Test
  void shouldAcceptBomCrlfAndIdnWithoutHeader(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.csv");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "91228,Évry-Courcouronnes,évry.fr\r\n91229,Autre,https://www.Autre.fr/\r\n"
        .getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    Files.write(file, all);

    Inventory inventory = CsvInventoryReader.read(file);

    assertThat(inventory.problems()).isEmpty();
    assertThat(inventory.communes())
        .containsExactly(
            new Commune("91228", "Évry-Courcouronnes", List.of("xn--vry-9la.fr")),
            new Commune("91229", "Autre", List.of("www.autre.fr")));
  }

  @Test
  void shouldRefuseAFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, "91228,\u00c9vry,evry.fr\n".getBytes(StandardCharsets.ISO_8859_1));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CsvInventoryReader.read(file))
        .hasMessageContaining("not UTF-8");
  }

  /** The 36,633 real commune host names of the etalab list normalise without a surprise. */
  @Test
  void shouldNormaliseEveryRealCommuneHostName() throws Exception {
    Path list = Path.of("..", "shared", "data", "domains-communes-2022-12-12.csv");
    assumeTrue(Files.isReadable(list), "shared data not present");
    int ok = 0;
    List<String> refused = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
      reader.readLine();
      String line;
      while ((line = reader.readLine()) != null) {
        String name = line.split(",", 2)[0];
        try {
          String normalised = DomainNames.normalise(name);
          DomainNames.registrableDomain(normalised);
          assertThat(normalised).isEqualTo(normalised.toLowerCase(Locale.ROOT));
          ok++;
        } catch (InvalidTargetException e) {
          refused.add(name + ": " + e.getMessage());
        }
      }
    }
    assertThat(ok).isGreaterThan(36_000);
    assertThat(refused).hasSizeLessThan(50);
  }
}
