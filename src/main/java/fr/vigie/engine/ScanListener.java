package fr.vigie.engine;

import fr.vigie.store.ScanRepository.CommuneResult;

/** Hears about a scan's progress; called from scan threads, so implementations are thread-safe. */
public interface ScanListener {

  default void communeDone(CommuneResult result, int done, int total) {}

  default void communeFailed(String communeKey, Throwable error) {}

  ScanListener NONE = new ScanListener() {};
}
