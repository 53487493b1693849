package fr.vigie.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.UserInputException;
import fr.vigie.model.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Accepted risks, from {@code vigie-suppressions.yaml}: a check id and/or an asset pattern, a
 * required reason, an optional expiry date. A suppressed finding is still listed, as
 * suppressed; an expired suppression stops suppressing and is reported. Immutable.
 */
public final class Suppressions {

  /**
   * @param asset a glob on the finding's asset ({@code *} any characters), or null for any
   * @param expires the first day it no longer applies (UTC), or null
   */
  public record Rule(
      int index,
      String check,
      String asset,
      String commune,
      String reason,
      LocalDate expires,
      int line) {

    public Rule(
        int index, String check, String asset, String commune, String reason, LocalDate expires) {
      this(index, check, asset, commune, reason, expires, 0);
    }

    boolean matches(String communeKey, Finding f) {
      return (check == null || check.equals(f.check()))
          && (commune == null || commune.equals(communeKey))
          && (asset == null || glob(asset).matcher(f.asset()).matches());
    }

    public boolean expired(Instant now) {
      return expires != null
          && !now.isBefore(expires.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public String describe() {
      return (check == null ? "any check" : check) + (asset == null ? "" : " on " + asset)
          + (commune == null ? "" : " (commune " + commune + ")") + ": " + reason
          + (expires == null ? "" : " (until " + expires + ")");
    }
  }

  public static final Suppressions NONE = new Suppressions(List.of());

  private final List<Rule> rules;

  private Suppressions(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  public static Suppressions read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UserInputException("cannot read suppressions " + file + ": " + e.getMessage(), e);
    }
    Map<Integer, Integer> lines = itemLines(file);
    JsonNode list = root == null ? null : root.path("suppressions");
    if (list == null || !list.isArray()) {
      throw new UserInputException(file + ": expected a 'suppressions:' list");
    }
    List<Rule> rules = new ArrayList<>();
    int index = 0;
    for (JsonNode n : list) {
      index++;
      String where = file + ": suppression " + index;
      String check = text(n, "check");
      String asset = text(n, "asset");
      String reason = text(n, "reason");
      if (reason == null || reason.isBlank()) {
        throw new UserInputException(where + ": a reason is required");
      }
      if (check == null && asset == null) {
        throw new UserInputException(where + ": give a check, an asset, or both");
      }
      LocalDate expires = null;
      String e = text(n, "expires");
      if (e != null) {
        try {
          expires = LocalDate.parse(e);
        } catch (DateTimeParseException x) {
          throw new UserInputException(
              where + ": expires must be a date like 2027-01-31, not '" + e + "'");
        }
      }
      rules.add(new Rule(
          index,
          check,
          asset,
          text(n, "commune"),
          reason.strip(),
          expires,
          lines.getOrDefault(index, 0)));
    }
    return new Suppressions(rules);
  }

  /** The line each suppression (1, 2…) starts on, for messages that name it. */
  private static Map<Integer, Integer> itemLines(Path file) {
    Map<Integer, Integer> out = new HashMap<>();
    try (com.fasterxml.jackson.core.JsonParser p =
        new YAMLFactory().createParser(Files.readString(file))) {
      int depth = 0;
      int item = 0;
      boolean inList = false;
      com.fasterxml.jackson.core.JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == com.fasterxml.jackson.core.JsonToken.START_ARRAY
            && depth == 1
            && "suppressions".equals(p.currentName())) {
          inList = true;
        } else if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && inList && depth == 2) {
          out.put(++item, (int) p.currentLocation().getLineNr());
        }
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
          if (depth == 1) {
            inList = false;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // the tree read reports what is wrong with the file; lines are only a help
    }
    return out;
  }

  /**
   * Warnings about rules that can never match: a check id no check raises (a typo, a retired
   * id). {@code known} tells the ids that exist.
   */
  public List<String> problems(Path file, Predicate<String> known) {
    List<String> out = new ArrayList<>();
    for (Rule r : rules) {
      if (r.check() != null && !known.test(r.check())) {
        out.add(file + (r.line() > 0 ? ":" + r.line() : "") + ": suppression " + r.index()
            + " names an unknown check id '" + r.check()
            + "': it will never match (see vigie rules status, or the README's check tables)");
      }
    }
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** The active rule that suppresses this finding, if any. */
  public Optional<Rule> active(String communeKey, Finding f, Instant now) {
    return rules.stream()
        .filter(r -> !r.expired(now) && r.matches(communeKey, f))
        .findFirst();
  }

  /** Expired rules that would have matched this finding: worth saying, the risk is back. */
  public Optional<Rule> expiredMatch(String communeKey, Finding f, Instant now) {
    return rules.stream()
        .filter(r -> r.expired(now) && r.matches(communeKey, f))
        .findFirst();
  }

  static Pattern glob(String glob) {
    StringBuilder sb = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        sb.append(".*");
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(sb.toString(), Pattern.CASE_INSENSITIVE);
  }
}
