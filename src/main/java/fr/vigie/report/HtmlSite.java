package fr.vigie.report;

import fr.vigie.model.Severity;
import fr.vigie.store.CommuneHistory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
      "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#222}"
          + "table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;"
          + "text-align:left;vertical-align:top}th{background:#f3f3f3}.g{font-weight:bold;font-size:1.2em}"
          + ".critical{background:#f8d7f8}.high{background:#fbd5d5}.medium{background:#fdf0c8}.low{background:#e3f1fb}"
          + ".info{background:#f2f2f2}.new{font-weight:bold}.resolved{color:#2a7a2a}"
          + ".unknown{color:#777}.suppressed{color:#777;font-style:italic}code,.ev{font-family:monospace;font-size:.9em;"
          + "word-break:break-all}.muted{color:#666}"
          + ".badge{display:inline-block;width:4.5rem;height:4.5rem;line-height:4.5rem;text-align:center;"
          + "font-size:2.6rem;font-weight:bold;border-radius:.6rem;color:#fff;margin-right:1rem;vertical-align:middle}"
          + ".gA{background:#1e7b34}.gB{background:#5a9e1b}.gC{background:#c79a00}.gD{background:#d96c00}"
          + ".gE{background:#c53030}.gF{background:#8b1a6b}.gX{background:#777}"
          + ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(20rem,1fr));gap:1rem}"
          + ".card{border:1px solid #ccc;border-radius:.4rem;padding:.6rem .8rem}.card h3{margin:.2rem 0;font-size:1.05em;word-break:break-all}"
          + ".prio li{margin-bottom:.8rem}.sev{display:inline-block;padding:0 .4rem;border-radius:.3rem}"
          + "details{margin:.2rem 0}summary{cursor:pointer}.chart{max-width:100%;height:auto}"
          + "#filter{padding:.3rem .5rem;width:20rem;max-width:100%}.sortable th{cursor:pointer}"
          + "th[aria-sort=ascending]::after{content:' ▲'}th[aria-sort=descending]::after{content:' ▼'}"
          + "@media print{body{margin:0;max-width:none;font-size:11pt}a{color:#000;text-decoration:none}"
          + "nav,.noprint,#filter{display:none}details{display:block}details>summary{list-style:none}"
          + ".card,.prio li,h2,h3{break-inside:avoid}.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

  private HtmlSite() {}

  /** Writes {@code index.html} and {@code communes/*.html} under {@code dir}; returns the index. */
  public static Path write(ScanReport report, Path dir, Words w) throws IOException {
    return write(report, dir, w, Map.of());
  }

  /**
   * @param history commune key to its stored scans, oldest first, for the commune pages' chart
   *     (a commune without any gets no chart)
   */
  public static Path write(
      ScanReport report, Path dir, Words w, Map<String, List<CommuneHistory>> history)
      throws IOException {
    Files.createDirectories(dir.resolve("communes"));
    Files.writeString(
        dir.resolve("index.html"),
        Escape.text(index(report, w)).outerHtml(),
        StandardCharsets.UTF_8);
    for (ScanReport.CommuneReport c : report.communes()) {
      Files.writeString(
          dir.resolve("communes").resolve(fileName(c)),
          Escape.text(commune(report, c, w, history.getOrDefault(c.key(), List.of())))
              .outerHtml(),
          StandardCharsets.UTF_8);
    }
    return dir.resolve("index.html");
  }

  static String fileName(ScanReport.CommuneReport c) {
    return c.key().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "_") + ".html";
  }

  /**
   * Sorting and filtering the index's commune table. The page reads the same without it: the
   * filter box is hidden until the script shows it. Allowed by its hash alone, so that nothing
   * else, evidence included, could ever run.
   */
  static final String TABLE_SCRIPT = "(function(){var t=document.getElementById('communes'),"
      + "f=document.getElementById('filter');if(!t||!f)return;var b=t.tBodies[0],"
      + "h=t.tHead.rows[0].cells,l=document.documentElement.lang;f.hidden=false;"
      + "t.classList.add('sortable');f.addEventListener('input',function(){"
      + "var q=f.value.trim().toLowerCase();for(var r of b.rows){"
      + "r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;}});"
      + "function v(r,i){var c=r.cells[i];return c.dataset.v!==undefined?c.dataset.v:c.textContent;}"
      + "Array.prototype.forEach.call(h,function(th,i){th.tabIndex=0;function go(){"
      + "var up=th.getAttribute('aria-sort')!=='ascending';"
      + "Array.prototype.forEach.call(h,function(o){o.removeAttribute('aria-sort');});"
      + "th.setAttribute('aria-sort',up?'ascending':'descending');"
      + "var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){var a=v(x,i),c=v(y,i),"
      + "n=parseFloat(a),m=parseFloat(c);var d=!isNaN(n)&&!isNaN(m)?n-m:a.localeCompare(c,l);"
      + "return up?d:-d;});rows.forEach(function(r){b.appendChild(r);});}"
      + "th.addEventListener('click',go);th.addEventListener('keydown',function(e){"
      + "if(e.key==='Enter'||e.key===' '){e.preventDefault();go();}});});})();";

  static final String TABLE_SCRIPT_HASH = "'sha256-" + sha256(TABLE_SCRIPT) + "'";

  private static String sha256(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Document page(String title, Words w, boolean script) {
    Document doc = Document.createShell("");
    doc.outputSettings().charset(StandardCharsets.UTF_8);
    doc.head().appendElement("meta").attr("charset", "utf-8");
    doc.head()
        .appendElement("meta")
        .attr("http-equiv", "Content-Security-Policy")
        .attr(
            "content",
            "default-src 'none'; style-src 'unsafe-inline'"
                + (script ? "; script-src " + TABLE_SCRIPT_HASH : ""));
    doc.head().appendElement("meta").attr("name", "viewport").attr("content", "width=device-width");
    doc.title(title);
    doc.head().appendElement("style").appendChild(new org.jsoup.nodes.DataNode(STYLE));
    doc.selectFirst("html").attr("lang", w.code());
    return doc;
  }

  static Document index(ScanReport report, Words w) {
    Document doc = page("vigie — scan " + report.scan().id(), w, true);
    Element body = doc.body();
    body.appendElement("h1").text("vigie — scan " + report.scan().id());
    body.appendElement("p")
        .addClass("muted")
        .text(w.t("Commencé le ", "Started ") + w.date(report.scan().started()) + " — "
            + w.scanStatus(report.scan().status()) + " — "
            + w.count(report.communes().size(), "commune", "communes", "commune", "communes"));
    body.appendElement("h2").text(w.t("Notes des communes", "Commune grades"));
    body.appendChild(gradeChart(report, w));
    changesSummary(body, report, w);
    topProblems(body, report, w);
    body.appendElement("h2").text(w.t("Les communes", "The communes"));
    body.appendElement("input")
        .attr("type", "search")
        .attr("id", "filter")
        .attr("hidden", true)
        .attr("placeholder", w.t("Filtrer : nom, code, note…", "Filter: name, code, grade…"))
        .attr("aria-label", w.t("Filtrer les communes", "Filter the communes"));
    Element table = body.appendElement("table").attr("id", "communes");
    Element head = table.appendElement("thead").appendElement("tr");
    head.appendElement("th").text("INSEE");
    head.appendElement("th").text("Commune");
    head.appendElement("th").text(w.t("Note", "Grade"));
    head.appendElement("th").text(w.t("Analyse", "Scan"));
    for (Severity s : Severity.values()) {
      head.appendElement("th").text(w.severity(s));
    }
    head.appendElement("th").text(w.t("Depuis le scan précédent", "Since the previous scan"));
    Element rows = table.appendElement("tbody");
    for (ScanReport.CommuneReport c : report.communes()) {
      Element row = rows.appendElement("tr");
      row.appendElement("td").text(c.insee() == null ? "—" : c.insee());
      row.appendElement("td")
          .appendElement("a")
          .attr("href", "communes/" + fileName(c))
          .text(c.name());
      String grade = c.grade() == null ? "?" : c.grade();
      // Sorted as the grades read, unknown last: "?" is not better than A.
      row.appendElement("td")
          .addClass("g")
          .attr("data-v", grade.equals("?") ? "Z" : grade)
          .text(grade);
      row.appendElement("td")
          .addClass(c.unreachable() ? "unknown" : "")
          .text(CoverageText.status(c.status(), w.lang())
              + (c.unreachable() && c.statusReason() != null ? " : " + c.statusReason() : ""));
      for (Severity s : Severity.values()) {
        row.appendElement("td")
            .addClass(c.counts().getOrDefault(s.id(), 0) > 0 ? s.id() : "")
            .text(String.valueOf(c.counts().getOrDefault(s.id(), 0)));
      }
      row.appendElement("td")
          .attr("data-v", String.valueOf(c.changes().added()))
          .text(changes(c.changes(), w));
    }
    body.appendElement("script").appendChild(new org.jsoup.nodes.DataNode(TABLE_SCRIPT));
    for (String warning : report.warnings()) {
      body.appendElement("p").addClass("unknown").text(w.t("Attention : ", "Warning: ") + warning);
    }
    return doc;
  }

  /** Communes per grade as bars, inline SVG: no script, no external resource. */
  static Element gradeChart(ScanReport report, Words w) {
    List<String> grades = List.of("A", "B", "C", "D", "E", "F", "?");
    java.util.Map<String, Integer> n = new java.util.LinkedHashMap<>();
    grades.forEach(g -> n.put(g, 0));
    for (ScanReport.CommuneReport c : report.communes()) {
      String g = c.grade() == null || c.unreachable() ? "?" : c.grade();
      n.merge(n.containsKey(g) ? g : "?", 1, Integer::sum);
    }
    int max = Math.max(1, n.values().stream().mapToInt(Integer::intValue).max().orElse(1));
    String[] colours = {"#1e7b34", "#5a9e1b", "#c79a00", "#d96c00", "#c53030", "#8b1a6b", "#777"};
    Element svg = new Element("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("class", "chart grades")
        .attr("role", "img")
        .attr("width", "420")
        .attr("height", "170")
        .attr("viewBox", "0 0 420 170");
    svg.appendElement("title").text(w.t("Communes par note", "Communes by grade"));
    for (int i = 0; i < grades.size(); i++) {
      int count = n.get(grades.get(i));
      int h = (int) Math.round(120.0 * count / max);
      int x = 10 + i * 58;
      svg.appendElement("rect")
          .attr("x", String.valueOf(x))
          .attr("y", String.valueOf(135 - h))
          .attr("width", "44")
          .attr("height", String.valueOf(h))
          .attr("fill", colours[i]);
      svg.appendElement("text")
          .attr("x", String.valueOf(x + 22))
          .attr("y", String.valueOf(130 - h))
          .attr("text-anchor", "middle")
          .text(String.valueOf(count));
      svg.appendElement("text")
          .attr("x", String.valueOf(x + 22))
          .attr("y", "155")
          .attr("text-anchor", "middle")
          .attr("font-weight", "bold")
          .text(grades.get(i));
    }
    return svg;
  }

  private static final List<Severity> CHARTED =
      List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);
  private static final Map<Severity, String> COLOURS = Map.of(
      Severity.CRITICAL, "#8b1a6b",
      Severity.HIGH, "#c53030",
      Severity.MEDIUM, "#d9a400",
      Severity.LOW, "#5b9bd5");
  private static final String UNKNOWN_COLOUR = "#bbbbbb";

  /**
   * A commune's findings by severity over its stored scans (info left out: it is the inventory),
   * one stacked bar a scan; what a scan could not look at again is a grey segment on top, and a
   * scan that could not reach the commune is an outlined "?" — never an empty, clean-looking bar.
   */
  static Element historyChart(List<CommuneHistory> history, Words w) {
    int n = history.size();
    int left = 40;
    int plot = 600;
    int top = 10;
    int height = 150;
    int slot = Math.max(1, plot / Math.max(n, 8));
    int bar = Math.max(4, (int) (slot * 0.7));
    int max = 1;
    for (CommuneHistory h : history) {
      int total = h.unknown();
      for (Severity s : CHARTED) {
        total += h.found(s);
      }
      max = Math.max(max, total);
    }
    Element svg = new Element("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("class", "chart history")
        .attr("role", "img")
        .attr("width", String.valueOf(left + plot + 10))
        .attr("height", String.valueOf(top + height + 60))
        .attr("viewBox", "0 0 " + (left + plot + 10) + " " + (top + height + 60));
    svg.appendElement("title")
        .text(w.t(
            "Constats par gravité, scan après scan (hors info)",
            "Findings by severity, scan after scan (info left out)"));
    int base = top + height;
    svg.appendElement("line")
        .attr("x1", String.valueOf(left))
        .attr("y1", String.valueOf(base))
        .attr("x2", String.valueOf(left + plot))
        .attr("y2", String.valueOf(base))
        .attr("stroke", "#999");
    svg.appendElement("text")
        .attr("x", String.valueOf(left - 6))
        .attr("y", String.valueOf(top + 10))
        .attr("text-anchor", "end")
        .attr("font-size", "11")
        .text(w.number(max));
    svg.appendElement("text")
        .attr("x", String.valueOf(left - 6))
        .attr("y", String.valueOf(base))
        .attr("text-anchor", "end")
        .attr("font-size", "11")
        .text("0");
    int every = Math.max(1, (int) Math.ceil(n / 8.0));
    boolean sameDay = history.stream().map(h -> w.day(h.started())).distinct().count() < n;
    java.util.function.Function<java.time.Instant, String> label = sameDay ? w::dayTime : w::day;
    for (int i = 0; i < n; i++) {
      CommuneHistory h = history.get(i);
      int x = left + i * slot + (slot - bar) / 2;
      Element g = svg.appendElement("g").addClass("scan");
      List<String> said = new java.util.ArrayList<>();
      if (h.unreachable()) {
        g.appendElement("rect")
            .attr("x", String.valueOf(x))
            .attr("y", String.valueOf(top))
            .attr("width", String.valueOf(bar))
            .attr("height", String.valueOf(height))
            .attr("fill", "none")
            .attr("stroke", "#777")
            .attr("stroke-dasharray", "4 3");
        g.appendElement("text")
            .attr("x", String.valueOf(x + bar / 2))
            .attr("y", String.valueOf(top + height / 2))
            .attr("text-anchor", "middle")
            .text("?");
        said.add(w.t("commune non analysée", "commune not scanned"));
      } else {
        double y = base;
        for (Severity s : CHARTED) {
          y = segment(g, x, y, bar, h.found(s), max, height, COLOURS.get(s));
          if (h.found(s) > 0) {
            said.add(w.number(h.found(s)) + " " + w.severities(s, h.found(s)));
          }
        }
        segment(g, x, y, bar, h.unknown(), max, height, UNKNOWN_COLOUR);
        if (h.unknown() > 0) {
          said.add(
              w.count(h.unknown(), "non vérifié", "non vérifiés", "not verified", "not verified"));
        }
        if ("partial".equals(h.coverage())) {
          said.add(w.t("analyse partielle", "partial scan"));
        }
      }
      g.prependElement("title")
          .text("scan " + h.scan() + " — " + w.day(h.started()) + " : "
              + (said.isEmpty() ? w.t("aucun constat", "no findings") : String.join(", ", said)));
      if (i % every == 0 || i == n - 1) {
        svg.appendElement("text")
            .attr("x", String.valueOf(x + bar / 2))
            .attr("y", String.valueOf(base + 15))
            .attr("text-anchor", "middle")
            .attr("font-size", "11")
            .text(label.apply(h.started()));
      }
    }
    int lx = left;
    List<Map.Entry<String, String>> legend = new java.util.ArrayList<>();
    for (Severity s : CHARTED) {
      legend.add(Map.entry(w.severity(s), COLOURS.get(s)));
    }
    legend.add(Map.entry(w.t("non vérifié", "not verified"), UNKNOWN_COLOUR));
    for (Map.Entry<String, String> e : legend) {
      svg.appendElement("rect")
          .attr("x", String.valueOf(lx))
          .attr("y", String.valueOf(base + 30))
          .attr("width", "12")
          .attr("height", "12")
          .attr("fill", e.getValue());
      svg.appendElement("text")
          .attr("x", String.valueOf(lx + 16))
          .attr("y", String.valueOf(base + 40))
          .attr("font-size", "12")
          .text(e.getKey());
      lx += 24 + 8 * e.getKey().length();
    }
    return svg;
  }

  /** One severity's part of a bar, stacked from {@code y} up; returns the new top. */
  private static double segment(
      Element g, int x, double y, int bar, int count, int max, int height, String colour) {
    if (count == 0) {
      return y;
    }
    double h = (double) height * count / max;
    g.appendElement("rect")
        .attr("x", String.valueOf(x))
        .attr("y", String.format(Locale.ROOT, "%.1f", y - h))
        .attr("width", String.valueOf(bar))
        .attr("height", String.format(Locale.ROOT, "%.1f", h))
        .attr("fill", colour);
    return y - h;
  }

  private static void changesSummary(Element body, ScanReport report, Words w) {
    java.util.Map<Severity, Integer> fresh = new java.util.EnumMap<>(Severity.class);
    int resolved = 0;
    int unknown = 0;
    for (ScanReport.CommuneReport c : report.communes()) {
      resolved += c.changes().resolved();
      unknown += c.changes().unknown();
      for (ScanReport.FindingReport f : c.findings()) {
        if (f.status().equals("new")) {
          fresh.merge(Severity.parse(f.severity()), 1, Integer::sum);
        }
      }
    }
    body.appendElement("h2").text(w.t("Ce qui a changé", "What changed"));
    Element ul = body.appendElement("ul");
    for (Severity s : Severity.values()) {
      int k = fresh.getOrDefault(s, 0);
      if (k > 0) {
        ul.appendElement("li")
            .addClass(s.compareTo(Severity.MEDIUM) < 0 ? "new" : "")
            .text(w.count(k, "nouveau constat ", "nouveaux constats ", "new ", "new ")
                + w.severities(s, k));
      }
    }
    ul.appendElement("li")
        .text(w.count(
            resolved, "constat corrigé", "constats corrigés", "finding fixed", "findings fixed"));
    ul.appendElement("li")
        .addClass(unknown > 0 ? "unknown" : "")
        .text(w.count(
            unknown,
            "constat non vérifié",
            "constats non vérifiés",
            "finding not verified",
            "findings not verified"));
  }

  /** The ten checks most communes have, with how many communes, and the technologies in use. */
  private static void topProblems(Element body, ScanReport report, Words w) {
    java.util.Map<String, java.util.Set<String>> communes = new java.util.HashMap<>();
    java.util.Map<String, ScanReport.FindingReport> example = new java.util.HashMap<>();
    java.util.Map<String, java.util.Set<String>> tech = new java.util.TreeMap<>();
    java.util.Map<String, ScanReport.FindingReport> concern = new java.util.HashMap<>();
    for (ScanReport.CommuneReport c : report.communes()) {
      for (ScanReport.FindingReport f : c.findings()) {
        if (f.current()
            && !f.check().equals("tech.detected")
            && Severity.parse(f.severity()) != Severity.INFO) {
          communes.computeIfAbsent(f.check(), k -> new java.util.HashSet<>()).add(c.key());
          example.putIfAbsent(f.check(), f);
        }
      }
      for (ScanReport.HostReport h : c.hosts()) {
        for (ScanReport.TechReport t : h.technologies()) {
          String label = TextReport.label(t, w);
          tech.computeIfAbsent(label, k -> new java.util.HashSet<>()).add(c.key());
          verdict(c, h, t)
              .ifPresent(f -> concern.merge(
                  label,
                  f,
                  (a, b) ->
                      Severity.parse(a.severity()).compareTo(Severity.parse(b.severity())) <= 0
                          ? a
                          : b));
        }
      }
    }
    if (!communes.isEmpty()) {
      body.appendElement("h2")
          .text(w.t("Les problèmes les plus répandus", "The most common problems"));
      Element ol = body.appendElement("ol");
      communes.entrySet().stream()
          .sorted(java.util.Comparator.comparing(
                  (java.util.Map.Entry<String, java.util.Set<String>> e) ->
                      -e.getValue().size())
              .thenComparing(e -> Severity.parse(example.get(e.getKey()).severity()))
              .thenComparing(java.util.Map.Entry::getKey))
          .limit(10)
          .forEach(e -> {
            ScanReport.FindingReport f = example.get(e.getKey());
            Element li = ol.appendElement("li");
            li.appendElement("span")
                .addClass("sev")
                .addClass(f.severity())
                .text(w.severity(f.severity()));
            li.appendText(" " + f.title() + " — "
                + w.count(e.getValue().size(), "commune", "communes", "commune", "communes"));
          });
    }
    if (!tech.isEmpty()) {
      body.appendElement("h2").text(w.t("Technologies en service", "Technologies in use"));
      Element table = body.appendElement("table").addClass("tech");
      Element head = table.appendElement("thead").appendElement("tr");
      head.appendElement("th").text(w.t("Logiciel et version", "Software and version"));
      head.appendElement("th").text("Communes");
      head.appendElement("th").text(w.t("Ce que vigie en dit", "What vigie says of it"));
      Element rows = table.appendElement("tbody");
      // What needs acting on first: exploited, end of life, behind; then the most widespread.
      tech.entrySet().stream()
          .sorted(java.util.Comparator.comparing(
                  (java.util.Map.Entry<String, java.util.Set<String>> e) ->
                      concern.containsKey(e.getKey())
                          ? Severity.parse(concern.get(e.getKey()).severity()).ordinal()
                          : Severity.values().length)
              .thenComparing(e -> -e.getValue().size())
              .thenComparing(java.util.Map.Entry::getKey))
          .forEach(e -> {
            Element row = rows.appendElement("tr");
            row.appendElement("td").text(e.getKey());
            row.appendElement("td").text(String.valueOf(e.getValue().size()));
            Element what = row.appendElement("td");
            ScanReport.FindingReport f = concern.get(e.getKey());
            if (f != null) {
              what.appendElement("span")
                  .addClass("sev")
                  .addClass(f.severity())
                  .text(w.severity(f.severity()));
              what.appendText(" " + f.title());
            }
          });
    }
  }

  private static final java.util.Set<String> VERDICTS = java.util.Set.of(
      fr.vigie.check.tech.TechCheck.VULNERABLE,
      fr.vigie.check.tech.TechCheck.END_OF_LIFE,
      fr.vigie.check.tech.TechCheck.OUTDATED);

  /** The most severe current verdict of the version data on this technology of this host. */
  private static java.util.Optional<ScanReport.FindingReport> verdict(
      ScanReport.CommuneReport c, ScanReport.HostReport h, ScanReport.TechReport t) {
    String at = t.port() == null ? null : h.name() + ":" + t.port();
    return c.findings().stream()
        .filter(ScanReport.FindingReport::current)
        .filter(f -> VERDICTS.contains(f.check()))
        .filter(f -> f.subject().equals(t.name()))
        .filter(f -> f.asset().equals(h.name())
            || f.asset().equals(at)
            || h.addresses().stream().anyMatch(a -> f.asset().equals(a + ":" + t.port())))
        .min(java.util.Comparator.comparing(
            (ScanReport.FindingReport f) -> Severity.parse(f.severity())));
  }

  static String changes(ScanReport.Changes ch, Words w) {
    if (ch.from() == null && !ch.baseline()) {
      return w.t("premier scan", "first scan");
    }
    return w.count(ch.added(), "nouveau", "nouveaux", "new", "new") + ", "
        + w.count(ch.resolved(), "corrigé", "corrigés", "fixed", "fixed") + ", "
        + w.count(ch.unknown(), "non vérifié", "non vérifiés", "not verified", "not verified")
        + (ch.newAssets().isEmpty()
            ? ""
            : ", "
                + w.count(
                    ch.newAssets().size(), "nouveau nom", "nouveaux noms", "new name", "new names"))
        + (ch.vanishedAssets().isEmpty()
            ? ""
            : ", "
                + w.count(
                    ch.vanishedAssets().size(),
                    "nom disparu",
                    "noms disparus",
                    "name gone",
                    "names gone"));
  }

  static Document commune(
      ScanReport report, ScanReport.CommuneReport c, Words w, List<CommuneHistory> history) {
    String title = (c.insee() == null ? "" : c.insee() + " ") + c.name();
    Document doc = page("vigie — " + title, w, false);
    Element body = doc.body();
    body.appendElement("nav")
        .appendElement("a")
        .attr("href", "../index.html")
        .text(w.t("← toutes les communes", "← all communes"));
    Element h1 = body.appendElement("h1");
    String grade = c.grade() == null ? "?" : c.grade();
    h1.appendElement("span")
        .addClass("badge")
        .addClass("g" + (grade.matches("[A-F]") ? grade : "X"))
        .attr("title", w.t("note ", "grade ") + grade)
        .text(grade);
    h1.appendText(title);
    body.appendElement("p")
        .addClass("muted")
        .text(String.join(", ", c.domains().stream().map(Words::host).toList()) + " — "
            + w.t("scan du ", "scan of ") + w.date(report.scan().started()));
    if (c.unreachable()) {
      body.appendElement("p")
          .addClass("unknown")
          .text(w.t("Commune non analysée à ce scan : ", "Commune not scanned this time: ")
              + (c.statusReason() == null ? c.status() : c.statusReason())
              + w.t(
                  ". Ses constats précédents sont « non vérifiés », pas corrigés.",
                  ". Its previous findings are \"not verified\", not fixed."));
    } else if ("partial".equals(c.status())) {
      body.appendElement("p")
          .addClass("unknown")
          .text(w.t("Analyse partielle", "Partial scan")
              + (c.statusReason() != null
                  ? " : " + c.statusReason()
                  : c.coverage() == null || c.coverage().narrowedBy().isEmpty()
                      ? w.t(
                          " : certaines questions sont restées sans réponse.",
                          ": some questions got no answer.")
                      : " : " + String.join(" ", c.coverage().narrowedBy())));
    }
    if (!c.gradeReasons().isEmpty()) {
      body.appendElement("p")
          .addClass("reasons")
          .text(w.t("Pourquoi cette note : ", "Why this grade: ")
              + String.join(" ; ", c.gradeReasons()));
    }
    List<ScanReport.FindingReport> current =
        c.findings().stream().filter(ScanReport.FindingReport::current).toList();

    List<ScanReport.FindingReport> priorities = TextReport.priorities(current);
    if (!priorities.isEmpty()) {
      body.appendElement("h2").text(w.t("À corriger en priorité", "Fix these first"));
      Element ol = body.appendElement("ol").addClass("prio");
      for (ScanReport.FindingReport f : priorities) {
        Element li = ol.appendElement("li");
        li.appendElement("span")
            .addClass("sev")
            .addClass(f.severity())
            .text(w.severity(f.severity()));
        li.appendText(" ");
        li.appendElement("strong").text(f.title());
        li.appendText(" — " + Words.asset(f.asset()));
        li.appendElement("div").text(f.remediation().split("\n\\s*\n")[0]);
      }
    }

    body.appendElement("h2").text(w.t("Ce qui a changé", "What changed"));
    body.appendElement("p").text(changes(c.changes(), w));
    Element changed = body.appendElement("ul");
    for (ScanReport.FindingReport f : c.findings()) {
      if (!f.status().equals("open")
          && !f.status().equals("suppressed")
          && !(c.changes().from() == null && f.status().equals("new"))) {
        changed
            .appendElement("li")
            .addClass(f.status())
            .text(w.status(f.status()) + " : " + f.title() + " — " + Words.asset(f.asset())
                + (f.unknownReasonText() == null ? "" : " (" + f.unknownReasonText() + ")"));
      }
    }

    if (!history.isEmpty()) {
      body.appendElement("h2").text(w.t("Historique", "History"));
      body.appendChild(historyChart(history, w));
    }

    body.appendElement("h2").text(w.t("Hôtes", "Hosts"));
    Element cards = body.appendElement("div").addClass("cards");
    for (ScanReport.HostReport h : c.hosts()) {
      if (!h.inScope()) {
        continue;
      }
      Element card = cards.appendElement("div").addClass("card");
      card.appendElement("h3").text(Words.host(h.name()));
      List<String> grades = new java.util.ArrayList<>();
      if (h.tls() != null) {
        grades.add("TLS " + h.tls().grade());
      }
      if (h.http() != null) {
        grades.add("HTTP " + h.http().grade());
      }
      if (!grades.isEmpty()) {
        card.appendElement("div").addClass("g").text(String.join(" · ", grades));
      }
      if (!h.addresses().isEmpty()) {
        card.appendElement("div").addClass("muted").text(String.join(", ", h.addresses()));
      }
      if (!h.technologies().isEmpty()) {
        card.appendElement("div")
            .text(String.join(
                ", ", h.technologies().stream().map(t -> TextReport.label(t, w)).toList()));
      }
      if (!h.services().isEmpty()) {
        card.appendElement("div")
            .addClass("high")
            .text(w.t("Services ouverts : ", "Open services: ")
                + String.join(", ", h.services().stream().map(TextReport::label).toList()));
      }
    }

    body.appendElement("h2").text(w.t("Constats", "Findings"));
    if (current.isEmpty()) {
      body.appendElement("p").text(w.t("Aucun constat.", "No findings."));
    }
    java.util.Map<String, List<ScanReport.FindingReport>> byCheck = new java.util.LinkedHashMap<>();
    current.stream()
        .sorted(java.util.Comparator.comparing(
            (ScanReport.FindingReport f) -> Severity.parse(f.severity())))
        .forEach(f ->
            byCheck.computeIfAbsent(f.check(), k -> new java.util.ArrayList<>()).add(f));
    for (List<ScanReport.FindingReport> group : byCheck.values()) {
      ScanReport.FindingReport first = group.get(0);
      Element section = body.appendElement("section").addClass("check");
      Element h3 = section.appendElement("h3");
      h3.appendElement("span")
          .addClass("sev")
          .addClass(first.severity())
          .text(w.severity(first.severity()));
      h3.appendText(" " + first.title() + " ");
      h3.appendElement("code").text(first.check());
      Element ul = section.appendElement("ul");
      for (ScanReport.FindingReport f : group) {
        Element li = ul.appendElement("li").addClass(f.status());
        li.appendText(Words.asset(f.asset())
            + (f.subject().isEmpty()
                ? ""
                : " " + fr.vigie.inventory.DomainNames.namesToUnicode(f.subject()))
            + (f.status().equals("new") && c.changes().from() != null
                ? " — " + w.status("new")
                : "")
            + (f.previousSeverity() == null
                ? ""
                : w.t(" (était ", " (was ") + w.severity(f.previousSeverity()) + ")"));
        if (!f.evidence().isEmpty()) {
          Element d = li.appendElement("details");
          d.appendElement("summary").text(w.t("preuve", "evidence"));
          d.appendElement("div").addClass("ev").text(f.evidence());
        }
      }
      if (!first.remediation().isEmpty()) {
        Element todo = section.appendElement("div").addClass("todo");
        todo.appendElement("strong").text(w.t("Que faire : ", "What to do: "));
        todo.appendText(first.remediation());
        if (first.reference().startsWith("https://")) {
          todo.appendText(" ");
          todo.appendElement("a")
              .attr("href", first.reference())
              .attr("rel", "noreferrer")
              .text(w.t("Référence", "Reference"));
        }
      }
    }
    List<ScanReport.FindingReport> accepted =
        c.findings().stream().filter(f -> f.status().equals("suppressed")).toList();
    if (!accepted.isEmpty()) {
      body.appendElement("h2").text(w.t("Risques acceptés", "Accepted risks"));
      Element ul = body.appendElement("ul");
      for (ScanReport.FindingReport f : accepted) {
        ul.appendElement("li")
            .addClass("suppressed")
            .text(f.title() + " — " + Words.asset(f.asset()) + " : " + f.suppression());
      }
    }
    body.appendElement("p")
        .addClass("muted")
        .text("vigie " + report.tool().version() + " — scan " + report.scan().id());
    return doc;
  }
}
