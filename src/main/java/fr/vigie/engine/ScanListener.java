package fr.vigie.engine;

import fr.vigie.model.CommuneResult;
import java.time.Duration;
import java.util.List;

/** Hears about a scan's progress; called from scan threads, so implementations are thread-safe. */
public interface ScanListener {

  default void communeDone(CommuneResult result, int done, int total) {}

  default void communeFailed(String communeKey, Throwable error) {}

  /** A commune's budget ran out: what it had finished is stored, the rest is "no answer". */
  default void communeCutShort(String communeKey, String why) {}

  /**
   * A probe in flight: the commune, the probe family ({@code DNS}, {@code web}, {@code TLS},
   * {@code ports}), what it probes, and for how long.
   */
  record Running(String commune, String phase, String target, Duration elapsed) {}

  /** No commune finished for a while: what is still running, the longest first. */
  default void stillRunning(List<Running> running) {}

  ScanListener NONE = new ScanListener() {};
}
