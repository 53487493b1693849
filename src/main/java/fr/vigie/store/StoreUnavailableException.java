package fr.vigie.store;

import java.sql.SQLException;

/**
 * The database is a vigie database, or a place for one, but cannot be used now: locked by another
 * process, disk full, permission denied. A runtime failure (exit 3), not bad input: running again
 * later, or elsewhere, can work. The message names the file and the cause.
 */
public final class StoreUnavailableException extends RuntimeException {

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }

  /**
   * What SQLite said, as a user can act on it; a file that is not a database stays bad input.
   *
   * @param doing what vigie was doing ({@code cannot open database vigie.db})
   */
  static RuntimeException of(String doing, SQLException e) {
    if (e instanceof org.sqlite.SQLiteException s) {
      String cause = switch (s.getResultCode().code & 0xff) {
        case 5, 6 ->
          "it is locked by another vigie or program (SQLite busy/locked); try again when that one has finished";
        case 13 -> "the disk is full";
        case 8, 3 -> "permission denied (read-only file, folder or file system)";
        case 14 -> "the file cannot be opened (permission or missing folder)";
        case 10 -> "a disk I/O error";
        case 11, 26 -> null;
        default -> "";
      };
      if (cause == null) {
        return new fr.vigie.UserInputException(
            doing + ": not a usable vigie database (" + e.getMessage() + "); it was left untouched",
            e);
      }
      return new StoreUnavailableException(
          doing + ": " + (cause.isEmpty() ? e.getMessage() : cause), e);
    }
    return new StoreUnavailableException(doing + ": " + e.getMessage(), e);
  }
}
