package fr.vigie.check.web;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.WebObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A security.txt whose {@code Contact:} cannot be used: RFC 9116 §2.5.3 makes each value a URI
 * ({@code mailto:}, {@code tel:} or a web URI that begins with {@code https://}). A bare address
 * ({@code Contact: dsi@mairie.fr}) is the usual slip; a reporting tool or a CERT that follows
 * the RFC reads no contact at all. A file without any Contact field is {@code
 * http.security-txt.missing} (invalid), not this.
 */
public final class SecurityTxtContactCheck extends BaseCheck<WebObservation> {

  public static final String ID = "http.security-txt.contact-invalid";

  private static final Pattern CONTACT =
      Pattern.compile("(?im)^[ \\t]*Contact[ \\t]*:[ \\t]*(\\S*)");
  private static final Pattern MAILTO = Pattern.compile("(?i)mailto:[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern TEL = Pattern.compile("(?i)tel:\\+?[0-9][0-9 .()-]*");
  private static final Pattern HTTPS = Pattern.compile("(?i)https://[^\\s/]+\\.[^\\s]*");

  public SecurityTxtContactCheck() {
    super(WebObservation.class, ID);
  }

  @Override
  public List<String> paths(String host, String registrableDomain) {
    return List.of(SecurityTxtCheck.PATH);
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    Optional<PathResult> found = w.path(SecurityTxtCheck.PATH);
    if (found.isEmpty() || !found.get().isSuccess() || found.get().isHtml()) {
      return List.of();
    }
    String body = found.get().excerpt() == null ? "" : found.get().excerpt();
    List<String> unusable = new ArrayList<>();
    int contacts = 0;
    Matcher m = CONTACT.matcher(body);
    while (m.find()) {
      contacts++;
      if (!usable(m.group(1))) {
        unusable.add(m.group(1).isEmpty() ? "(empty)" : m.group(1));
      }
    }
    if (contacts == 0 || unusable.isEmpty()) {
      return List.of();
    }
    return List.of(finding(
        ID,
        w.host(),
        "contact",
        Evidence.of(
            "http.security-txt.contact",
            "url",
            w.origin() + SecurityTxtCheck.PATH,
            "contacts",
            List.copyOf(unusable))));
  }

  static boolean usable(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    return MAILTO.matcher(v).matches()
        || TEL.matcher(v).matches()
        || HTTPS.matcher(v).matches();
  }

  /** Raised and cleared by the request for /.well-known/security.txt. */
  @Override
  public Question question(Finding f) {
    return Question.path(f.asset(), SecurityTxtCheck.PATH);
  }
}
