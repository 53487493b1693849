package fr.vigie.check.mail;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.Spf;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An SPF policy that receivers evaluate to "permerror" (RFC 7208 §4.5, §4.6, §4.6.4) and then
 * ignore: several records, a syntax error, more than 10 DNS-querying terms through includes and
 * redirects, an include with no SPF record, or includes that loop. One finding per kind of problem, so that fixing
 * one does not change the key of another.
 */
public final class SpfInvalidCheck extends BaseCheck<DomainObservation> {

  public static final String ID = "mail.spf.invalid";
  static final int LOOKUP_LIMIT = 10;

  public SpfInvalidCheck() {
    super(DomainObservation.class, ID);
  }

  @Override
  public List<Finding> evaluate(DomainObservation d) {
    List<String> records = d.spfRecords();
    if (records.isEmpty()) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    if (records.size() > 1) {
      findings.add(finding(
          d,
          "multiple-records",
          Evidence.of("mail.spf.multiple", "count", records.size(), "records", records)));
      return findings;
    }
    String record = records.get(0);
    Spf.Parsed parsed = Spf.parse(record);
    if (!parsed.errors().isEmpty()) {
      findings.add(finding(
          d,
          "syntax",
          Evidence.of(
              "mail.spf.syntax",
              "errors",
              parsed.errors().stream()
                  .map(e -> Evidence.of("spf." + e.code(), "term", e.term(), "name", e.name()))
                  .toList(),
              "record",
              record)));
    }
    Count count = new Count();
    countLookups(d, parsed, new HashSet<>(Set.of(d.domain())), count, 0);

    if (count.lookups > LOOKUP_LIMIT) {
      // Past the limit, an include that could not be read only makes the count larger.
      findings.add(finding(
          d,
          "too-many-lookups",
          Evidence.of(
              "mail.spf.lookups",
              "atLeast",
              count.unknown ? Evidence.of("at-least") : null,
              "count",
              count.lookups,
              "limit",
              LOOKUP_LIMIT,
              "record",
              record)));
    }
    if (!count.cycles.isEmpty()) {
      findings.add(finding(d, "include-loop", Evidence.of("mail.spf.loop", "names", count.cycles)));
    }
    if (!count.missing.isEmpty()) {
      findings.add(finding(
          d,
          "include-without-spf",
          Evidence.of("mail.spf.include-missing", "names", count.missing)));
    }
    return findings;
  }

  private static final class Count {
    int lookups;
    boolean unknown;
    final List<String> missing = new ArrayList<>();
    final List<String> cycles = new ArrayList<>();
  }

  private static void countLookups(
      DomainObservation d, Spf.Parsed parsed, Set<String> visited, Count count, int depth) {
    for (Spf.Term t : parsed.terms()) {
      if (!Spf.costsLookup(t)) {
        continue;
      }
      count.lookups++;
      boolean follows = t.name().equals("include") || (t.modifier() && t.name().equals("redirect"));
      if (!follows || t.value().contains("%") || depth > LOOKUP_LIMIT) {
        continue;
      }
      String target = Spf.normalise(t.value());
      // Only a cycle stops the walk: a name included twice is evaluated twice by receivers,
      // and its lookups count twice.
      if (!visited.add(target)) {
        // A cycle never ends for a receiver: it runs into the lookup limit, a permerror.
        if (!count.cycles.contains(target)) {
          count.cycles.add(target);
        }
        continue;
      }
      DnsAnswer txt = d.spfIncludes().get(target);
      if (txt == null || txt instanceof DnsAnswer.Timeout || txt instanceof DnsAnswer.ServFail) {
        count.unknown = true;
        continue;
      }
      List<String> spf = Spf.records(txt.recordsOrEmpty());
      if (spf.size() != 1) {
        if (!count.missing.contains(target)) {
          count.missing.add(target);
        }
        visited.remove(target);
        continue;
      }
      countLookups(d, Spf.parse(spf.get(0)), visited, count, depth + 1);
      visited.remove(target);
    }
  }

  private Finding finding(DomainObservation d, String subject, Evidence evidence) {
    return finding(ID, d.domain(), subject, evidence);
  }

  /** Raised and cleared by the domain's TXT records. */
  @Override
  public Question question(Finding f) {
    return Question.dns(f.asset(), "TXT");
  }
}
