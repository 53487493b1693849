package fr.vigie.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The version data against its sources: every CISA KEV entry of a product vigie judges is either
 * a range in that product's file or listed there as deliberately left out, with the reason; and
 * the distributions' package versions order as dpkg orders them.
 */
class VersionDataTest {

  /** The KEV categories of shared/data/kev-web-exposure.json and the version file of each. */
  private static final Map<String, String> JUDGED = Map.of(
      "apache-httpd", "apache-http-server",
      "drupal", "drupal",
      "exim", "exim",
      "joomla", "joomla",
      "ms-exchange", "msexchange",
      "ms-iis", "iis",
      "php", "php",
      "phpmyadmin", "phpmyadmin",
      "roundcube", "roundcube",
      "wordpress", "wordpress");

  private static final Path KEV = Path.of("../shared/data/kev-web-exposure.json");

  @Test
  void shouldMapEveryKnownExploitedEntryOfAJudgedProductToARangeOrAReason() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.exists(KEV), "the shared KEV extract is beside the project");
    JsonNode categories =
        new ObjectMapper().readTree(KEV.toFile()).path("filter").path("categories");
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : JUDGED.entrySet()) {
      VersionIntel.Product p = VersionIntel.builtIn().product(e.getValue()).orElseThrow();
      Set<String> ranged = new TreeSet<>();
      p.exploited().forEach(x -> ranged.add(x.cve()));
      Set<String> left = new TreeSet<>();
      p.notListed().forEach(n -> left.add(n.cve()));
      categories.path(e.getKey()).forEach(cve -> {
        if (!ranged.contains(cve.asText()) && !left.contains(cve.asText())) {
          problems.add(e.getValue() + ": " + cve.asText()
              + " is in KEV but neither a range nor left out with a reason");
        }
      });
      ranged.retainAll(left);
      ranged.forEach(
          cve -> problems.add(e.getValue() + ": " + cve + " is both a range and left out"));
    }
    assertThat(problems).isEmpty();
    assertThat(categories.path("apache-httpd"))
        .extracting(JsonNode::asText)
        .contains("CVE-2021-41773", "CVE-2024-38475");
  }

  @Test
  void shouldOrderPackageVersionsAsDpkgDoes() {
    // Pairs checked with dpkg --compare-versions on Debian 12.
    assertThat(PackageVersion.compare("1.6.5+dfsg-1+deb12u6", "1.6.5+dfsg-1+deb12u14"))
        .isNegative();
    assertThat(PackageVersion.compare("2.4.61-1~deb12u1", "2.4.61-1")).isNegative();
    assertThat(PackageVersion.compare("1:9.2p1-2+deb12u3", "9.9p1-1")).isPositive();
    assertThat(PackageVersion.compare("2.4.52-1ubuntu4.10", "2.4.52-1ubuntu4.9"))
        .isPositive();
    assertThat(PackageVersion.compare("1.0~rc1", "1.0")).isNegative();
    assertThat(PackageVersion.compare("1.0a", "1.0+")).isNegative();
    assertThat(PackageVersion.compare("1.2.3-1", "1.2.3-1")).isZero();
    assertThat(PackageVersion.compareRevisions("2+deb12u3", "1:9.2p1-2+deb12u3"))
        .isZero();
    assertThat(PackageVersion.compareRevisions("1ubuntu4.9", "2.4.1-1ubuntu4.10"))
        .isNegative();
  }
}
