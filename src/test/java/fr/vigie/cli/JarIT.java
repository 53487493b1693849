package fr.vigie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar in its own JVM: what a user or cron sees, signals included. */
class JarIT {

  @TempDir
  Path dir;

  private static Process start(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.security.properties=" + System.getProperty("vigie.java.security"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-jar");
    command.add(System.getProperty("vigie.jar"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String output(Process p) throws Exception {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldMarkTheScanInterruptedWhenStoppedBySigterm() throws Exception {
    Path db = dir.resolve("v.db");
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
      Process scan = start(
          "scan",
          "-q",
          "--resolver",
          "127.0.0.1:" + silent.getLocalPort(),
          "--dns-timeout",
          "10000",
          "--db",
          db.toString(),
          "lent.test",
          "lent2.test");
      // the scan is waiting on a resolver that never answers; wait until it is stored as running
      for (int i = 0; i < 100 && !listing(db).contains("running"); i++) {
        Thread.sleep(100);
      }
      assertThat(listing(db)).contains("running");

      scan.destroy(); // SIGTERM, as from Ctrl-C or systemd

      assertThat(scan.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(listing(db)).containsPattern("1\\s+\\S+\\s+interrupted\\s+0/2");
  }

  @Test
  void shouldResumeAScanKilledWithSigkillIntoTheSameScan() throws Exception {
    Path db = dir.resolve("k.db");
    Path inventory = dir.resolve("inventaire.csv");
    Files.writeString(
        inventory,
        "insee,name,domains\n99002,Montval,montval.test\n99004,Lacombe,www.lacombe.test\n");
    try (DatagramSocket silent =
            new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        fr.vigie.testbed.Testbed testbed =
            fr.vigie.testbed.Testbed.start(fr.vigie.testbed.Scenario.builtIn(), 0, false)) {
      Process scan = start(
          "scan",
          "-q",
          "--targets",
          inventory.toString(),
          "--resolver",
          "127.0.0.1:" + silent.getLocalPort(),
          "--dns-timeout",
          "10000",
          "--db",
          db.toString());
      for (int i = 0; i < 100 && !listing(db).contains("running"); i++) {
        Thread.sleep(100);
      }
      scan.destroyForcibly(); // kill -9: no shutdown hook runs
      assertThat(scan.waitFor(30, TimeUnit.SECONDS)).isTrue();

      Process resume = start(
          "scan",
          "-q",
          "--resume",
          "--targets",
          inventory.toString(),
          "--no-web",
          "--no-tls",
          "--allow-loopback",
          "--resolver",
          "127.0.0.1:" + testbed.dnsAddress().getPort(),
          "--db",
          db.toString());
      String out = output(resume);

      assertThat(resume.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(resume.exitValue()).as(out).isEqualTo(ExitCodes.OK);
      assertThat(out).contains("vigie: resuming scan 1: 0 of 2 communes already done");
    }
    String listing = listing(db);
    assertThat(listing)
        .containsPattern("\\n\\s+1\\s+\\S+\\s+completed\\s+2\\s+")
        .doesNotContainPattern("\\n\\s+2\\s+");
  }

  @Test
  void shouldExitWithUsageAndOneLineOnBadInput() throws Exception {
    Process p = start(
        "scan",
        "--targets",
        dir.resolve("absent.csv").toString(),
        "--db",
        dir.resolve("v.db").toString());

    String out = output(p);

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(ExitCodes.USAGE);
    assertThat(out.strip())
        .isEqualTo("vigie: inventory " + dir.resolve("absent.csv") + " does not exist");
  }

  private static String listing(Path db) throws Exception {
    if (!db.toFile().exists()) {
      return "";
    }
    Process p = start("scans", "--db", db.toString());
    String out = output(p);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }
}
