package fr.vigie.inventory;

import java.util.List;

/**
 * What an inventory file gave: the communes that can be scanned, and one problem per line that
 * was skipped.
 */
public record Inventory(List<Commune> communes, List<Problem> problems) {

  public Inventory {
    communes = List.copyOf(communes);
    problems = List.copyOf(problems);
  }

  /** A skipped line, printed as {@code FILE:LINE: reason}. */
  public record Problem(String file, int line, String reason) {
    @Override
    public String toString() {
      // The reason quotes the line's values, already cut; a last guard for anything else.
      return file + ":" + line + ": " + fr.vigie.Text.shown(reason, 400);
    }
  }
}
