package fr.vigie.check;

import fr.vigie.check.dns.CaaMissingCheck;
import fr.vigie.check.dns.DanglingCnameCheck;
import fr.vigie.check.dns.DnsUnresolvableCheck;
import fr.vigie.check.dns.DnssecMissingCheck;
import fr.vigie.check.dns.WildcardCheck;
import fr.vigie.check.exposure.ExposedPathCheck;
import fr.vigie.check.exposure.ExposedPaths;
import fr.vigie.check.mail.DmarcMissingCheck;
import fr.vigie.check.mail.DmarcNoneCheck;
import fr.vigie.check.mail.MailTransportCheck;
import fr.vigie.check.mail.SpfInvalidCheck;
import fr.vigie.check.mail.SpfMissingCheck;
import fr.vigie.check.mail.SpfPermissiveCheck;
import fr.vigie.check.service.ServiceCheck;
import fr.vigie.check.tech.TechCheck;
import fr.vigie.check.tls.CertificateCheck;
import fr.vigie.check.tls.TlsCipherCheck;
import fr.vigie.check.tls.TlsProtocolCheck;
import fr.vigie.check.tls.TrustAnchors;
import fr.vigie.check.web.CookieCheck;
import fr.vigie.check.web.HttpsCheck;
import fr.vigie.check.web.MixedContentCheck;
import fr.vigie.check.web.SecurityHeadersCheck;
import fr.vigie.check.web.SecurityTxtCheck;
import fr.vigie.check.web.SecurityTxtContactCheck;
import fr.vigie.check.web.ServerDisclosureCheck;
import fr.vigie.coverage.Question;
import fr.vigie.fingerprint.VersionIntel;
import fr.vigie.model.Finding;
import fr.vigie.observation.PathRequests;
import fr.vigie.observation.WebObservation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The one place that lists every check; the contract test runs over this list. */
public final class Checks {

  private final List<Check<?>> checks;
  private final Map<String, Check<?>> byId = new HashMap<>();

  private Checks(List<Check<?>> checks) {
    this.checks = List.copyOf(checks);
    for (Check<?> c : checks) {
      c.ids().forEach(id -> byId.put(id, c));
    }
  }

  /**
   * The question a finding rests on, from the check that raises its id; null for an id no
   * check raises any more (such a finding can never be seen fixed, only not looked at).
   */
  public Question question(Finding f) {
    Check<?> c = byId.get(f.check());
    return c == null ? null : c.question(f);
  }

  private static final class Bases {
    static final Checks BUILT_IN = all(Clock.systemUTC(), TrustAnchors.jdkAnd(List.of()));
  }

  /** What each built-in check's findings rest on, for the diff (no clock or trust involved). */
  public static Function<Finding, Question> bases() {
    return Bases.BUILT_IN::question;
  }

  /**
   * @param clock the time date checks compare with (expiry): pinned in tests
   * @param trust the authorities certificate chains must lead to
   */
  public static Checks all(Clock clock, TrustAnchors trust) {
    return all(clock, trust, VersionIntel.builtIn());
  }

  /** @param intel the version data technologies are judged with */
  public static Checks all(Clock clock, TrustAnchors trust, VersionIntel intel) {
    return new Checks(List.of(
        new DnsUnresolvableCheck(),
        new DanglingCnameCheck(),
        new WildcardCheck(),
        new DnssecMissingCheck(),
        new CaaMissingCheck(),
        new fr.vigie.check.dns.AxfrOpenCheck(),
        new SpfMissingCheck(),
        new SpfPermissiveCheck(),
        new SpfInvalidCheck(),
        new DmarcMissingCheck(),
        new DmarcNoneCheck(),
        new MailTransportCheck(),
        new fr.vigie.check.mail.MtaStsPolicyCheck(),
        new HttpsCheck(),
        new SecurityHeadersCheck(),
        new ServerDisclosureCheck(),
        new CookieCheck(),
        new MixedContentCheck(),
        new SecurityTxtCheck(clock),
        new SecurityTxtContactCheck(),
        new ExposedPathCheck(ExposedPaths.builtIn()),
        new TlsProtocolCheck(),
        new TlsCipherCheck(),
        new CertificateCheck(clock, trust),
        new TechCheck(clock, intel),
        new ServiceCheck()));
  }

  /** The paths every check needs on a host, in the checks' order, each once: what the web probe requests. */
  public PathRequests pathRequests() {
    return new PathRequests() {
      @Override
      public List<String> paths(String host, String domain) {
        return paths(host, domain, null);
      }

      /** A null home: no home page to go by, every check's every path. */
      @Override
      public List<String> paths(String host, String domain, WebObservation home) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Check<?> c : checks) {
          out.addAll(home == null ? c.paths(host, domain) : c.paths(host, domain, home));
        }
        return List.copyOf(out);
      }
    };
  }

  /** The built-in checks with the system clock and the JDK's trust store. */
  public static Checks builtIn() {
    return Bases.BUILT_IN;
  }

  public List<Check<?>> list() {
    return checks;
  }

  /** Runs every check that reads this kind of observation. */
  public List<Finding> run(Object observation) {
    List<Finding> findings = new ArrayList<>();
    for (Check<?> check : checks) {
      findings.addAll(apply(check, observation));
    }
    return findings;
  }

  private static <O> List<Finding> apply(Check<O> check, Object observation) {
    if (!check.input().isInstance(observation)) {
      return List.of();
    }
    return check.evaluate(check.input().cast(observation));
  }
}
