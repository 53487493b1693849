package fr.vigie.report;

import fr.vigie.UserInputException;
import fr.vigie.check.CheckCatalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The report formats, by name, and where each goes. */
public final class Formats {

  public static final List<String> NAMES =
      List.of("text", "md", "json", "csv", "sarif", "junit", "html");

  private Formats() {}

  public static String check(String format) {
    String f = format.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(f)) {
      throw new UserInputException(
          "unknown format '" + format + "' (one of " + String.join(", ", NAMES) + ")");
    }
    return f;
  }

  /**
   * Renders the report. {@code html} writes a site into {@code output} (a directory, required);
   * the others return their text, written to {@code output} when given.
   *
   * @param gates for junit: the gates given; a test case fails exactly when one of its findings trips one
   */
  public static String render(
      String format,
      ScanReport report,
      CheckCatalogue catalogue,
      CheckCatalogue.Lang lang,
      List<fr.vigie.diff.Gate> gates,
      boolean colour,
      Path output) {
    return render(format, report, catalogue, Words.of(lang), gates, colour, output, false, 100);
  }

  /**
   * @param details the text format: every finding of every commune, not the summary
   * @param width the text format wraps at this many columns (the terminal's)
   */
  public static String render(
      String format,
      ScanReport report,
      CheckCatalogue catalogue,
      Words words,
      List<fr.vigie.diff.Gate> gates,
      boolean colour,
      Path output,
      boolean details,
      int width) {
    return render(
        format, report, catalogue, words, gates, colour, output, details, width, Map.of());
  }

  /**
   * @param history for html: each commune's stored scans, for its page's history chart
   */
  public static String render(
      String format,
      ScanReport report,
      CheckCatalogue catalogue,
      Words words,
      List<fr.vigie.diff.Gate> gates,
      boolean colour,
      Path output,
      boolean details,
      int width,
      Map<String, List<fr.vigie.store.CommuneHistory>> history) {
    CheckCatalogue.Lang lang = words.lang();
    String text = switch (check(format)) {
      case "text" -> {
        StringWriter w = new StringWriter();
        new TextReport(colour, words, width, details).render(report, new PrintWriter(w));
        yield w.toString();
      }
      case "md" -> MarkdownReport.render(report, words);
      case "json" -> JsonReport.render(report);
      case "csv" -> CsvReport.render(report);
      case "sarif" -> SarifReport.render(report, catalogue, lang);
      case "junit" -> JunitReport.render(report, gates == null ? List.of() : gates, words);
      case "html" -> {
        if (output == null) {
          throw new UserInputException("the html format writes a site: give a directory with -o");
        }
        try {
          yield words.t("Site HTML : ", "HTML site: ")
              + HtmlSite.write(report, output, words, history) + "\n";
        } catch (IOException e) {
          throw new UserInputException(
              words.t("impossible d'écrire le site HTML dans ", "cannot write the HTML site in ")
                  + output + " : " + e.getMessage(),
              e);
        }
      }
      default -> throw new IllegalStateException(format);
    };
    if (output != null && !format.equalsIgnoreCase("html")) {
      try {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(output, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserInputException("cannot write " + output + ": " + e.getMessage(), e);
      }
      return "";
    }
    return text;
  }
}
