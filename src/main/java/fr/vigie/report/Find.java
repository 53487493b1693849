package fr.vigie.report;

import fr.vigie.UserInputException;
import fr.vigie.check.tech.TechCheck;
import fr.vigie.fingerprint.Version;
import fr.vigie.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigie find}: a question across the communes of a scan ("which run Roundcube < 1.6.11?",
 * "which expose .git?"), answered one line per commune and host. Filters combine (all must hold).
 * A version the scan could not read exactly is never an answer of "no": a WordPress whose version
 * is unknown, a branch that straddles the bound, or a distribution build the version data says to
 * verify, is answered "to verify".
 */
public final class Find {

  /** What is asked; null: not asked. (One commune: the report is built for it alone.) */
  public record Query(Tech tech, String check, Severity severity, String status, String service) {

    boolean asksFindings() {
      return check != null || severity != null || status != null;
    }
  }

  /** {@code Roundcube}, {@code WordPress<6.4}, {@code nginx>=1.25}, {@code PHP=7.4}. */
  public record Tech(String name, String op, Version bound) {

    private static final Pattern SPEC =
        Pattern.compile("\\s*([^<>=!]+?)\\s*(?:(<=|>=|!=|<|>|=)\\s*([0-9][0-9A-Za-z.+~-]*))?\\s*");

    public static Tech parse(String spec) {
      Matcher m = SPEC.matcher(spec == null ? "" : spec);
      if (!m.matches()) {
        throw new UserInputException("--tech '" + fr.vigie.Text.shown(spec, 60)
            + "': a name, optionally a comparison and a version (WordPress<6.4, Roundcube,"
            + " nginx>=1.25)");
      }
      Version bound = m.group(3) == null ? null : Version.parse(m.group(3));
      if (m.group(2) != null && bound == null) {
        throw new UserInputException(
            "--tech '" + fr.vigie.Text.shown(spec, 60) + "': no version after " + m.group(2));
      }
      return new Tech(m.group(1), m.group(2), bound);
    }

    boolean names(ScanReport.TechReport t) {
      return key(t.name()).equals(key(name));
    }

    private static String key(String s) {
      return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }
  }

  /** Whether a technology answers the version part of the question. */
  public enum Match {
    YES,
    /** It may: the version is unknown, a branch across the bound, or a build to verify. */
    MAYBE,
    NO
  }

  /**
   * One answer.
   *
   * @param what the technology (with its version), the finding's title, or the service
   * @param detail the finding's severity and status, or the evidence of why it is to verify
   */
  public record Answer(
      String insee,
      String commune,
      String host,
      String kind,
      String what,
      String version,
      Match match,
      String check,
      String subject,
      String severity,
      String status,
      String evidence) {}

  private Find() {}

  public static List<Answer> answer(ScanReport report, Query q, Words w) {
    List<Answer> out = new ArrayList<>();
    for (ScanReport.CommuneReport c : report.communes()) {
      for (ScanReport.HostReport h : c.hosts()) {
        List<Answer> techs = new ArrayList<>();
        if (q.tech() != null) {
          for (ScanReport.TechReport t : h.technologies()) {
            if (!q.tech().names(t)) {
              continue;
            }
            Match m = match(t, q.tech(), toVerify(c, h, t));
            if (m != Match.NO) {
              techs.add(new Answer(
                  c.insee(),
                  c.name(),
                  h.name(),
                  "tech",
                  t.name(),
                  t.version() != null ? t.version() : t.versionHint(),
                  m,
                  null,
                  null,
                  null,
                  null,
                  m == Match.MAYBE ? why(t, w) : null));
            }
          }
          if (techs.isEmpty()) {
            continue;
          }
        }
        List<ScanReport.ServiceReport> services = h.services().stream()
            .filter(s -> q.service() == null || s.protocol().equalsIgnoreCase(q.service()))
            .toList();
        if (q.service() != null && services.isEmpty()) {
          continue;
        }
        if (q.asksFindings()) {
          for (ScanReport.FindingReport f : c.findings()) {
            if (onHost(f, h) && findingMatches(f, q)) {
              out.add(new Answer(
                  c.insee(),
                  c.name(),
                  h.name(),
                  "finding",
                  f.title(),
                  null,
                  Match.YES,
                  f.check(),
                  f.subject(),
                  f.severity(),
                  f.status(),
                  f.evidence()));
            }
          }
        } else if (q.tech() != null) {
          out.addAll(techs);
        } else if (q.service() != null) {
          for (ScanReport.ServiceReport s : services) {
            out.add(new Answer(
                c.insee(),
                c.name(),
                h.name(),
                "service",
                TextReport.label(s),
                s.version(),
                Match.YES,
                null,
                null,
                null,
                null,
                s.address() + ":" + s.port()));
          }
        }
      }
      // Findings on the commune's domains (mail, DNS) belong to no host of the list.
      if (q.asksFindings() && q.tech() == null && q.service() == null) {
        for (ScanReport.FindingReport f : c.findings()) {
          if (c.hosts().stream().noneMatch(h -> onHost(f, h)) && findingMatches(f, q)) {
            out.add(new Answer(
                c.insee(),
                c.name(),
                hostOf(f.asset()),
                "finding",
                f.title(),
                null,
                Match.YES,
                f.check(),
                f.subject(),
                f.severity(),
                f.status(),
                f.evidence()));
          }
        }
      }
    }
    return out;
  }

  static Match match(ScanReport.TechReport t, Tech q, boolean toVerify) {
    if (q.op() == null) {
      return Match.YES;
    }
    Version v = Version.parse(t.version());
    if (v == null) {
      return Match.MAYBE;
    }
    boolean branch = "branch".equals(t.precision());
    Match m = branch ? branchMatch(v, q.op(), q.bound()) : exact(v.compareTo(q.bound()), q.op());
    // The server names a distribution build that may carry backported fixes: its upstream number
    // does not settle a question about fixes.
    return m == Match.YES && toVerify ? Match.MAYBE : m;
  }

  private static Match exact(int cmp, String op) {
    boolean yes = switch (op) {
      case "<" -> cmp < 0;
      case "<=" -> cmp <= 0;
      case ">" -> cmp > 0;
      case ">=" -> cmp >= 0;
      case "=" -> cmp == 0;
      case "!=" -> cmp != 0;
      default -> throw new IllegalArgumentException(op);
    };
    return yes ? Match.YES : Match.NO;
  }

  /** A branch ({@code 6}, {@code 10.2}): every release in it; the bound may fall inside. */
  private static Match branchMatch(Version branch, String op, Version bound) {
    if (bound.within(branch) && bound.size() > branch.size()) {
      // WordPress 6 against <6.4: some 6.x are below, some not.
      return Match.MAYBE;
    }
    Version head =
        bound.size() > branch.size() ? new Version(bound.parts().subList(0, branch.size())) : bound;
    int cmp = branch.compareTo(head);
    if (cmp == 0 && bound.size() <= branch.size()) {
      // The bound is the branch's first release (10 against >=10): the whole branch is >= it.
      return switch (op) {
        case ">=" -> Match.YES;
        case "<" -> Match.NO;
        default -> Match.MAYBE;
      };
    }
    return exact(cmp, op);
  }

  private static boolean toVerify(
      ScanReport.CommuneReport c, ScanReport.HostReport h, ScanReport.TechReport t) {
    return c.findings().stream()
        .anyMatch(f -> f.current()
            && f.check().equals(TechCheck.VULNERABLE)
            && f.severity().equals(Severity.MEDIUM.id())
            && f.subject().equals(t.name())
            && onHost(f, h));
  }

  private static String why(ScanReport.TechReport t, Words w) {
    if (Version.parse(t.version()) == null) {
      return t.versionHint() == null
          ? w.t("version inconnue : à vérifier", "version unknown: to verify")
          : w.t("version supposée ", "version guessed ")
              + t.versionHint()
              + w.t(" : à vérifier", ": to verify");
    }
    return "branch".equals(t.precision())
        ? w.t("seule la branche est connue : à vérifier", "only the branch is known: to verify")
        : w.t(
            "paquet de distribution qui peut porter les correctifs : à vérifier",
            "distribution package that may carry the fixes: to verify");
  }

  private static boolean findingMatches(ScanReport.FindingReport f, Query q) {
    if (q.check() != null && !checkMatches(f.check(), q.check())) {
      return false;
    }
    if (q.severity() != null && Severity.parse(f.severity()).compareTo(q.severity()) > 0) {
      return false;
    }
    if (q.status() != null) {
      return f.status().equals(q.status());
    }
    // Unless asked, what is open now: new, still open, or not verified (not looking is not fixing).
    return f.current();
  }

  /** {@code exposure.git}, or a family: {@code exposure}, {@code exposure.*}. */
  static boolean checkMatches(String check, String asked) {
    String a = asked.endsWith(".*") ? asked.substring(0, asked.length() - 2) : asked;
    return check.equals(a) || check.startsWith(a + ".");
  }

  private static boolean onHost(ScanReport.FindingReport f, ScanReport.HostReport h) {
    String host = hostOf(f.asset());
    return host.equals(h.name()) || h.addresses().contains(host);
  }

  private static String hostOf(String asset) {
    int colon = asset.lastIndexOf(':');
    return colon > 0 && asset.indexOf(':') == colon ? asset.substring(0, colon) : asset;
  }

  public static Optional<String> status(String s) {
    if (s == null) {
      return Optional.empty();
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "new", "nouveau" -> Optional.of("new");
      case "open", "ouvert" -> Optional.of("open");
      case "unknown", "non-verifie", "non-vérifié" -> Optional.of("unknown");
      case "resolved", "fixed", "corrige", "corrigé" -> Optional.of("resolved");
      case "suppressed", "accepted", "accepte", "accepté" -> Optional.of("suppressed");
      default ->
        throw new UserInputException("--status '" + fr.vigie.Text.shown(s, 40)
            + "': one of new, open, unknown, resolved, suppressed");
    };
  }

  static final String[] COLUMNS = {
    "insee",
    "commune",
    "host",
    "kind",
    "what",
    "version",
    "match",
    "check",
    "subject",
    "severity",
    "status",
    "evidence"
  };

  public static String csv(List<Answer> answers) {
    StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (Answer a : answers) {
      String[] cells = {
        a.insee(),
        a.commune(),
        Words.host(a.host()),
        a.kind(),
        a.what(),
        a.version(),
        a.match().name().toLowerCase(Locale.ROOT),
        a.check(),
        a.subject(),
        a.severity(),
        a.status(),
        a.evidence()
      };
      for (int i = 0; i < cells.length; i++) {
        out.append(i == 0 ? "" : ",").append(Escape.csv(cells[i] == null ? "" : cells[i]));
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  public static String json(List<Answer> answers) {
    try {
      return fr.vigie.store.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answers)
          + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line an answer, in the report's language: {@code 99005 Vieux-Moulin — www… — WordPress 6.1.9}. */
  public static String text(List<Answer> answers, Words w) {
    if (answers.isEmpty()) {
      return w.t("Aucune réponse dans ce scan.", "No answer in this scan.") + "\n";
    }
    StringBuilder out = new StringBuilder();
    java.util.Set<String> communes = new java.util.LinkedHashSet<>();
    for (Answer a : answers) {
      communes.add(a.insee() + " " + a.commune());
      StringBuilder line = new StringBuilder()
          .append(a.insee() == null ? "" : a.insee() + " ")
          .append(a.commune())
          .append(" — ")
          .append(Words.asset(a.host()))
          .append(" — ");
      switch (a.kind()) {
        case "finding" ->
          line.append(w.severity(a.severity()))
              .append(' ')
              .append(a.what())
              .append(Words.subject(a.subject()))
              .append(" (")
              .append(w.status(a.status()))
              .append(')');
        case "tech" -> {
          line.append(a.what()).append(a.version() == null ? "" : " " + a.version());
          if (a.match() == Match.MAYBE) {
            line.append(" — ").append(a.evidence());
          }
        }
        default -> line.append(a.what()).append(" (").append(a.evidence()).append(')');
      }
      out.append(Escape.terminal(line.toString())).append('\n');
    }
    long maybe = answers.stream().filter(a -> a.match() == Match.MAYBE).count();
    out.append(w.count(answers.size(), "réponse", "réponses", "answer", "answers"))
        .append(w.t(" dans ", " in "))
        .append(w.count(communes.size(), "commune", "communes", "commune", "communes"))
        .append(
            maybe == 0
                ? ""
                : w.t(" (dont ", " (") + w.number(maybe) + w.t(" à vérifier)", " to verify)"))
        .append('\n');
    return out.toString();
  }
}
