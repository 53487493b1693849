package fr.vigie.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.inventory.Commune;
import fr.vigie.inventory.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CtNamesTest {

  private static final Scope SCOPE =
      Scope.of(new Commune("99801", "Ctville", List.of("ctville.test")));
  private static final Instant NOW = Instant.parse("2026-12-02T01:00:00Z");

  @Test
  void shouldTakeTheNamesInScopeOfACrtShAnswer() throws Exception {
    String json = Files.readString(Path.of("src/test/resources/fixtures/ct/ctville.json"));

    assertThat(CtNames.parse(json, SCOPE, NOW))
        .hasValueSatisfying(names -> assertThat(names)
            // duplicates once, the wildcard as its parent, no mail address, nothing out of scope,
            // and
            // not the name of a certificate expired in 2020
            .containsExactly("archives-2018.ctville.test", "ctville.test", "www.ctville.test"));
  }

  @Test
  void shouldTellAnAnswerThatIsNoCtAnswer() {
    assertThat(CtNames.parse("<html>Too many requests</html>", SCOPE, NOW)).isEmpty();
    assertThat(CtNames.parse("[{\"name_value\":\"www.ctville.te", SCOPE, NOW))
        .as("a cut body")
        .isEmpty();
    assertThat(CtNames.parse("[]", SCOPE, NOW)).hasValue(Set.of());
  }
}
