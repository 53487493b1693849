package fr.vigie.check.mail;

import fr.vigie.observation.DnsAnswer;
import fr.vigie.observation.DomainObservation;
import fr.vigie.observation.Spf;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Facts the mail checks share about a domain; pure. */
final class MailDomain {

  private MailDomain() {}

  /** An MX record that is not the "null MX" of RFC 7505 ({@code 0 .}). */
  static boolean receivesMail(DomainObservation d) {
    for (String mx : d.record("MX").recordsOrEmpty()) {
      String[] parts = mx.strip().split("\\s+");
      if (parts.length == 2 && !parts[1].equals(".")) {
        return true;
      }
    }
    return false;
  }

  /** An SPF record that authorises someone: {@code v=spf1 -all} alone says the domain sends nothing. */
  static boolean sendsMail(DomainObservation d) {
    for (String r : d.spfRecords()) {
      List<Spf.Term> terms = Spf.parse(r).terms();
      boolean onlyFail =
          terms.size() == 1 && terms.get(0).name().equals("all") && terms.get(0).qualifier() == '-';
      if (!onlyFail) {
        return true;
      }
    }
    return false;
  }

  static boolean handlesMail(DomainObservation d) {
    return receivesMail(d) || sendsMail(d);
  }

  /** The DMARC record at {@code _dmarc.<domain>}, if one is published. */
  static Optional<String> dmarcRecord(DomainObservation d) {
    for (String txt : d.dmarc().recordsOrEmpty()) {
      String s = txt.strip();
      if (s.toLowerCase(Locale.ROOT).replace(" ", "").startsWith("v=dmarc1")) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** True when the DMARC lookup gave an answer one can conclude from (not a timeout). */
  static boolean dmarcKnown(DomainObservation d) {
    return d.dmarc() instanceof DnsAnswer.Resolved || d.dmarc().isNegative();
  }

  /** The value of a DMARC tag, lower-cased, or empty. */
  static Optional<String> dmarcTag(String record, String tag) {
    for (String part : record.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).strip().equalsIgnoreCase(tag)) {
        return Optional.of(part.substring(eq + 1).strip().toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }
}
