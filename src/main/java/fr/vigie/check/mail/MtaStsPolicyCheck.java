package fr.vigie.check.mail;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.PathResult;
import fr.vigie.observation.WebObservation;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 8461 §3.2: the MTA-STS policy is served over HTTPS at
 * {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} and says {@code version: STSv1}, a
 * {@code mode} and a {@code max_age}. A host {@code mta-sts.} that exists but does not serve it
 * (or not over HTTPS, which senders require) leaves the domain without a policy in force.
 */
public final class MtaStsPolicyCheck extends BaseCheck<WebObservation> {

  public static final String ID = "mail.mta-sts.invalid";

  /** Where a domain's MTA-STS policy is served (RFC 8461 §3.2), on the host mta-sts.<domain>. */
  public static final String PATH = "/.well-known/mta-sts.txt";

  private static final Pattern VERSION = Pattern.compile("(?m)^version:\\s*STSv1\\s*$");
  private static final Pattern MODE = Pattern.compile("(?m)^mode:\\s*(enforce|testing|none)\\s*$");
  private static final Pattern MAX_AGE = Pattern.compile("(?m)^max_age:\\s*\\d+\\s*$");

  public MtaStsPolicyCheck() {
    super(WebObservation.class, ID);
  }

  @Override
  public List<String> paths(String host, String registrableDomain) {
    return host.equals("mta-sts." + registrableDomain) ? List.of(PATH) : List.of();
  }

  @Override
  public List<Finding> evaluate(WebObservation w) {
    if (!w.host().equals("mta-sts." + w.registrableDomain()) || w.origin() == null) {
      return List.of();
    }
    String url = w.origin() + PATH;
    Optional<PathResult> policy = w.path(PATH);
    if (policy.isEmpty()) {
      return List.of(); // not asked (paths off): nothing to say
    }
    PathResult p = policy.get();
    Evidence problem = null;
    if (!w.origin().startsWith("https://")) {
      problem = Evidence.of("mail.mta-sts.not-https");
    } else if (!p.isSuccess()) {
      problem = p.status() == 0
          ? Evidence.of("mail.mta-sts.no-answer", "url", url)
          : Evidence.of("mail.mta-sts.status", "url", url, "status", p.status());
    } else {
      String text = p.excerpt().replace("\r\n", "\n");
      if (!VERSION.matcher(text).find()) {
        problem = Evidence.of("mail.mta-sts.no-version", "url", url);
      } else if (!MODE.matcher(text).find() || !MAX_AGE.matcher(text).find()) {
        problem = Evidence.of("mail.mta-sts.no-mode", "url", url);
      }
    }
    return problem == null
        ? List.of()
        : List.of(finding(ID, w.registrableDomain(), "policy", problem));
  }

  /** Raised and cleared by the policy file on mta-sts.<domain> (a web request, not DNS). */
  @Override
  public Question question(Finding f) {
    return Question.path("mta-sts." + f.asset(), PATH);
  }
}
