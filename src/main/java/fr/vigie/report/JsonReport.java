package fr.vigie.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.vigie.store.Json;

/** The JSON report: the contract of DESIGN.md, pretty-printed, UTF-8. */
public final class JsonReport {

  private JsonReport() {}

  public static String render(ScanReport report) {
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the JSON report", e);
    }
  }
}
