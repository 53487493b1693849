package fr.vigie.check.web;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.HttpObservation.Hop;
import fr.vigie.observation.WebObservation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Headers that tell an attacker which version to look up ({@code Server: Apache/2.4.29},
 * {@code X-Powered-By: PHP/7.2.24}). A product name alone ({@code Server: nginx}) is not said.
 * One finding per header name, so the key stays when the version changes.
 */
public final class ServerDisclosureCheck extends BaseCheck<WebObservation> {

  public static final String ID = "http.server.version-disclosed";

  private static final List<String> HEADERS =
      List.of("Server", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "X-Generator");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+");

  public ServerDisclosureCheck() {
    super(WebObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (Hop hop : WebFacts.ownHops(w)) {
      for (String header : HEADERS) {
        for (String value : hop.values(header)) {
          if (VERSION.matcher(value).find()) {
            seen.putIfAbsent(header.toLowerCase(Locale.ROOT), header + ": " + value);
          }
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    seen.forEach((name, line) -> out.add(finding(ID, w.host(), name, Evidence.verbatim(line))));
    return out;
  }

  /** Raised and cleared by the home page's headers. */
  @Override
  public Question question(Finding f) {
    return Question.web(f.asset());
  }
}
