package fr.vigie.check.tech;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.fingerprint.Detection;
import fr.vigie.fingerprint.TechObservation;
import fr.vigie.fingerprint.VersionIntel;
import fr.vigie.fingerprint.VersionIntel.Assessment;
import fr.vigie.fingerprint.VersionIntel.Branch;
import fr.vigie.fingerprint.VersionIntel.Exploited;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
      String caveat = caveat(d, as);
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
        out.add(new Finding(
            END_OF_LIFE,
            Severity.LOW,
            o.host(),
            d.name(),
            endOfLife(d, as) + " " + maintained.get().distribution()
                + " still maintains this version, until " + maintained.get().supportedUntil()
                + (built.isPresent()
                    ? ": the server says it runs that package; plan the upgrade before then."
                    : ": if it is that package, plan the upgrade before then.")));
      } else if (as.endOfLife()) {
        out.add(finding(END_OF_LIFE, o.host(), d.name(), endOfLife(d, as) + caveat));
      } else if (as.outdated()) {
        out.add(finding(OUTDATED, o.host(), d.name(), outdated(d, as) + caveat));
      }
    }
    return out;
  }

  /**
   * No distribution named by the server: a version a supported distribution ships, whose package
   * fixed every one of these CVEs, cannot be called vulnerable from its number: "to verify", at
   * medium, never what makes a commune F.
   */
  private static Finding unbuiltVerdict(String host, Detection d, Assessment as, String caveat) {
    Optional<VersionIntel.Package> patched = d.packaged()
        ? Optional.empty()
        : as.packaged().stream()
            .filter(p -> as.exploited().stream().allMatch(e -> p.fixed().containsKey(e.cve())))
            .findFirst();
    if (patched.isPresent()) {
      return new Finding(
          VULNERABLE, Severity.MEDIUM, host, d.name(), toVerify(d, as, patched.get()));
    }
    return new Finding(VULNERABLE, Severity.CRITICAL, host, d.name(), vulnerable(d, as) + caveat);
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
    List<String> certain = new ArrayList<>();
    List<Exploited> toVerify = new ArrayList<>();
    List<Exploited> open = new ArrayList<>();
    for (Exploited e : as.exploited()) {
      String fixedIn = p.fixed().get(e.cve());
      if (fixedIn == null) {
        open.add(e);
        certain.add(e.cve() + ": "
            + p.unfixed()
                .getOrDefault(e.cve(), p.distribution() + " lists no fix of it in this version"));
      } else if (installed.isEmpty()) {
        toVerify.add(e);
      } else if (fr.vigie.fingerprint.PackageVersion.compareRevisions(installed.get(), fixedIn)
          < 0) {
        open.add(e);
        certain.add(e.cve() + ": fixed in " + fixedIn + ", the server runs " + d.version() + "-"
            + installed.get());
      }
    }
    String build =
        "The server says it runs " + p.distribution() + "'s build (" + d.distribution() + "). ";
    if (!open.isEmpty()) {
      Assessment a = new Assessment(
          as.product(), as.branch(), as.endOfLife(), as.outdated(), open, as.packaged());
      return new Finding(
          VULNERABLE,
          Severity.CRITICAL,
          host,
          d.name(),
          build + String.join("; ", certain) + ". " + vulnerable(d, a) + ".");
    }
    if (!toVerify.isEmpty()) {
      Assessment a = new Assessment(
          as.product(), as.branch(), as.endOfLife(), as.outdated(), toVerify, as.packaged());
      return new Finding(VULNERABLE, Severity.MEDIUM, host, d.name(), build + toVerify(d, a, p));
    }
    return null;
  }

  private static String detected(Detection d) {
    String version = switch (d.precision()) {
      case EXACT -> "version " + d.version();
      case BRANCH -> "branch " + d.version() + " (exact version not published)";
      case HINT -> "version unknown (hint: " + d.version() + ")";
      case UNKNOWN -> "version unknown";
    };
    return d.name() + " (" + d.category() + "), " + version + ", confidence " + d.confidence()
        + " — " + String.join("; ", d.evidence());
  }

  private static String vulnerable(Detection d, Assessment a) {
    String list = a.exploited().stream().map(TechCheck::describe).collect(Collectors.joining("; "));
    return d.label() + " is in the affected versions of " + list;
  }

  private static String toVerify(Detection d, Assessment a, VersionIntel.Package p) {
    String fixes = a.exploited().stream()
        .map(e -> e.cve() + " in " + p.fixed().get(e.cve()))
        .collect(Collectors.joining(", "));
    return "To verify: upstream " + d.label() + " is affected by "
        + a.exploited().stream().map(Exploited::cve).collect(Collectors.joining(", "))
        + "; " + p.distribution() + " fixed " + (a.exploited().size() == 1 ? "it" : "them") + " ("
        + fixes + ")"
        + (p.check() == null ? "" : " — check the installed package (" + p.check() + ")")
        + ". If the site runs upstream's " + d.version() + ", it is vulnerable: " + vulnerable(d, a)
        + ".";
  }

  private static String describe(Exploited e) {
    return e.cve() + " (" + e.what() + (e.kev() != null ? "; in CISA KEV since " + e.kev() : "")
        + "; " + e.advisory() + ")";
  }

  private static String endOfLife(Detection d, Assessment a) {
    Branch b = a.branch();
    String when = b == null
        ? "is older than every branch still listed"
        : "belongs to branch " + b.name()
            + (b.eol() == null || b.eol().equals(LocalDate.MIN)
                ? ", which gets no security fixes any more"
                : ", whose security fixes ended on " + b.eol());
    return d.label() + " " + when + ". " + newest(a) + source(a);
  }

  private static String outdated(Detection d, Assessment a) {
    return d.label() + ": branch " + a.branch().name() + " is at " + a.branch().latest() + ". "
        + source(a);
  }

  private static String newest(Assessment a) {
    Branch top = a.product().branches().get(0);
    return "Newest branch: " + top.name() + (top.latest() == null ? "" : " (" + top.latest() + ")")
        + ". ";
  }

  private static String source(Assessment a) {
    return "Data: " + a.product().sources().get(0) + ", reviewed " + a.product().reviewed() + ".";
  }

  /** Distributions backport fixes without changing the upstream number: say so where it applies. */
  private static String caveat(Detection d, Assessment a) {
    if (d.packaged()) {
      return " The version carries a distribution's suffix: fixes may have been backported; check the package's changelog.";
    }
    if (!a.packaged().isEmpty()) {
      return " This version is also " + a.packaged().get(0).distribution()
          + ": if it was installed from that package, check the package's version and changelog before concluding.";
    }
    return "";
  }

  /** Raised and cleared by the technology rules on a host (version sources included), or the port probe for a version read from a banner (address:port). */
  @Override
  public Question question(Finding f) {
    return Question.isAddressPort(f.asset()) ? Question.port(f.asset()) : Question.tech(f.asset());
  }
}
