package fr.vigie.report;

import fr.vigie.check.CheckCatalogue.Lang;
import fr.vigie.check.EvidenceText;
import fr.vigie.inventory.DomainNames;
import fr.vigie.model.Severity;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The words every report frames its findings with, in the report's language, and its dates in
 * the report's zone. One instance per rendering; immutable.
 */
public record Words(Lang lang, ZoneId zone) {

  public static Words of(Lang lang) {
    return new Words(lang, EvidenceText.PARIS);
  }

  public boolean french() {
    return lang == Lang.FR;
  }

  /** {@code fr} or {@code en}: an HTML page's {@code lang}. */
  public String code() {
    return french() ? "fr" : "en";
  }

  public EvidenceText.Style style() {
    return new EvidenceText.Style(lang, zone);
  }

  /** The French text or the English one. */
  public String t(String fr, String en) {
    return french() ? fr : en;
  }

  public String severity(Severity s) {
    return switch (s) {
      case CRITICAL -> t("critique", "critical");
      case HIGH -> t("élevé", "high");
      case MEDIUM -> t("moyen", "medium");
      case LOW -> t("faible", "low");
      case INFO -> "info";
    };
  }

  public String severity(String id) {
    return severity(Severity.parse(id));
  }

  /** The plural a count takes: {@code critiques}, {@code élevés}… ("info" stays). */
  public String severities(Severity s, long n) {
    String one = severity(s);
    return n > 1 && s != Severity.INFO ? one + "s" : one;
  }

  /** A finding's status: what the diff says of it. */
  public String status(String status) {
    return switch (status) {
      case "new" -> t("nouveau", "new");
      case "open" -> t("toujours présent", "still open");
      case "resolved" -> t("corrigé", "fixed");
      case "unknown" -> t("non vérifié", "not verified");
      case "suppressed" -> t("accepté", "accepted");
      default -> status;
    };
  }

  /** How a CNAME chain ended ({@code CnameChain.End}, lower case with dashes). */
  public String cnameEnd(String id) {
    return switch (id) {
      case "resolved" -> t("résolue", "resolved");
      case "dangling" -> t("cible disparue", "dangling");
      case "loop" -> t("boucle", "loop");
      case "too-deep" -> t("chaîne trop longue", "too deep");
      case "unknown" -> t("fin inconnue : pas de réponse", "end unknown: no answer");
      default -> id;
    };
  }

  /** Why an address is not a public one ({@code AddressGuard.Category#id}). */
  public String addressCategory(String id) {
    return switch (id) {
      case "public" -> t("publique", "public");
      case "private" -> t("privée", "private");
      case "loopback" -> t("boucle locale", "loopback");
      case "link-local" -> t("lien local", "link-local");
      case "cgnat" -> t("partagée (CGNAT)", "shared (CGNAT)");
      case "multicast" -> "multicast";
      case "documentation" -> t("réservée à la documentation", "documentation");
      case "reserved" -> t("réservée", "reserved");
      case "unspecified" -> t("non spécifiée", "unspecified");
      default -> id;
    };
  }

  /** A scan's status: running, complete, interrupted. */
  public String scanStatus(String status) {
    return switch (status == null ? "" : status) {
      case "complete", "completed", "done" -> t("terminé", "complete");
      case "running" -> t("en cours", "running");
      case "interrupted" -> t("interrompu", "interrupted");
      default -> status;
    };
  }

  /** An ISO-8601 instant in the report's zone and language; null as "—". */
  public String date(String iso) {
    return iso == null ? "—" : EvidenceText.date(iso, true, style());
  }

  public String dateOnly(String iso) {
    return iso == null ? "—" : EvidenceText.date(iso, false, style());
  }

  /** A day for a chart's axis: {@code 3 déc.}, {@code 3 Dec}. */
  public String day(java.time.Instant at) {
    return at.atZone(zone)
        .format(java.time.format.DateTimeFormatter.ofPattern(
            "d MMM", french() ? Locale.FRANCE : Locale.UK));
  }

  /** A day and time for a chart's axis when several scans share a day: {@code 3/12 19:15}. */
  public String dayTime(java.time.Instant at) {
    return at.atZone(zone)
        .format(java.time.format.DateTimeFormatter.ofPattern(
            french() ? "d/MM HH:mm" : "MM/dd HH:mm", Locale.ROOT));
  }

  public String number(long n) {
    return NumberFormat.getIntegerInstance(french() ? Locale.FRANCE : Locale.UK).format(n);
  }

  /** {@code 3 constats} / {@code 1 constat}. */
  public String count(long n, String frOne, String frMany, String enOne, String enMany) {
    return number(n) + " " + (n == 1 || (french() && n == 0) ? t(frOne, enOne) : t(frMany, enMany));
  }

  /** A host or domain as a person reads it: the accented name, not its xn-- form. */
  public static String host(String asciiName) {
    if (asciiName == null || !asciiName.contains("xn--")) {
      return asciiName;
    }
    try {
      return DomainNames.toUnicode(asciiName);
    } catch (IllegalArgumentException e) {
      return asciiName;
    }
  }

  /** An asset ({@code host}, {@code host:port}, {@code address:port}) with its host in Unicode. */
  /**
   * A finding's subject after its asset, {@code " [/.git/HEAD]"}, or nothing: two findings of one
   * check on one asset differ by it, and must read as two.
   */
  public static String subject(String subject) {
    return subject == null || subject.isEmpty()
        ? ""
        : " [" + fr.vigie.inventory.DomainNames.namesToUnicode(subject) + "]";
  }

  public static String asset(String asset) {
    if (asset == null || !asset.contains("xn--")) {
      return asset;
    }
    int colon = asset.lastIndexOf(':');
    return colon > 0 && asset.indexOf(':') == colon
        ? host(asset.substring(0, colon)) + asset.substring(colon)
        : host(asset);
  }
}
