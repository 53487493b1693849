package fr.vigie.cli;

import fr.vigie.engine.ScanListener;
import fr.vigie.model.CommuneResult;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a sweep on stderr. On a terminal, a bar redrawn at most four times a second:
 * communes done, hosts per second, time left, findings by severity. Elsewhere (cron, CI), one
 * line a minute. Failures are said at once. Thread-safe.
 */
final class Progress implements ScanListener {

  private final PrintWriter err;
  private final fr.vigie.report.Words w;
  private final boolean terminal;
  private final long intervalNanos;
  private final long start = System.nanoTime();
  private final Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
  private long lastPrint;
  private int hosts;
  private boolean drawn;

  Progress(PrintWriter err, fr.vigie.report.Words words, boolean terminal) {
    this.err = err;
    this.w = words;
    this.terminal = terminal;
    this.intervalNanos = terminal ? 250_000_000L : 60_000_000_000L;
    this.lastPrint = start;
  }

  @Override
  public synchronized void communeDone(CommuneResult result, int done, int total) {
    hosts += (int) result.discovery().hosts().stream().filter(h -> h.inScope()).count();
    for (Finding f : result.findings()) {
      bySeverity.merge(f.severity(), 1, Integer::sum);
    }
    long now = System.nanoTime();
    if (now - lastPrint < intervalNanos && done < total) {
      return;
    }
    lastPrint = now;
    String line = line(done, total, now);
    if (terminal) {
      err.print("\r\u001b[2K" + line + (done == total ? "\n" : ""));
      drawn = done < total;
    } else {
      err.println("vigie: " + line);
    }
    err.flush();
  }

  @Override
  public synchronized void communeFailed(String communeKey, Throwable error) {
    if (drawn) {
      err.print("\r\u001b[2K");
      drawn = false;
    }
    String why = error.getMessage() == null
        ? error.getClass().getSimpleName()
        : error instanceof fr.vigie.engine.ScanEngine.CommuneTimeout
            ? w.t("hors délai (--commune-timeout) : ", "out of time (--commune-timeout): ")
                + error.getMessage()
            : error.toString();
    err.println("vigie: commune " + fr.vigie.Text.shown(communeKey, 80)
        + w.t(" non analysée : ", " not scanned: ") + fr.vigie.Text.shown(why, 200));
    err.flush();
  }

  @Override
  public synchronized void communeCutShort(String communeKey, String why) {
    if (drawn) {
      err.print("\r\u001b[2K");
      drawn = false;
    }
    err.println("vigie: commune " + fr.vigie.Text.shown(communeKey, 80)
        + w.t(
            " interrompue : hors délai (--commune-timeout) : ",
            " cut short: out of time (--commune-timeout): ")
        + fr.vigie.Text.shown(why, 200)
        + w.t(
            " ; ce qui a été fait est enregistré, le reste est inconnu",
            "; what was done is stored, the rest is unknown"));
    err.flush();
  }

  /** Said even in cron mode: a sweep that seems stuck must say on what. */
  @Override
  public synchronized void stillRunning(List<fr.vigie.engine.ScanListener.Running> running) {
    if (drawn) {
      err.print("\r\u001b[2K");
      drawn = false;
    }
    StringBuilder sb =
        new StringBuilder(w.t("vigie: toujours en cours : ", "vigie: still running: "));
    int shown = 0;
    for (fr.vigie.engine.ScanListener.Running r : running) {
      if (shown++ == 3) {
        sb.append(", … (").append(running.size()).append(" communes)");
        break;
      }
      sb.append(shown > 1 ? ", " : "")
          .append(fr.vigie.report.Escape.terminal(r.target()))
          .append(" (")
          .append(r.phase())
          .append(", ")
          .append(elapsed(r.elapsed()))
          .append(
              r.target().equals(r.commune())
                  ? ""
                  : ", " + fr.vigie.report.Escape.terminal(r.commune()))
          .append(')');
    }
    err.println(sb);
    err.flush();
  }

  static String elapsed(Duration d) {
    long s = d.toSeconds();
    return s < 60 ? s + " s" : s / 60 + " min";
  }

  String line(int done, int total, long now) {
    double seconds = Math.max(0.001, (now - start) / 1e9);
    double communesPerSecond = done / seconds;
    long eta = communesPerSecond > 0 ? Math.round((total - done) / communesPerSecond) : -1;
    StringBuilder sb = new StringBuilder();
    if (terminal) {
      int width = 24;
      int filled = total == 0 ? width : (int) ((long) width * done / total);
      sb.append('[')
          .append("#".repeat(filled))
          .append(".".repeat(width - filled))
          .append("] ");
    }
    sb.append(done)
        .append('/')
        .append(total)
        .append(" communes, ")
        .append(String.format(
            w.french() ? Locale.FRANCE : Locale.ROOT,
            w.t("%.1f hôtes/s", "%.1f hosts/s"),
            hosts / seconds));
    if (done < total && eta >= 0) {
      sb.append(w.t(", reste ", ", ETA "))
          .append(eta / 60)
          .append(" min ")
          .append(String.format(Locale.ROOT, "%02d", eta % 60))
          .append(" s");
    }
    sb.append(w.t(", constats", ", findings"));
    for (Severity s : Severity.values()) {
      sb.append(' ')
          .append(w.severity(s).charAt(0))
          .append(':')
          .append(bySeverity.getOrDefault(s, 0));
    }
    return sb.toString();
  }
}
