package fr.vigie.check.exposure;

import fr.vigie.observation.PathResult;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a real file from a host's "not found" page served with 200 (a CMS catch-all, a hosting
 * provider's parking page): the same bytes as the answer to a random path, or nearly the same
 * text, is not a file.
 */
final class SoftNotFound {

  /** Word-trigram similarity above which two pages are the same page (dates, tokens differ). */
  static final double SAME_PAGE = 0.8;

  private SoftNotFound() {}

  static boolean looksLikeBaseline(PathResult result, List<PathResult> baselines) {
    for (PathResult b : baselines) {
      if (b.status() != result.status()) {
        continue;
      }
      if (!b.sha256().isEmpty() && b.sha256().equals(result.sha256())) {
        return true;
      }
      if (similarity(b.excerpt(), result.excerpt()) >= SAME_PAGE) {
        return true;
      }
    }
    return false;
  }

  /** Jaccard similarity of word trigrams; the path itself, echoed in many 404 pages, is ignored. */
  static double similarity(String a, String b) {
    Set<String> x = trigrams(a);
    Set<String> y = trigrams(b);
    if (x.isEmpty() && y.isEmpty()) {
      return a == null || b == null ? 0 : (a.strip().equals(b.strip()) ? 1 : 0);
    }
    Set<String> union = new HashSet<>(x);
    union.addAll(y);
    Set<String> common = new HashSet<>(x);
    common.retainAll(y);
    return union.isEmpty() ? 0 : (double) common.size() / union.size();
  }

  private static Set<String> trigrams(String text) {
    Set<String> out = new HashSet<>();
    if (text == null) {
      return out;
    }
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    for (int i = 0; i + 2 < words.length; i++) {
      out.add(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]);
    }
    return out;
  }
}
