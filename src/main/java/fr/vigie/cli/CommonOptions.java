package fr.vigie.cli;

import fr.vigie.store.StoreLocation;
import picocli.CommandLine.Option;

/** Options every command that touches the database shares. */
public final class CommonOptions {

  @Option(
      names = "--db",
      paramLabel = "FILE|URL",
      description = "The history of scans: an SQLite file (default: ${DEFAULT-VALUE}) or a"
          + " PostgreSQL database shared by several workers, postgresql://user@host:5432/vigie"
          + "[?schema=…&sslmode=…] (password from PGPASSWORD or ~/.pgpass, never here).",
      defaultValue = "vigie.db",
      converter = CommonOptions.Location.class)
  StoreLocation db;

  static final class Location implements picocli.CommandLine.ITypeConverter<StoreLocation> {
    @Override
    public StoreLocation convert(String value) {
      return StoreLocation.parse(value);
    }
  }
}
