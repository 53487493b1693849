package fr.vigie.cli;

import static fr.vigie.cli.CliTest.vigie;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NightlyCliTest {

  @TempDir
  Path dir;

  @Test
  void shouldStopWithoutScanningWhenAnotherNightHoldsTheLock() throws Exception {
    Path db = dir.resolve("v.db");
    Path lock = NightlyCommand.lockFile(db);
    Files.writeString(lock, "4242 2026-12-04T02:15:00Z\n");
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      CliTest.Run run = vigie(
          "nightly",
          "--testbed",
          "-q",
          "--db",
          db.toString(),
          "--site",
          dir.resolve("s").toString());
      assertThat(run.code()).isEqualTo(ExitCodes.RUNTIME);
      assertThat(run.err())
          .contains("another night is running on this database")
          .contains("held by pid 4242 since 2026-12-04T02:15:00Z")
          .doesNotContain("Exception");
    }
    assertThat(db).as("nothing was scanned, nothing created").doesNotExist();
  }

  @Test
  void shouldSayWhatIsMissingBeforeTheNightStarts() throws Exception {
    CliTest.Run none = vigie("nightly", "--db", dir.resolve("v.db").toString());
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("give --targets FILE");
    Path alerts = dir.resolve("vigie-alerts.yaml");
    Files.writeString(alerts, "webhooks:\n  - {name: x, url_env: VIGIE_UNSET_FOR_TEST_42}\n");
    CliTest.Run bad = vigie(
        "nightly",
        "--testbed",
        "--db",
        dir.resolve("v.db").toString(),
        "--alerts",
        alerts.toString());
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("webhooks[0].url_env names VIGIE_UNSET_FOR_TEST_42");
    assertThat(dir.resolve("v.db")).doesNotExist();
  }
}
