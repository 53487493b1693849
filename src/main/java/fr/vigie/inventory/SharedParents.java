package fr.vigie.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** The shared parents of {@code shared-parents.txt}: platforms that host many unrelated sites. */
final class SharedParents {

  private static final SharedParents BUILT_IN = load();

  private final Set<String> parents;

  private SharedParents(Set<String> parents) {
    this.parents = Set.copyOf(parents);
  }

  static SharedParents builtIn() {
    return BUILT_IN;
  }

  boolean contains(String registrableDomain) {
    return parents.contains(registrableDomain);
  }

  private static SharedParents load() {
    String name = "/fr/vigie/inventory/shared-parents.txt";
    try (InputStream in = SharedParents.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      Set<String> out = new HashSet<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .forEach(line -> {
            String l = line.replaceFirst("#.*", "").strip().toLowerCase(Locale.ROOT);
            if (!l.isEmpty()) {
              out.add(l);
            }
          });
      return new SharedParents(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
