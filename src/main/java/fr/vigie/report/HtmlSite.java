package fr.vigie.report;

import fr.vigie.model.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The static HTML site: an index of communes (grade, counts by severity, what changed) and one
 * page per commune (findings with evidence and remediation, hosts and their grades). Built as a
 * jsoup DOM: every server-sent string goes in through {@code text()} or {@code attr()}, so it is
 * escaped; no script, no external resource, works from {@code file://}.
 */
public final class HtmlSite {

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem;color:#222}"
          + "table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;"
          + "text-align:left;vertical-align:top}th{background:#f3f3f3}.g{font-weight:bold;font-size:1.2em}"
          + ".critical{background:#f8d7f8}.high{background:#fbd5d5}.medium{background:#fdf0c8}.low{background:#e3f1fb}"
          + ".info{background:#f2f2f2}.new{font-weight:bold}.resolved{color:#2a7a2a;text-decoration:line-through}"
          + ".unknown{color:#777}.suppressed{color:#777;font-style:italic}code,.ev{font-family:monospace;font-size:.9em;"
          + "word-break:break-all}.muted{color:#666}";

  private HtmlSite() {}

  /** Writes {@code index.html} and {@code communes/*.html} under {@code dir}; returns the index. */
  public static Path write(ScanReport report, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("communes"));
    Files.writeString(
        dir.resolve("index.html"), Escape.text(index(report)).outerHtml(), StandardCharsets.UTF_8);
    for (ScanReport.CommuneReport c : report.communes()) {
      Files.writeString(
          dir.resolve("communes").resolve(fileName(c)),
          Escape.text(commune(report, c)).outerHtml(),
          StandardCharsets.UTF_8);
    }
    return dir.resolve("index.html");
  }

  static String fileName(ScanReport.CommuneReport c) {
    return c.key().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_") + ".html";
  }

  private static Document page(String title) {
    Document doc = Document.createShell("");
    doc.outputSettings().charset(StandardCharsets.UTF_8);
    doc.head().appendElement("meta").attr("charset", "utf-8");
    doc.head()
        .appendElement("meta")
        .attr("http-equiv", "Content-Security-Policy")
        .attr("content", "default-src 'none'; style-src 'unsafe-inline'");
    doc.title(title);
    doc.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(STYLE));
    doc.selectFirst("html").attr("lang", "fr");
    return doc;
  }

  static Document index(ScanReport report) {
    Document doc = page("vigie — scan " + report.scan().id());
    Element body = doc.body();
    body.appendElement("h1").text("vigie — scan " + report.scan().id());
    body.appendElement("p")
        .addClass("muted")
        .text("Commencé " + report.scan().started() + " — " + report.scan().status());
    Element table = body.appendElement("table");
    Element head = table.appendElement("tr");
    for (String h : List.of(
        "INSEE",
        "Commune",
        "Note",
        "Analyse",
        "critique",
        "élevé",
        "moyen",
        "faible",
        "info",
        "Depuis le scan précédent")) {
      head.appendElement("th").text(h);
    }
    for (ScanReport.CommuneReport c : report.communes()) {
      Element row = table.appendElement("tr");
      row.appendElement("td").text(c.insee() == null ? "" : c.insee());
      row.appendElement("td")
          .appendElement("a")
          .attr("href", "communes/" + fileName(c))
          .text(c.name());
      row.appendElement("td").addClass("g").text(c.grade() == null ? "?" : c.grade());
      row.appendElement("td")
          .addClass(c.unreachable() ? "unknown" : "")
          .text(CoverageText.status(c.status(), fr.vigie.check.CheckCatalogue.Lang.FR)
              + (c.unreachable() && c.statusReason() != null ? " : " + c.statusReason() : ""));
      for (Severity s : Severity.values()) {
        row.appendElement("td")
            .addClass(c.counts().getOrDefault(s.id(), 0) > 0 ? s.id() : "")
            .text(String.valueOf(c.counts().getOrDefault(s.id(), 0)));
      }
      row.appendElement("td").text(changes(c.changes()));
    }
    for (String w : report.warnings()) {
      body.appendElement("p").addClass("unknown").text("Attention : " + w);
    }
    return doc;
  }

  static String changes(ScanReport.Changes ch) {
    if (ch.from() == null && !ch.baseline()) {
      return "premier scan";
    }
    return ch.added() + " nouveau(x), " + ch.resolved() + " corrigé(s), " + ch.unknown()
        + " non vérifié(s)"
        + (ch.newAssets().isEmpty() ? "" : ", " + ch.newAssets().size() + " nouvel(s) actif(s)")
        + (ch.vanishedAssets().isEmpty() ? "" : ", " + ch.vanishedAssets().size() + " disparu(s)");
  }

  static Document commune(ScanReport report, ScanReport.CommuneReport c) {
    String title = (c.insee() == null ? "" : c.insee() + " ") + c.name();
    Document doc = page("vigie — " + title);
    Element body = doc.body();
    body.appendElement("p")
        .appendElement("a")
        .attr("href", "../index.html")
        .text("← toutes les communes");
    body.appendElement("h1").text(title);
    body.appendElement("p").addClass("g").text("Note " + (c.grade() == null ? "?" : c.grade()));
    if (c.unreachable()) {
      body.appendElement("p")
          .addClass("unknown")
          .text("Commune non analysée à ce scan : "
              + (c.statusReason() == null ? c.status() : c.statusReason())
              + ". Ses constats précédents sont « non vérifiés », pas corrigés.");
    } else if ("partial".equals(c.status()) && c.coverage() != null) {
      body.appendElement("p")
          .addClass("unknown")
          .text("Analyse partielle"
              + (c.coverage().narrowedBy().isEmpty()
                  ? " : certaines questions sont restées sans réponse."
                  : " : " + String.join(" ", c.coverage().narrowedBy())));
    }
    if (!c.gradeReasons().isEmpty()) {
      body.appendElement("p").addClass("muted").text(String.join(" ; ", c.gradeReasons()));
    }
    body.appendElement("p").text(changes(c.changes()));
    body.appendElement("h2").text("Constats");
    if (c.findings().isEmpty()) {
      body.appendElement("p").text("Aucun constat.");
    } else {
      Element table = body.appendElement("table");
      Element head = table.appendElement("tr");
      for (String h : List.of("Statut", "Gravité", "Constat", "Actif", "Preuve", "Que faire")) {
        head.appendElement("th").text(h);
      }
      for (ScanReport.FindingReport f : c.findings()) {
        Element row = table.appendElement("tr").addClass(f.status());
        row.appendElement("td")
            .text(f.status()
                + (f.previousSeverity() == null ? "" : " (était " + f.previousSeverity() + ")"));
        row.appendElement("td").addClass(f.severity()).text(f.severity());
        Element what = row.appendElement("td");
        what.appendElement("div").text(f.title());
        what.appendElement("code").text(f.check());
        row.appendElement("td").text(f.asset() + (f.subject().isEmpty() ? "" : " " + f.subject()));
        Element ev = row.appendElement("td").addClass("ev");
        ev.appendElement("div").text(f.evidence());
        if (f.unknownReasonText() != null) {
          ev.appendElement("div").addClass("muted").text(f.unknownReasonText());
        }
        Element todo = row.appendElement("td");
        todo.appendElement("div").text(f.remediation());
        if (f.reference().startsWith("https://")) {
          todo.appendElement("a")
              .attr("href", f.reference())
              .attr("rel", "noreferrer")
              .text("Référence");
        }
        if (f.suppression() != null) {
          todo.appendElement("div")
              .addClass("suppressed")
              .text("Risque accepté : " + f.suppression());
        }
      }
    }
    body.appendElement("h2").text("Hôtes");
    Element hosts = body.appendElement("table");
    Element head = hosts.appendElement("tr");
    for (String h : List.of("Nom", "Adresses", "TLS", "HTTP", "Technologies", "Services ouverts")) {
      head.appendElement("th").text(h);
    }
    for (ScanReport.HostReport h : c.hosts()) {
      if (!h.inScope()) {
        continue;
      }
      Element row = hosts.appendElement("tr");
      row.appendElement("td")
          .text(h.name() + (h.cname().isEmpty() ? "" : " → " + String.join(" → ", h.cname())));
      row.appendElement("td").text(String.join(", ", h.addresses()));
      row.appendElement("td")
          .text(
              h.tls() == null
                  ? ""
                  : h.tls().grade() + " (" + String.join(", ", h.tls().protocols()) + ")");
      row.appendElement("td").text(h.http() == null ? "" : h.http().grade());
      row.appendElement("td")
          .text(
              String.join(", ", h.technologies().stream().map(TextReport::label).toList()));
      row.appendElement("td")
          .text(String.join(", ", h.services().stream().map(TextReport::label).toList()));
    }
    if (!c.changes().newAssets().isEmpty() || !c.changes().vanishedAssets().isEmpty()) {
      body.appendElement("h2").text("Actifs");
      if (!c.changes().newAssets().isEmpty()) {
        body.appendElement("p")
            .text("Nouveaux : " + String.join(", ", c.changes().newAssets()));
      }
      if (!c.changes().vanishedAssets().isEmpty()) {
        body.appendElement("p")
            .text("Disparus : " + String.join(", ", c.changes().vanishedAssets()));
      }
    }
    body.appendElement("p")
        .addClass("muted")
        .text("vigie " + report.tool().version() + " — scan " + report.scan().id());
    return doc;
  }
}
