package fr.vigie.observation;

import java.util.List;

/**
 * What the technology rules ask of the web probe, without the probe knowing them: which parts of
 * a whole page to keep beyond its excerpt, and which paths to request once the home page and the
 * exposed paths are known (a WordPress feed only where WordPress is suspected).
 */
public interface ProbeExtras {

  /** The snippets of {@code text} worth keeping (each short); empty when none. */
  List<String> marks(String text);

  /** Paths to request next, given what the host answered so far. */
  List<String> paths(WebObservation soFar);

  ProbeExtras NONE = new ProbeExtras() {
    @Override
    public List<String> marks(String text) {
      return List.of();
    }

    @Override
    public List<String> paths(WebObservation soFar) {
      return List.of();
    }
  };
}
