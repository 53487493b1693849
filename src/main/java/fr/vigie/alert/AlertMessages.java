package fr.vigie.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.Version;
import fr.vigie.model.Severity;
import fr.vigie.report.Escape;
import fr.vigie.report.Words;
import fr.vigie.store.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Entities;

/**
 * What an alert says, in each channel's form: a mail's subject, plain text and HTML, a chat line
 * (Mattermost, Rocket.Chat, Slack, Matrix) and the JSON of a generic webhook. French unless the
 * configuration says otherwise; the findings' titles, evidence and remediation come from the
 * report built in that language. Everything a server sent (evidence, names) is escaped for the
 * form it lands in.
 */
public final class AlertMessages {

  /** The JSON webhook's schema: its field names are a public API, like the report's. */
  public static final String SCHEMA = "vigie-alerts/1";

  private final Words w;

  public AlertMessages(Words words) {
    this.w = words;
  }

  /** The alerts of one commune, or of the whole night ({@code digest}). */
  public record Batch(List<Alert> alerts, boolean digest) {
    public Batch {
      alerts = List.copyOf(alerts);
      if (alerts.isEmpty()) {
        throw new IllegalArgumentException("an empty batch");
      }
    }

    /** The newest scan of the batch (an alert a channel could not take last night is older). */
    public Alert.Scan scan() {
      return alerts.stream()
          .map(Alert::scan)
          .max(java.util.Comparator.comparingLong(Alert.Scan::id))
          .orElseThrow();
    }

    public Map<Alert.Commune, List<Alert>> byCommune() {
      Map<String, Alert.Commune> communes = new LinkedHashMap<>();
      Map<String, List<Alert>> out = new LinkedHashMap<>();
      for (Alert a : alerts) {
        communes.putIfAbsent(a.commune().key(), a.commune());
        out.computeIfAbsent(a.commune().key(), k -> new ArrayList<>()).add(a);
      }
      Map<Alert.Commune, List<Alert>> result = new LinkedHashMap<>();
      out.forEach((k, v) -> result.put(communes.get(k), v));
      return result;
    }
  }

  public String subject(Batch b) {
    long findings =
        b.alerts().stream().filter(a -> a.kind().equals(Alert.FINDING)).count();
    long lost = b.alerts().size() - findings;
    String worst = worst(b);
    String what = (findings > 0
            ? w.count(
                findings, "nouveau constat", "nouveaux constats", "new finding", "new findings")
            : "")
        + (findings > 0 && lost > 0 ? w.t(" et ", " and ") : "")
        + (lost > 0
            ? w.count(
                lost,
                "commune injoignable",
                "communes injoignables",
                "unreachable commune",
                "unreachable communes")
            : "")
        + (worst == null ? "" : " (" + worst + ")");
    if (b.digest()) {
      int communes = b.byCommune().size();
      return "[vigie] " + w.t("Nuit du ", "Night of ") + w.dateOnly(b.scan().started())
          + w.t(" : ", ": ") + w.count(communes, "commune", "communes", "commune", "communes")
          + ", " + what;
    }
    Alert.Commune c = b.alerts().get(0).commune();
    return "[vigie] " + name(c) + (w.french() ? " : " : ": ") + what;
  }

  /** The severest finding's severity with how many share it: "1 critique", "2 high". */
  private String worst(Batch b) {
    Severity worst = null;
    for (Alert a : b.alerts()) {
      if (a.kind().equals(Alert.FINDING)) {
        Severity s = Severity.parse(a.severity());
        if (worst == null || s.atLeast(worst)) {
          worst = s;
        }
      }
    }
    if (worst == null) {
      return null;
    }
    Severity top = worst;
    long n = b.alerts().stream()
        .filter(a -> a.kind().equals(Alert.FINDING) && Severity.parse(a.severity()) == top)
        .count();
    return n + " " + w.severities(top, n);
  }

  public String plain(Batch b) {
    StringBuilder sb = new StringBuilder();
    sb.append(w.t("Bonjour,", "Hello,")).append("\n\n");
    sb.append(intro(b)).append("\n");
    for (var e : b.byCommune().entrySet()) {
      if (b.digest()) {
        sb.append("\n== ").append(name(e.getKey())).append(" ==\n");
      }
      for (Alert a : e.getValue()) {
        sb.append('\n');
        if (a.kind().equals(Alert.UNREACHABLE)) {
          sb.append(w.t("[INJOIGNABLE] ", "[UNREACHABLE] "))
              .append(w.t(
                  "la commune n'a pas pu être scannée cette nuit alors qu'elle l'avait été"
                      + " la précédente",
                  "the commune could not be scanned tonight, though it was the night before"))
              .append('\n');
          sb.append("  ")
              .append(w.t("Raison : ", "Reason: "))
              .append(clean(a.reason()))
              .append('\n');
          sb.append("  ")
              .append(w.t(
                  "Ce que vigie n'a pas pu voir est inconnu, pas corrigé.",
                  "What vigie could not see is unknown, not fixed."))
              .append('\n');
          continue;
        }
        JsonNode f = a.finding();
        sb.append('[')
            .append(w.severity(a.severity())
                .toUpperCase(w.french() ? java.util.Locale.FRANCE : java.util.Locale.UK))
            .append("] ")
            .append(clean(f.path("title").asText()))
            .append(" — ")
            .append(clean(a.asset()))
            .append('\n');
        if (a.previousSeverity() != null) {
          sb.append("  ")
              .append(w.t("Monté de ", "Rose from "))
              .append(w.severity(a.previousSeverity()))
              .append(w.t(" à ", " to "))
              .append(w.severity(a.severity()))
              .append('\n');
        }
        line(sb, w.t("Constat : ", "Evidence: "), f.path("evidence").asText());
        line(sb, w.t("À faire : ", "To do: "), f.path("remediation").asText());
        line(sb, w.t("Référence : ", "Reference: "), f.path("reference").asText());
        line(sb, w.t("Vu la première fois : ", "First seen: "), w.date(a.since()));
        line(sb, w.t("Contrôle : ", "Check: "), f.path("check").asText());
      }
    }
    sb.append("\n-- \n").append(footer()).append('\n');
    return sb.toString();
  }

  public String html(Batch b) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html><html lang=\"")
        .append(w.code())
        .append("\"><head><meta charset=\"utf-8\"><title>")
        .append(h(subject(b)))
        .append("</title></head><body style=\"font-family:sans-serif;max-width:50em\">");
    sb.append("<p>")
        .append(h(w.t("Bonjour,", "Hello,")))
        .append("</p><p>")
        .append(h(intro(b)))
        .append("</p>");
    for (var e : b.byCommune().entrySet()) {
      if (b.digest()) {
        sb.append("<h2>").append(h(name(e.getKey()))).append("</h2>");
      }
      sb.append("<ul>");
      for (Alert a : e.getValue()) {
        sb.append("<li style=\"margin-bottom:1em\">");
        if (a.kind().equals(Alert.UNREACHABLE)) {
          sb.append("<strong>")
              .append(h(w.t("Injoignable", "Unreachable")))
              .append("</strong> — ")
              .append(h(w.t(
                  "la commune n'a pas pu être scannée cette nuit alors qu'elle l'avait été la"
                      + " précédente",
                  "the commune could not be scanned tonight, though it was the night before")))
              .append("<br>")
              .append(h(w.t("Raison : ", "Reason: ") + clean(a.reason())))
              .append("</li>");
          continue;
        }
        JsonNode f = a.finding();
        sb.append("<strong>[")
            .append(h(w.severity(a.severity())))
            .append("]</strong> ")
            .append(h(clean(f.path("title").asText())))
            .append(" — <code>")
            .append(h(clean(a.asset())))
            .append("</code>");
        if (a.previousSeverity() != null) {
          sb.append("<br>")
              .append(h(w.t("Monté de ", "Rose from ")
                  + w.severity(a.previousSeverity())
                  + w.t(" à ", " to ")
                  + w.severity(a.severity())));
        }
        htmlLine(sb, w.t("Constat : ", "Evidence: "), f.path("evidence").asText(), false);
        htmlLine(sb, w.t("À faire : ", "To do: "), f.path("remediation").asText(), false);
        htmlLine(sb, w.t("Référence : ", "Reference: "), f.path("reference").asText(), true);
        htmlLine(sb, w.t("Vu la première fois : ", "First seen: "), w.date(a.since()), false);
        sb.append("</li>");
      }
      sb.append("</ul>");
    }
    sb.append("<hr><p style=\"color:#555;font-size:90%\">").append(h(footer())).append("</p>");
    return sb.append("</body></html>\n").toString();
  }

  /** One chat message: Mattermost, Rocket.Chat and Slack take it as {@code text}, Matrix as body. */
  public String chat(Batch b) {
    StringBuilder sb = new StringBuilder(subject(b)).append('\n');
    for (var e : b.byCommune().entrySet()) {
      if (b.digest()) {
        sb.append(name(e.getKey())).append('\n');
      }
      for (Alert a : e.getValue()) {
        sb.append("• ");
        if (a.kind().equals(Alert.UNREACHABLE)) {
          sb.append(w.t("injoignable : ", "unreachable: ")).append(clean(a.reason()));
        } else {
          sb.append(w.severity(a.severity()))
              .append(" — ")
              .append(clean(a.finding().path("title").asText()))
              .append(" — ")
              .append(clean(a.asset()));
        }
        sb.append('\n');
      }
    }
    return sb.toString().strip();
  }

  /** The chat message as Matrix's {@code formatted_body} (HTML). */
  public String chatHtml(Batch b) {
    StringBuilder sb =
        new StringBuilder("<p><strong>").append(h(subject(b))).append("</strong></p>");
    for (var e : b.byCommune().entrySet()) {
      if (b.digest()) {
        sb.append("<p>").append(h(name(e.getKey()))).append("</p>");
      }
      sb.append("<ul>");
      for (Alert a : e.getValue()) {
        sb.append("<li>");
        if (a.kind().equals(Alert.UNREACHABLE)) {
          sb.append(h(w.t("injoignable : ", "unreachable: ") + clean(a.reason())));
        } else {
          sb.append("<strong>")
              .append(h(w.severity(a.severity())))
              .append("</strong> — ")
              .append(h(clean(a.finding().path("title").asText())))
              .append(" — <code>")
              .append(h(clean(a.asset())))
              .append("</code>");
        }
        sb.append("</li>");
      }
      sb.append("</ul>");
    }
    return sb.toString();
  }

  /**
   * The generic webhook's body: the alerts with the JSON report's finding objects, their commune
   * and scan, under a schema name.
   */
  public String json(Batch b) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    ObjectNode tool = root.putObject("tool");
    tool.put("name", "vigie");
    tool.put("version", Version.get());
    root.set("scan", Json.MAPPER.valueToTree(b.scan()));
    root.put("digest", b.digest());
    root.put("language", w.code());
    ArrayNode alerts = root.putArray("alerts");
    b.alerts().forEach(a -> alerts.add(Json.MAPPER.valueToTree(a)));
    return Json.write(root);
  }

  public String language() {
    return w.code();
  }

  public String testSubject() {
    return "[vigie] " + w.t("Message d'essai des alertes", "Alert test message");
  }

  public String testBody() {
    return w.t(
            "Ceci est un message d'essai envoyé par « vigie alerts test » : ce canal d'alerte"
                + " fonctionne. Les alertes de la nuit (nouveaux constats graves, communes devenues"
                + " injoignables) arriveront ici.",
            "This is a test message sent by 'vigie alerts test': this alert channel works. The"
                + " night's alerts (new serious findings, communes that became unreachable) will"
                + " arrive here.")
        + "\n\n-- \n" + footer() + "\n";
  }

  private String intro(Batch b) {
    Alert.Scan s = b.scan();
    String when = w.date(s.started());
    if (b.digest()) {
      return w.t(
          "Le scan de cette nuit (scan " + s.id() + ", commencé le " + when
              + ") a trouvé du nouveau" + " dans "
              + w.count(b.byCommune().size(), "commune", "communes", "", "") + " :",
          "Tonight's scan (scan " + s.id() + ", started " + when + ") found something new in "
              + b.byCommune().size() + (b.byCommune().size() == 1 ? " commune:" : " communes:"));
    }
    Alert.Commune c = b.alerts().get(0).commune();
    return w.t(
        "Le scan de cette nuit (scan " + s.id() + ", commencé le " + when + ") a trouvé du nouveau"
            + " pour " + name(c) + " :",
        "Tonight's scan (scan " + s.id() + ", started " + when + ") found something new for "
            + name(c) + ":");
  }

  private String footer() {
    return w.t(
        "Message automatique de vigie (" + Version.get() + "). Seul ce qui est nouveau depuis"
            + " la nuit précédente est signalé, et une seule fois ; le rapport complet est sur le"
            + " site de la nuit.",
        "Automatic message from vigie (" + Version.get() + "). Only what is new since the"
            + " previous night is reported, and only once; the full report is on the night's"
            + " site.");
  }

  private static String name(Alert.Commune c) {
    return clean(c.name()) + (c.insee() == null ? "" : " (" + c.insee() + ")");
  }

  private static void line(StringBuilder sb, String label, String value) {
    if (value != null && !value.isBlank()) {
      sb.append("  ").append(label).append(clean(value).replace("\n", "\n    ")).append('\n');
    }
  }

  private static void htmlLine(StringBuilder sb, String label, String value, boolean link) {
    if (value == null || value.isBlank()) {
      return;
    }
    String v = clean(value);
    sb.append("<br>").append(h(label));
    if (link && (v.startsWith("https://") || v.startsWith("http://"))) {
      sb.append("<a href=\"").append(h(v)).append("\">").append(h(v)).append("</a>");
    } else {
      sb.append(h(v));
    }
  }

  private static String clean(String s) {
    return Escape.text(s == null ? "" : s);
  }

  private static String h(String s) {
    return Entities.escape(s == null ? "" : s);
  }
}
