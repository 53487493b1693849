package fr.vigie.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the CSV inventory {@code insee,name,domains[,contact]}: UTF-8 (a BOM is accepted), LF or CRLF,
 * {@code #} comments and blank lines ignored, an optional header, double quotes around fields
 * that hold a comma, several domains in the third field separated by spaces or {@code ;}, and in an optional fourth
 * the e-mail address(es) the nightly alerts of the commune go to. A bad
 * line becomes a {@link Inventory.Problem} and is skipped; the others are kept.
 */
public final class CsvInventoryReader {

  /** INSEE commune codes: five digits, or 2A/2B and three digits in Corsica. */
  private static final Pattern INSEE = Pattern.compile("\\d{5}|2[AB]\\d{3}");

  private CsvInventoryReader() {}

  public static Inventory read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text;
    try {
      text = StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not UTF-8 text (save the inventory as UTF-8)", e);
    }
    return parse(file.toString(), text);
  }

  public static Inventory parse(String fileName, String text) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<Commune> communes = new ArrayList<>();
    List<Inventory.Problem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    boolean first = true;
    try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        List<String> fields;
        try {
          fields = splitCsv(trimmed);
        } catch (IllegalArgumentException e) {
          problems.add(new Inventory.Problem(fileName, number, e.getMessage()));
          first = false;
          continue;
        }
        if (first) {
          first = false;
          if (fields.get(0).strip().toLowerCase(Locale.ROOT).equals("insee")) {
            continue;
          }
        }
        try {
          Commune c = toCommune(fields);
          if (!seen.add(c.key())) {
            problems.add(new Inventory.Problem(
                fileName, number, "duplicate INSEE code " + c.insee() + " (first one kept)"));
            continue;
          }
          communes.add(c);
        } catch (InvalidTargetException e) {
          problems.add(new Inventory.Problem(fileName, number, e.getMessage()));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return new Inventory(communes, problems);
  }

  /** An address as the alert mail's To: header takes it; deliberately loose, the server decides. */
  static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]+@[^@\\s,;<>\"]+\\.[^@\\s,;<>\"]+");

  static Commune toCommune(List<String> fields) throws InvalidTargetException {
    if (fields.size() != 3 && fields.size() != 4) {
      throw new InvalidTargetException(
          "expected 3 fields (insee,name,domains) or 4 (…,contact), found " + fields.size());
    }
    String insee = fields.get(0).strip().toUpperCase(Locale.ROOT);
    String name = fields.get(1).strip();
    if (!INSEE.matcher(insee).matches()) {
      throw new InvalidTargetException(
          "invalid INSEE code '" + fr.vigie.Text.shown(fields.get(0).strip(), 80)
              + "' (5 characters, e.g. 71076 or 2A004)");
    }
    if (name.isEmpty()) {
      throw new InvalidTargetException("empty commune name");
    }
    Set<String> seeds = new LinkedHashSet<>();
    for (String raw : fields.get(2).split("[\\s;]+")) {
      if (raw.isBlank()) {
        continue;
      }
      String domain = DomainNames.normalise(raw);
      DomainNames.registrableDomain(domain);
      seeds.add(domain);
    }
    if (seeds.isEmpty()) {
      throw new InvalidTargetException(
          "no domain for " + insee + " " + fr.vigie.Text.shown(name, 80));
    }
    List<String> contacts = fields.size() == 4 ? contacts(fields.get(3)) : List.of();
    return new Commune(insee, name, List.copyOf(seeds), contacts);
  }

  /** Whether the text has the shape of an e-mail address (the inventory's and the alerts'). */
  public static boolean isEmailAddress(String text) {
    return EMAIL.matcher(text).matches();
  }

  /** The contact field: addresses separated by spaces or {@code ;}, each checked for shape. */
  static List<String> contacts(String field) throws InvalidTargetException {
    Set<String> out = new LinkedHashSet<>();
    for (String raw : field.split("[\\s;]+")) {
      if (raw.isBlank()) {
        continue;
      }
      if (!isEmailAddress(raw)) {
        throw new InvalidTargetException("invalid contact address '" + fr.vigie.Text.shown(raw, 80)
            + "' (an e-mail address, e.g. dsi@mairie-exemple.fr)");
      }
      out.add(raw);
    }
    return List.copyOf(out);
  }

  /** The communes as this reader's CSV (names quoted, so commas and quotes survive). */
  public static String write(List<Commune> communes) {
    boolean contacts = communes.stream().anyMatch(c -> !c.contacts().isEmpty());
    StringBuilder sb =
        new StringBuilder(contacts ? "insee,name,domains,contact\n" : "insee,name,domains\n");
    for (Commune c : communes) {
      sb.append(c.insee())
          .append(",\"")
          .append(c.name().replace("\"", "\"\""))
          .append("\",")
          .append(String.join(" ", c.seeds()));
      if (contacts) {
        sb.append(',').append(String.join(" ", c.contacts()));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** RFC 4180 fields on one line: quotes around a field, doubled quotes inside it. */
  static List<String> splitCsv(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        field.setLength(0);
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    fields.add(field.toString());
    return fields;
  }
}
