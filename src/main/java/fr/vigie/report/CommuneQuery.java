package fr.vigie.report;

import fr.vigie.store.ScanCommune;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What {@code --commune} may name: the commune's key, its INSEE code, its name (accents, case,
 * hyphens and apostrophes ignored: {@code saint-etienne} finds « Saint-Étienne ») or one of its
 * domains (as typed, in Unicode or in punycode). Pure, so that the CLI's error can list the
 * nearest communes of a scan when none matches.
 */
final class CommuneQuery {

  private CommuneQuery() {}

  static boolean matches(String query, ScanCommune c) {
    String q = query.strip();
    if (q.equals(c.key()) || q.equals(c.insee())) {
      return true;
    }
    String name = folded(q);
    if (!name.isEmpty() && name.equals(folded(c.name()))) {
      return true;
    }
    String domain = domain(q);
    return c.seeds().stream().anyMatch(s -> domain(s).equals(domain))
        || domain(c.key()).equals(domain);
  }

  /** The communes nearest to what was typed, by edit distance on their names and domains. */
  static List<ScanCommune> nearest(String query, List<ScanCommune> communes, int max) {
    String q = folded(query);
    return communes.stream()
        .sorted(Comparator.comparingInt((ScanCommune c) -> distance(q, c))
            .thenComparing(ScanCommune::key))
        .limit(max)
        .toList();
  }

  private static int distance(String q, ScanCommune c) {
    return Stream.concat(
            Stream.of(c.name(), c.key(), c.insee() == null ? "" : c.insee()), c.seeds().stream())
        .mapToInt(s -> levenshtein(q, folded(s)))
        .min()
        .orElse(Integer.MAX_VALUE);
  }

  /** Lower case, without accents, every run of spaces, hyphens and apostrophes one space. */
  static String folded(String s) {
    if (s == null) {
      return "";
    }
    String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-'’_]+", " ").strip();
  }

  /** A domain as the DNS compares it: A-labels, lower case, no final dot. */
  private static String domain(String s) {
    String d = s.strip().toLowerCase(Locale.ROOT);
    if (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    try {
      return IDN.toASCII(d, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException notADomain) {
      return d;
    }
  }

  static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
