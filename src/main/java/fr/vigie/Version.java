package fr.vigie;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The tool's version, filled in by the build. */
public final class Version {

  /**
   * Where a server operator who sees vigie in their logs learns what it is (User-Agent, SARIF);
   * .example until the project has a public home (set --user-agent).
   */
  public static final String PROJECT_URL = "https://vigie.example/about";

  private static final String VERSION = load();

  private Version() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/fr/vigie/version.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
