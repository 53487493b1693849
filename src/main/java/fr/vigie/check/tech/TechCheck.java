package fr.vigie.check.tech;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.fingerprint.Detection;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.fingerprint.VersionIntel;
import fr.vigie.fingerprint.VersionIntel.Assessment;
import fr.vigie.fingerprint.VersionIntel.Branch;
import fr.vigie.fingerprint.VersionIntel.Exploited;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The technologies of a host and what the version data says of them: {@code tech.detected}
 * (inventory; its subject carries the version, so an upgrade shows in the diff),
 * {@code tech.end-of-life}, {@code tech.outdated} and {@code tech.vulnerable} (their subject is
 * the technology alone, so the same problem keeps its key across versions). A version is judged
 * only when a precise source gave it; a hint is shown, never judged.
 */
public final class TechCheck extends BaseCheck<TechObservation> {

  public static final String DETECTED = "tech.detected";
  public static final String END_OF_LIFE = "tech.end-of-life";
  public static final String OUTDATED = "tech.outdated";
  public static final String VULNERABLE = "tech.vulnerable";

  private final Clock clock;
  private final VersionIntel intel;

  public TechCheck(Clock clock, VersionIntel intel) {
    super(TechObservation.class, DETECTED, END_OF_LIFE, OUTDATED, VULNERABLE);
    this.clock = clock;
    this.intel = intel;
  }

  @Override
  public List<Finding> evaluate(TechObservation o) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Finding> out = new ArrayList<>();
    for (Detection d : o.technologies()) {
      out.add(finding(DETECTED, o.host(), d.label(), detected(d)));
      Optional<Assessment> a = intel.assess(d, today);
      if (a.isEmpty()) {
        continue;
      }
      Assessment as = a.get();
      Evidence caveat = caveat(d, as);
      // The package the server says it runs (Apache/2.4.58 (Ubuntu), PHP/8.1.2-1ubuntu2.14): its
      // verdict is the distribution's, certain when the suffix gives the package version.
      Optional<VersionIntel.Package> built =
          as.packaged().stream().filter(p -> p.builds(d.distribution())).findFirst();
      if (!as.exploited().isEmpty()) {
        Finding v = built.isPresent()
            ? builtVerdict(o.host(), d, as, built.get())
            : unbuiltVerdict(o.host(), d, as, caveat);
        if (v != null) {
          out.add(v);
        }
      }
      // A branch upstream no longer supports that a distribution still maintains (nginx 1.22 in
      // Debian 12): low, with the distribution's end date; high once that has passed too.
      Optional<VersionIntel.Package> maintained = (built.isPresent()
              ? built.stream()
              : as.packaged().stream())
          .filter(p -> p.supportedUntil() != null && !today.isAfter(p.supportedUntil()))
          .findFirst();
      if (as.endOfLife() && maintained.isPresent()) {
        out.add(finding(
            END_OF_LIFE,
            Severity.LOW,
            o.host(),
            d.name(),
            Evidence.of(
                "tech.maintained",
                "eol",
                endOfLife(d, as),
                "distribution",
                maintained.get().distribution(),
                "until",
                maintained.get().supportedUntil().toString(),
                "how",
                Evidence.of(built.isPresent() ? "tech.maintained.built" : "tech.maintained.if"))));
      } else if (as.endOfLife()) {
        out.add(finding(END_OF_LIFE, o.host(), d.name(), withCaveat(endOfLife(d, as), caveat)));
      } else if (as.outdated()) {
        out.add(finding(OUTDATED, o.host(), d.name(), withCaveat(outdated(d, as), caveat)));
      }
    }
    return out;
  }

  private static Evidence withCaveat(Evidence text, Evidence caveat) {
    return caveat == null ? text : Evidence.of("tech.with-caveat", "text", text, "caveat", caveat);
  }

  /**
   * No distribution named by the server: a version a supported distribution ships, whose package
   * fixed every one of these CVEs, cannot be called vulnerable from its number: "to verify", at
   * medium, never what makes a commune F.
   */
  private static Finding unbuiltVerdict(String host, Detection d, Assessment as, Evidence caveat) {
    Optional<VersionIntel.Package> patched = d.packaged()
        ? Optional.empty()
        : as.packaged().stream()
            .filter(p -> as.exploited().stream().allMatch(e -> p.fixed().containsKey(e.cve())))
            .findFirst();
    if (patched.isPresent()) {
      return finding(VULNERABLE, Severity.MEDIUM, host, d.name(), toVerify(d, as, patched.get()));
    }
    return finding(
        VULNERABLE, Severity.CRITICAL, host, d.name(), withCaveat(vulnerable(d, as), caveat));
  }

  /**
   * The server names its build: each CVE is judged as that distribution judges it. Unfixed in
   * that package, or fixed only in a later package version than the one the server gives:
   * critical, certain. Fixed in a package version the server's is at or past: nothing to say.
   * Fixed, but the server gives no package version: to verify, naming the package.
   */
  private static Finding builtVerdict(
      String host, Detection d, Assessment as, VersionIntel.Package p) {
    Optional<String> installed = p.revision(d.distribution());
    List<Evidence> certain = new ArrayList<>();
    List<Exploited> toVerify = new ArrayList<>();
    List<Exploited> open = new ArrayList<>();
    for (Exploited e : as.exploited()) {
      String fixedIn = p.fixed().get(e.cve());
      if (fixedIn == null) {
        open.add(e);
        fr.vigie.fingerprint.VersionIntel.Note why = p.unfixed().get(e.cve());
        certain.add(
            why == null
                ? Evidence.of("tech.cve.unfixed", "cve", e.cve(), "distribution", p.distribution())
                : Evidence.of(
                    "tech.cve.unfixed-because",
                    "cve",
                    e.cve(),
                    "why",
                    Evidence.bilingual(why.fr(), why.en())));
      } else if (installed.isEmpty()) {
        toVerify.add(e);
      } else if (fr.vigie.fingerprint.PackageVersion.compareRevisions(installed.get(), fixedIn)
          < 0) {
        open.add(e);
        certain.add(Evidence.of(
            "tech.cve.fixed-later",
            "cve",
            e.cve(),
            "fixed",
            fixedIn,
            "running",
            d.version() + "-" + installed.get()));
      }
    }
    if (!open.isEmpty()) {
      Assessment a = new Assessment(
          as.product(), as.branch(), as.endOfLife(), as.outdated(), open, as.packaged());
      return finding(
          VULNERABLE,
          Severity.CRITICAL,
          host,
          d.name(),
          Evidence.of(
              "tech.vulnerable.build",
              "distribution",
              p.distribution(),
              "suffix",
              d.distribution(),
              "certain",
              certain,
              "verdict",
              vulnerable(d, a)));
    }
    if (!toVerify.isEmpty()) {
      Assessment a = new Assessment(
          as.product(), as.branch(), as.endOfLife(), as.outdated(), toVerify, as.packaged());
      return finding(
          VULNERABLE,
          Severity.MEDIUM,
          host,
          d.name(),
          Evidence.of(
              "tech.to-verify.build",
              "distribution",
              p.distribution(),
              "suffix",
              d.distribution(),
              "rest",
              toVerify(d, a, p)));
    }
    return null;
  }

  private static Evidence detected(Detection d) {
    Evidence version = switch (d.precision()) {
      case EXACT -> Evidence.of("tech.version.exact", "version", d.version());
      case BRANCH -> Evidence.of("tech.version.branch", "version", d.version());
      case HINT -> Evidence.of("tech.version.hint", "version", d.version());
      case UNKNOWN -> Evidence.of("tech.version.unknown");
    };
    return Evidence.of(
        "tech.detected",
        "name",
        d.name(),
        "category",
        fr.vigie.fingerprint.Fingerprinter.CATEGORIES.contains(d.category())
            ? Evidence.of("tech.category." + d.category())
            : Evidence.verbatim(d.category()),
        "version",
        version,
        "confidence",
        d.confidence(),
        "evidence",
        d.evidence().stream()
            .map(e -> e.startsWith(fr.vigie.fingerprint.Fingerprinter.IMPLIED_BY)
                ? Evidence.of(
                    "tech.implied",
                    "by",
                    e.substring(fr.vigie.fingerprint.Fingerprinter.IMPLIED_BY.length()))
                : Evidence.verbatim(e))
            .toList());
  }

  private static Evidence vulnerable(Detection d, Assessment a) {
    return Evidence.of(
        "tech.vulnerable",
        "label",
        d.label(),
        "cves",
        a.exploited().stream().map(TechCheck::describe).toList());
  }

  private static Evidence toVerify(Detection d, Assessment a, VersionIntel.Package p) {
    return Evidence.of(
        "tech.to-verify",
        "label",
        d.label(),
        "cves",
        a.exploited().stream().map(Exploited::cve).toList(),
        "count",
        a.exploited().size(),
        "distribution",
        p.distribution(),
        "fixes",
        a.exploited().stream()
            .map(e ->
                Evidence.of("tech.fix-in", "cve", e.cve(), "fixed", p.fixed().get(e.cve())))
            .toList(),
        "check",
        p.check() == null ? null : Evidence.of("tech.to-verify.check", "check", p.check()),
        "version",
        d.version(),
        "vulnerable",
        vulnerable(d, a));
  }

  private static Evidence describe(Exploited e) {
    return Evidence.of(
        "tech.cve",
        "cve",
        e.cve(),
        "what",
        e.what(),
        "kev",
        e.kev() == null ? null : Evidence.of("tech.kev", "date", e.kev().toString()),
        "advisory",
        e.advisory());
  }

  private static Evidence endOfLife(Detection d, Assessment a) {
    Branch b = a.branch();
    Evidence when = b == null
        ? Evidence.of("tech.eol.older")
        : b.eol() == null || b.eol().equals(LocalDate.MIN)
            ? Evidence.of("tech.eol.branch", "branch", b.name())
            : Evidence.of(
                "tech.eol.branch-ended", "branch", b.name(), "date", b.eol().toString());
    return Evidence.of(
        "tech.end-of-life",
        "label",
        d.label(),
        "when",
        when,
        "newest",
        newest(a),
        "source",
        source(a));
  }

  private static Evidence outdated(Detection d, Assessment a) {
    return Evidence.of(
        "tech.outdated",
        "label",
        d.label(),
        "branch",
        a.branch().name(),
        "latest",
        a.branch().latest(),
        "source",
        source(a));
  }

  private static Evidence newest(Assessment a) {
    Branch top = a.product().branches().get(0);
    return Evidence.of(
        "tech.newest",
        "branch",
        top.name(),
        "latest",
        top.latest() == null ? null : Evidence.of("tech.latest", "latest", top.latest()));
  }

  private static Evidence source(Assessment a) {
    return Evidence.of(
        "tech.source",
        "source",
        a.product().sources().get(0),
        "reviewed",
        String.valueOf(a.product().reviewed()));
  }

  /** Distributions backport fixes without changing the upstream number: say so where it applies. */
  private static Evidence caveat(Detection d, Assessment a) {
    if (d.packaged()) {
      return Evidence.of("tech.caveat.suffix");
    }
    if (!a.packaged().isEmpty()) {
      return Evidence.of(
          "tech.caveat.packaged", "distribution", a.packaged().get(0).distribution());
    }
    return null;
  }

  /** Raised and cleared by the technology rules on a host (version sources included), or the port probe for a version read from a banner (address:port). */
  @Override
  public Question question(Finding f) {
    return Question.isAddressPort(f.asset()) ? Question.port(f.asset()) : Question.tech(f.asset());
  }
}
