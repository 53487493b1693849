package fr.vigie.observation;

import java.util.List;

/**
 * The CNAMEs a name went through before its addresses, and how the chain ended.
 *
 * @param targets the names pointed to, in order (empty when the name has no CNAME)
 */
public record CnameChain(List<String> targets, End end) {

  public enum End {
    /** No CNAME, or the chain reached a name that exists. */
    RESOLVED,
    /** The last target does not exist (NXDOMAIN): whoever registers it controls the name. */
    DANGLING,
    /** The chain comes back to a name already in it. */
    LOOP,
    /** Longer than the depth cap. */
    TOO_DEEP,
    /** A lookup along the chain timed out or failed: nothing can be said. */
    UNKNOWN
  }

  public CnameChain {
    targets = List.copyOf(targets);
  }

  public static CnameChain none() {
    return new CnameChain(List.of(), End.RESOLVED);
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  public String last() {
    return targets.isEmpty() ? null : targets.get(targets.size() - 1);
  }
}
