package fr.vigie.inventory;

/** A domain or inventory entry that cannot be scanned; the message says why, for the user. */
public final class InvalidTargetException extends Exception {
  public InvalidTargetException(String message) {
    super(message);
  }
}
