package fr.vigie.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that touches the database shares. */
public final class CommonOptions {

  @Option(
      names = "--db",
      paramLabel = "PATH",
      description = "SQLite database of scans (default: ${DEFAULT-VALUE}).",
      defaultValue = "vigie.db")
  Path db;
}
