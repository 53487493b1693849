package fr.vigie.discovery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Subdomain labels to try under each registrable domain; one label a line, {@code #} comments. */
public final class Wordlist {

  private static final String BUILT_IN = "/fr/vigie/discovery/subdomains.txt";

  private Wordlist() {}

  public static List<String> builtIn() {
    try (InputStream in = Wordlist.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BUILT_IN);
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static List<String> parse(List<String> lines) {
    LinkedHashSet<String> words = new LinkedHashSet<>();
    for (String line : lines) {
      String w = line.strip().toLowerCase(Locale.ROOT);
      int hash = w.indexOf('#');
      if (hash >= 0) {
        w = w.substring(0, hash).strip();
      }
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return new ArrayList<>(words);
  }
}
