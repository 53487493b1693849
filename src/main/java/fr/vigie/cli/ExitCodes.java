package fr.vigie.cli;

/** vigie's exit codes: a public API for CI jobs and cron scripts. */
public final class ExitCodes {

  /** The command did what was asked. */
  public static final int OK = 0;

  /** A gate failed: findings at or above {@code --fail-on} (the scan itself succeeded). */
  public static final int GATE_FAILED = 1;

  /** Bad usage or bad input: unknown option, missing or invalid file, invalid domain. */
  public static final int USAGE = 2;

  /** The run failed: an unexpected error, a database that could not be written. */
  public static final int RUNTIME = 3;

  private ExitCodes() {}
}
