package fr.vigie.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.check.CheckCatalogue.Lang;
import fr.vigie.model.Evidence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Says an {@link Evidence} in French or English, from the templates of {@code
 * checks/evidence.yaml}. A placeholder is {@code {name}} (the value as it is; a list joined with
 * ", "), {@code {name,number}}, {@code {name,date}}, {@code {name,datetime}} (in the report's time
 * zone), {@code {name,plural,jour|jours}} (the word for the count) or {@code {name,join,SEP}}.
 * Immutable and thread-safe once loaded.
 */
public final class EvidenceText {

  /** One template: its two texts and the values its example shows. */
  public record Template(String id, String fr, String en, Map<String, Object> example) {
    public String text(Lang lang) {
      return lang == Lang.FR ? fr : en;
    }
  }

  /**
   * How a rendering reads: its language and the zone dates are told in; {@code plain} leaves
   * numbers and dates as the check gave them (ISO-8601 UTC), the text stored for older readers.
   */
  public record Style(Lang lang, ZoneId zone, boolean plain) {
    public static final Style PLAIN = new Style(Lang.EN, ZoneOffset.UTC, true);

    public Style(Lang lang, ZoneId zone) {
      this(lang, zone, false);
    }

    public static Style of(Lang lang) {
      return new Style(lang, PARIS);
    }
  }

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static final String RESOURCE = "/fr/vigie/checks/evidence.yaml";
  private static final String ELIDED = "…";
  private static volatile EvidenceText builtIn;

  private final Map<String, Template> templates;

  private EvidenceText(Map<String, Template> templates) {
    this.templates = Collections.unmodifiableMap(templates);
  }

  public static EvidenceText builtIn() {
    EvidenceText t = builtIn;
    if (t == null) {
      synchronized (EvidenceText.class) {
        t = builtIn;
        if (t == null) {
          try (InputStream in = EvidenceText.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + RESOURCE);
            }
            t = builtIn = read(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
          }
        }
      }
    }
    return t;
  }

  static EvidenceText read(InputStream in) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    JsonNode root = yaml.readTree(in);
    Map<String, Template> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it =
        root.path("templates").properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode n = e.getValue();
      out.put(
          e.getKey(),
          new Template(
              e.getKey(),
              n.path("fr").asText(""),
              n.path("en").asText(""),
              n.has("example") ? Evidence.values(n.path("example")) : Map.of()));
    }
    return new EvidenceText(out);
  }

  public Map<String, Template> templates() {
    return templates;
  }

  /** The text a report shows. */
  public String render(Evidence e, Style style) {
    StringBuilder out = new StringBuilder();
    render(e, style, false, out);
    return out.toString();
  }

  /** English, numbers and dates as given: the text stored beside the template, for older readers. */
  public String english(Evidence e) {
    return render(e, Style.PLAIN);
  }

  /**
   * The words of the templates alone, every value a server or a name gave replaced by "…": what
   * a test reads for words of the other language.
   */
  public String frame(Evidence e, Lang lang) {
    StringBuilder out = new StringBuilder();
    render(e, new Style(lang, ZoneOffset.UTC), true, out);
    return out.toString();
  }

  private void render(Evidence e, Style style, boolean frame, StringBuilder out) {
    Template t = templates.get(e.template());
    String text;
    if (t != null) {
      text = t.text(style.lang());
    } else if (e.template().equals(Evidence.VERBATIM)) {
      text = "{text}";
    } else if (e.template().equals(Evidence.SEQUENCE)) {
      text = "{parts}";
    } else if (e.template().equals(Evidence.BILINGUAL)) {
      text = style.lang() == Lang.FR ? "{fr}" : "{en}";
    } else {
      throw new IllegalStateException("no evidence template " + e.template() + " in " + RESOURCE);
    }
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end = c == '{' ? text.indexOf('}', i) : -1;
      if (end < 0) {
        out.append(c);
        i++;
        continue;
      }
      placeholder(text.substring(i + 1, end), e, style, frame, out);
      i = end + 1;
    }
  }

  private void placeholder(String spec, Evidence e, Style style, boolean frame, StringBuilder out) {
    String[] parts = spec.split(",", 3);
    String name = parts[0].strip();
    String type = parts.length > 1 ? parts[1].strip() : "";
    String arg = parts.length > 2 ? parts[2] : null;
    Object value = e.params().get(name);
    if (value == null) {
      return;
    }
    switch (type) {
      case "plural" -> {
        String[] words = arg == null ? new String[] {"", ""} : arg.split("\\|", 2);
        long n = number(value);
        out.append(
            n == 1 || (style.lang() == Lang.FR && n == 0) || words.length < 2
                ? words[0]
                : words[1]);
      }
      case "number" ->
        out.append(
            frame
                ? ELIDED
                : style.plain() ? String.valueOf(value) : number(number(value), style.lang()));
      case "date", "datetime" ->
        out.append(
            frame
                ? ELIDED
                : style.plain()
                    ? String.valueOf(value)
                    : date(String.valueOf(value), type.equals("datetime"), style));
      default -> value(value, type.equals("join") && arg != null ? arg : null, style, frame, out);
    }
  }

  private void value(
      Object value, String separator, Style style, boolean frame, StringBuilder out) {
    switch (value) {
      case Evidence nested -> render(nested, style, frame, out);
      case List<?> list -> {
        boolean evidences = !list.isEmpty() && list.get(0) instanceof Evidence;
        String sep = separator != null ? separator : evidences ? " " : ", ";
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(sep);
          }
          value(list.get(i), null, style, frame, out);
        }
      }
      case Long n -> out.append(frame ? ELIDED : String.valueOf(n));
      // Names a person reads in Unicode; the stored (plain) text keeps what was sent.
      default ->
        out.append(
            frame
                ? ELIDED
                : style.plain()
                    ? String.valueOf(value)
                    : fr.vigie.inventory.DomainNames.namesToUnicode(String.valueOf(value)));
    }
  }

  private static long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(String.valueOf(value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String number(long n, Lang lang) {
    return NumberFormat.getIntegerInstance(lang == Lang.FR ? Locale.FRANCE : Locale.UK)
        .format(n);
  }

  private static final DateTimeFormatter DATE_FR =
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.FRENCH);
  private static final DateTimeFormatter DATE_EN =
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter TIME_FR =
      DateTimeFormatter.ofPattern("d MMMM uuuu 'à' HH:mm", Locale.FRENCH);
  private static final DateTimeFormatter TIME_EN =
      DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm", Locale.ENGLISH);

  /** An ISO instant or date in the style's zone and language; anything else as it is. */
  public static String date(String iso, boolean withTime, Style style) {
    boolean fr = style.lang() == Lang.FR;
    try {
      if (iso.length() == 10) {
        return LocalDate.parse(iso).format(fr ? DATE_FR : DATE_EN);
      }
      var at = Instant.parse(iso).atZone(style.zone());
      return at.format(withTime ? (fr ? TIME_FR : TIME_EN) : (fr ? DATE_FR : DATE_EN));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }
}
