package fr.vigie;

/**
 * Bad usage or bad input that the user can fix: a missing file, an invalid domain, a database
 * that is not vigie's. The CLI turns it into exit code 2 and its message into one line.
 */
public class UserInputException extends RuntimeException {
  public UserInputException(String message) {
    super(message);
  }

  public UserInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
