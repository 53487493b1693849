package fr.vigie.observation;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** SPF record syntax (RFC 7208 §4.6, §5, §6): pure parsing, shared by discovery and checks. */
public final class Spf {

  /** One directive ({@code -all}, {@code include:x}) or modifier ({@code redirect=x}). */
  public record Term(char qualifier, String name, String value, boolean modifier) {
    @Override
    public String toString() {
      if (modifier) {
        return name + "=" + value;
      }
      return (qualifier == '+' ? "" : String.valueOf(qualifier))
          + name
          + (value.isEmpty() ? "" : ":" + value);
    }
  }

  /**
   * A syntax error: what is wrong ({@code unknown-mechanism}, {@code needs-domain}…), the term
   * as written, and the mechanism's name where the error is about it.
   */
  public record Problem(String code, String term, String name) {}

  /** A parsed record and the syntax errors found in it (empty when valid). */
  public record Parsed(List<Term> terms, List<Problem> errors) {
    public Parsed {
      terms = List.copyOf(terms);
      errors = List.copyOf(errors);
    }
  }

  private static final Pattern MODIFIER = Pattern.compile("([a-zA-Z][a-zA-Z0-9_.-]*)=(.*)");
  private static final Pattern DOMAIN_SPEC = Pattern.compile("[\\x21-\\x7e]+");
  private static final Pattern CIDR = Pattern.compile("(/\\d{1,2})?(//\\d{1,3})?");

  private Spf() {}

  /** The TXT strings that are SPF records: {@code v=spf1} alone or followed by a space. */
  public static List<String> records(List<String> txt) {
    List<String> spf = new ArrayList<>();
    for (String t : txt) {
      String s = t.strip();
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.equals("v=spf1") || lower.startsWith("v=spf1 ")) {
        spf.add(s);
      }
    }
    return spf;
  }

  public static Parsed parse(String record) {
    List<Term> terms = new ArrayList<>();
    List<Problem> errors = new ArrayList<>();
    String[] words = record.strip().split("\\s+");
    for (int i = 1; i < words.length; i++) {
      String w = words[i];
      if (w.isEmpty()) {
        continue;
      }
      var m = MODIFIER.matcher(w);
      if (m.matches() && !w.contains(":")) {
        String name = m.group(1).toLowerCase(Locale.ROOT);
        String value = m.group(2);
        if ((name.equals("redirect") || name.equals("exp"))
            && !DOMAIN_SPEC.matcher(value).matches()) {
          errors.add(new Problem("modifier-no-domain", w, null));
        }
        terms.add(new Term('+', name, value, true));
        continue;
      }
      char q = '+';
      String body = w;
      if ("+-~?".indexOf(w.charAt(0)) >= 0) {
        q = w.charAt(0);
        body = w.substring(1);
      }
      int colon = body.indexOf(':');
      int slash = body.indexOf('/');
      int cut = colon >= 0 ? colon : (slash >= 0 ? slash : body.length());
      String name = body.substring(0, cut).toLowerCase(Locale.ROOT);
      String value = colon >= 0 ? body.substring(colon + 1) : "";
      String rest = colon >= 0 ? "" : body.substring(cut);
      switch (name) {
        case "all" -> {
          if (!body.equalsIgnoreCase("all")) {
            errors.add(new Problem("all-argument", w, null));
          }
        }
        case "include", "exists" -> {
          if (value.isEmpty() || !DOMAIN_SPEC.matcher(value).matches()) {
            errors.add(new Problem("needs-domain", w, name));
          }
        }
        case "a", "mx" -> {
          if (!CIDR.matcher(rest).matches()) {
            errors.add(new Problem("prefix", w, null));
          }
        }
        case "ptr" -> {}
        case "ip4" -> {
          if (!validIp4(value)) {
            errors.add(new Problem("ipv4", w, null));
          }
        }
        case "ip6" -> {
          if (!validIp6(value)) {
            errors.add(new Problem("ipv6", w, null));
          }
        }
        default -> errors.add(new Problem("unknown-mechanism", w, null));
      }
      terms.add(new Term(q, name, value, false));
    }
    return new Parsed(terms, errors);
  }

  static boolean validIp4(String value) {
    String[] parts = value.split("/", -1);
    if (parts.length > 2 || (parts.length == 2 && !inRange(parts[1], 32))) {
      return false;
    }
    String[] octets = parts[0].split("\\.", -1);
    if (octets.length != 4) {
      return false;
    }
    for (String o : octets) {
      if (!inRange(o, 255)) {
        return false;
      }
    }
    return true;
  }

  static boolean validIp6(String value) {
    String[] parts = value.split("/", -1);
    if (parts.length > 2 || (parts.length == 2 && !inRange(parts[1], 128))) {
      return false;
    }
    String address = parts[0];
    if (!address.contains(":") || !address.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      // A literal: no lookup happens.
      return InetAddress.getByName(address) instanceof Inet6Address
          || address.toLowerCase(Locale.ROOT).startsWith("::ffff:");
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static boolean inRange(String digits, int max) {
    if (!digits.matches("\\d{1,3}")) {
      return false;
    }
    return Integer.parseInt(digits) <= max;
  }

  /** The domains an SPF evaluation reads further SPF records from: include and redirect targets. */
  public static List<String> referencedDomains(Parsed parsed) {
    List<String> out = new ArrayList<>();
    for (Term t : parsed.terms()) {
      boolean follows = (!t.modifier() && t.name().equals("include"))
          || (t.modifier() && t.name().equals("redirect"));
      if (follows && !t.value().isEmpty() && !t.value().contains("%")) {
        out.add(normalise(t.value()));
      }
    }
    return out;
  }

  public static String normalise(String domain) {
    String d = domain.strip().toLowerCase(Locale.ROOT);
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  /** True for a term that costs a DNS lookup in the RFC 7208 §4.6.4 limit of 10. */
  public static boolean costsLookup(Term t) {
    if (t.modifier()) {
      return t.name().equals("redirect");
    }
    return switch (t.name()) {
      case "include", "a", "mx", "ptr", "exists" -> true;
      default -> false;
    };
  }
}
