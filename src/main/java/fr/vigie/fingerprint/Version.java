package fr.vigie.fingerprint;

import java.util.ArrayList;
import java.util.List;

/**
 * A dotted version ({@code 6.1.9}, {@code 15.1.2507}, {@code 1.12.4}) compared part by part as
 * numbers. A shorter version is a prefix: {@code 4.2} covers every {@code 4.2.x}, which is how a
 * branch-only version ({@code Drupal 10}) is told apart from an exact one.
 */
public record Version(List<Integer> parts) implements Comparable<Version> {

  public Version {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("empty version");
    }
  }

  /** Parses the leading dotted digits ({@code 5.2.1deb1} gives 5.2.1); null when there are none. */
  public static Version parse(String text) {
    if (text == null) {
      return null;
    }
    List<Integer> parts = new ArrayList<>();
    for (String p : text.strip().split("\\.", -1)) {
      int end = 0;
      while (end < p.length() && end < 9 && Character.isDigit(p.charAt(end))) {
        end++;
      }
      if (end == 0) {
        break;
      }
      parts.add(Integer.parseInt(p.substring(0, end)));
      if (end < p.length()) {
        break;
      }
    }
    return parts.isEmpty() ? null : new Version(parts);
  }

  public static Version of(String text) {
    Version v = parse(text);
    if (v == null) {
      throw new IllegalArgumentException("not a version: " + text);
    }
    return v;
  }

  public int size() {
    return parts.size();
  }

  /** True when this version is {@code branch} or one of its releases ({@code 4.2.1} in {@code 4.2}). */
  public boolean within(Version branch) {
    if (branch.size() > size()) {
      return false;
    }
    return parts.subList(0, branch.size()).equals(branch.parts());
  }

  /** Missing parts count as 0: {@code 4.2} equals {@code 4.2.0} for ordering. */
  @Override
  public int compareTo(Version o) {
    int n = Math.max(size(), o.size());
    for (int i = 0; i < n; i++) {
      int a = i < size() ? parts.get(i) : 0;
      int b = i < o.size() ? o.parts.get(i) : 0;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    return 0;
  }

  @Override
  public String toString() {
    return String.join(".", parts.stream().map(String::valueOf).toList());
  }
}
