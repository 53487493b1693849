package fr.vigie.report;

import fr.vigie.check.CheckCatalogue.Lang;
import fr.vigie.coverage.Coverage;
import java.util.Map;

/**
 * What a report says of coverage, in French and English: why a commune could not be scanned, why
 * a finding is unknown. Reason codes come from {@link Coverage} and {@link fr.vigie.diff.CommuneDiff}.
 */
public final class CoverageText {

  private CoverageText() {}

  private static final Map<String, String[]> PROBES = Map.of(
      "dns", new String[] {"DNS", "DNS"},
      "wordlist", new String[] {"liste de sous-domaines", "subdomain wordlist"},
      "web", new String[] {"sonde web", "web probe"},
      "paths", new String[] {"chemins exposés", "exposed paths"},
      "tls", new String[] {"sonde TLS", "TLS probe"},
      "tech", new String[] {"technologies", "technologies"},
      "ports", new String[] {"sonde de ports", "port probe"},
      "mail", new String[] {"transport du courrier", "mail transport"},
      "ct", new String[] {"journaux Certificate Transparency", "Certificate Transparency logs"});

  public static String probe(String id, Lang lang) {
    String[] t = PROBES.get(id);
    return t == null ? id : t[lang == Lang.FR ? 0 : 1];
  }

  /** A commune's status word: complete, partial, unreachable. */
  public static String status(String status, Lang lang) {
    boolean fr = lang == Lang.FR;
    return switch (status == null ? "" : status) {
      case Coverage.COMPLETE -> fr ? "complète" : "complete";
      case Coverage.PARTIAL -> fr ? "partielle" : "partial";
      case Coverage.UNREACHABLE -> fr ? "injoignable" : "unreachable";
      case Coverage.UNKNOWN -> fr ? "couverture inconnue" : "coverage unknown";
      case "pending" -> fr ? "non analysée" : "not scanned";
      default -> status;
    };
  }

  /** Why a commune could not be scanned, e.g. {@code résolveur 127.0.0.1:9 : aucune réponse}. */
  public static String unreachable(String reason, String detail, Lang lang) {
    boolean fr = lang == Lang.FR;
    String d = detail == null ? "" : detail;
    return switch (reason == null ? "" : reason) {
      case "dns-timeout" ->
        fr ? "résolveur " + d + " : aucune réponse" : "resolver " + d + ": no answer";
      case "dns-servfail" ->
        fr
            ? "résolveur " + d + " : échec (SERVFAIL) pour la zone"
            : "resolver " + d + ": failure (SERVFAIL) for the zone";
      case "dns-refused" ->
        fr
            ? "résolveur " + d + " : requête refusée (REFUSED)"
            : "resolver " + d + ": query refused (REFUSED)";
      case "dns-truncated" ->
        fr
            ? "résolveur " + d + " : réponses tronquées (TC), même en TCP"
            : "resolver " + d + ": truncated answers (TC), even over TCP";
      case "hosts-timeout" ->
        fr
            ? "aucun des " + d + " hôte(s) n'a répondu à temps"
            : "none of the " + d + " host(s) answered in time";
      case "error" -> fr ? "l'analyse a échoué : " + d : "the scan failed: " + d;
      case "commune-timeout" ->
        fr
            ? "temps imparti (--commune-timeout) dépassé : " + d
            : "out of time (--commune-timeout): " + d;
      case "not-scanned" ->
        fr ? "pas analysée : le scan s'est arrêté avant" : "not scanned: the scan stopped before";
      default -> reason + (d.isEmpty() ? "" : " " + d);
    };
  }

  /** Why an unknown finding could not be settled. */
  public static String unknown(String code, Lang lang) {
    boolean fr = lang == Lang.FR;
    if (code == null) {
      return fr ? "non revérifié" : "not checked again";
    }
    int colon = code.indexOf(':');
    String kind = colon < 0 ? code : code.substring(0, colon);
    String probe = colon < 0 ? "" : probe(code.substring(colon + 1), lang);
    return switch (kind) {
      case "unreachable" ->
        fr ? "commune injoignable à ce scan" : "the commune could not be scanned this time";
      case "coverage-unknown" ->
        fr
            ? "scan enregistré avant que vigie note ce qu'il demande"
            : "scan stored before vigie recorded what it asked";
      case "check-retired" -> fr ? "vérification retirée de vigie" : "check retired from vigie";
      case "not-asked" ->
        fr ? "non demandé à ce scan (" + probe + ")" : "not asked by this scan (" + probe + ")";
      case "no-answer" -> fr ? "pas de réponse (" + probe + ")" : "no answer (" + probe + ")";
      case "failed" -> fr ? "réponse en erreur (" + probe + ")" : "error answer (" + probe + ")";
      case "refused" ->
        fr
            ? "connexion refusée (" + probe + ") : un serveur arrêté, pas une correction"
            : "connection refused (" + probe + "): a server down, not a fix";
      default -> code;
    };
  }
}
