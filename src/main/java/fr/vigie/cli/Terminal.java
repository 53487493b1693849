package fr.vigie.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal (colour, progress bar). */
final class Terminal {

  private Terminal() {}

  static boolean isInteractive() {
    if (System.getenv("NO_COLOR") != null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // JDK 22+ returns a Console even when redirected; isTerminal() tells (absent on 21).
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /**
   * The terminal's width in columns: {@code COLUMNS} when the shell exports it, else what {@code
   * stty} says of the controlling terminal, else 100 (a file or a pipe: no one resizes those).
   */
  static int width() {
    String columns = System.getenv("COLUMNS");
    if (columns != null && columns.matches("\\d{2,4}")) {
      return Math.max(40, Integer.parseInt(columns));
    }
    if (isInteractive()) {
      try {
        Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
            .redirectErrorStream(true)
            .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (p.waitFor() == 0 && out.matches("\\d+ \\d+")) {
          return Math.max(40, Integer.parseInt(out.split(" ")[1]));
        }
      } catch (java.io.IOException e) {
        // no stty: the default below
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return 100;
  }
}
