package fr.vigie.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a check saw, as a template id and its values, so that each report says it in its own
 * language ({@code checks/evidence.yaml} holds the texts) and a machine gets the raw values.
 *
 * <p>A value is a string (as the server sent it: untrusted), a number, a list of strings, another
 * evidence or a list of them (a sentence built from parts). Dates are ISO-8601 strings in UTC,
 * formatted by the template ({@code {date,date}}).
 */
public record Evidence(String template, Map<String, Object> params) {

  /** The template of a value shown as the server sent it, in every language. */
  public static final String VERBATIM = "verbatim";

  /** The template of a note the data gives in both languages, shown in the report's. */
  public static final String BILINGUAL = "bilingual";

  /** The template of parts shown one after the other. */
  public static final String SEQUENCE = "seq";

  public Evidence {
    Objects.requireNonNull(template, "template");
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * {@code of("cert.expired", "date", "2024-01-14T23:59:59Z", "days", 1052)}: pairs of name and
   * value; a null value is left out (a template shows nothing for it).
   */
  public static Evidence of(String template, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values come in pairs: " + template);
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value != null) {
        params.put((String) namesAndValues[i], normalise(value));
      }
    }
    return new Evidence(template, params);
  }

  /** A header line, a record, a banner: shown as sent, in every language. */
  public static Evidence verbatim(String text) {
    return of(VERBATIM, "text", text == null ? "" : text);
  }

  /** A note of vigie's data, written in both languages (a version file's {@code unfixed}). */
  public static Evidence bilingual(String fr, String en) {
    return of(BILINGUAL, "fr", fr, "en", en);
  }

  /** Parts shown one after the other, separated by a space. */
  public static Evidence sequence(List<Evidence> parts) {
    return of(SEQUENCE, "parts", List.copyOf(parts));
  }

  /** Strings, longs, evidences and lists of them: what JSON keeps and reads back the same. */
  private static Object normalise(Object value) {
    return switch (value) {
      case String s -> s;
      case Long l -> l;
      case Evidence e -> e;
      case Number n -> n.longValue();
      case List<?> l -> l.stream().map(Evidence::normalise).toList();
      default -> value.toString();
    };
  }

  /** Template values read back from JSON or YAML: numbers as longs, nested evidence rebuilt. */
  public static Map<String, Object> values(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), value(e.getValue()));
    }
    return out;
  }

  /** An evidence as JSON stored it ({@code {"template": …, "params": {…}}}), or null. */
  public static Evidence fromJson(JsonNode node) {
    if (node == null || !node.hasNonNull("template")) {
      return null;
    }
    return new Evidence(node.get("template").asText(), values(node.path("params")));
  }

  private static Object value(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isArray()) {
      List<Object> list = new ArrayList<>();
      v.forEach(x -> list.add(value(x)));
      return List.copyOf(list);
    }
    if (v.isObject()) {
      return v.has("template") ? fromJson(v) : v.toString();
    }
    return v.asText();
  }
}
