package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.vigie.net.Politeness;
import fr.vigie.observation.ServiceFact;
import fr.vigie.observation.ServiceObservation.Port;
import fr.vigie.observation.ServiceObservation.State;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The port probe against the real servers, as Debian packages them, started on loopback by the
 * test (`.ci/run` installs redis-server, vsftpd, openssh-server and samba). A server whose binary
 * is missing, or that needs root the test does not have, skips its test with the reason.
 */
class RealServersTest {

  private static final List<Process> started = new ArrayList<>();

  @TempDir
  static Path dir;

  @AfterAll
  static void stop() {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts a server and waits until its port accepts connections. */
  private static void start(int port, String... command) throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of(command[0])),
        command[0] + " is not installed (.ci/run installs it)");
    Process p = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("log-" + port).toFile())
        .start();
    started.add(p);
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          assumeTrue(
              false,
              command[0] + " did not start: "
                  + Files.readString(dir.resolve("log-" + port)).strip());
        }
        Thread.sleep(50);
      }
    }
    assumeTrue(false, command[0] + " did not listen on " + port + " within 5 s");
  }

  private static Port probe(int port, int actual, boolean intrusive) throws Exception {
    ServiceProbe probe = new ServiceProbe(
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        Map.of(port, actual),
        new Politeness(2),
        intrusive);
    List<ServicePorts.Spec> spec =
        List.of(ServicePorts.parse(String.valueOf(port)).get(0));
    return probe
        .probe(InetAddress.getByName("127.0.0.1"), List.of("srv.mairie.test"), List.of(), spec)
        .ports()
        .get(0);
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Test
  void shouldTellRedisWithoutPasswordFromRedisWithOne() throws Exception {
    int open = freePort();
    int locked = freePort();
    start(
        open,
        "/usr/bin/redis-server",
        "--port",
        String.valueOf(open),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no");
    start(
        locked,
        "/usr/bin/redis-server",
        "--port",
        String.valueOf(locked),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--requirepass",
        "vigie-test");

    Port a = probe(6379, open, false);
    Port b = probe(6379, locked, false);

    assertThat(a.protocol()).isEqualTo("redis");
    assertThat(a.fact(ServiceFact.AUTH)).isEqualTo("none");
    assertThat(a.banner()).isEqualTo("+PONG");
    assertThat(b.fact(ServiceFact.AUTH)).isEqualTo("required");
    assertThat(b.banner()).startsWith("-NOAUTH");
  }

  @Test
  void shouldReadVsftpdAndTryItsAnonymousLoginOnlyWhenIntrusive() throws Exception {
    assumeTrue(root(), "vsftpd runs as root");
    int port = freePort();
    Files.createDirectories(Path.of("/var/run/vsftpd/empty"));
    Path conf = dir.resolve("vsftpd.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "listen=YES",
            "listen_ipv6=NO",
            "listen_address=127.0.0.1",
            "listen_port=" + port,
            "anonymous_enable=YES",
            "local_enable=NO",
            "anon_root=" + dir,
            "secure_chroot_dir=/var/run/vsftpd/empty",
            "background=NO",
            "run_as_launching_user=NO",
            ""));
    start(port, "/usr/sbin/vsftpd", conf.toString());

    Port polite = probe(21, port, false);
    Port intrusive = probe(21, port, true);

    assertThat(polite.protocol()).isEqualTo("ftp");
    assertThat(polite.product()).isEqualTo("vsFTPd");
    assertThat(polite.version()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(polite.facts()).doesNotContainKey("anonymous");
    assertThat(intrusive.fact(ServiceFact.ANONYMOUS)).isEqualTo("allowed");
  }

  @Test
  void shouldReadOpenSshsBanner() throws Exception {
    assumeTrue(root(), "sshd runs as root");
    int port = freePort();
    Path key = dir.resolve("host_ed25519");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "ssh-keygen is not installed");
    new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
        .start()
        .waitFor();
    Files.createDirectories(Path.of("/run/sshd"));
    start(
        port,
        "/usr/sbin/sshd",
        "-D",
        "-e",
        "-f",
        "/dev/null",
        "-h",
        key.toString(),
        "-p",
        String.valueOf(port),
        "-o",
        "ListenAddress=127.0.0.1",
        "-o",
        "PidFile=none");

    Port ssh = probe(22, port, false);

    assertThat(ssh.protocol()).isEqualTo("ssh");
    assertThat(ssh.product()).isEqualTo("OpenSSH");
    assertThat(ssh.banner()).startsWith("SSH-2.0-OpenSSH_");
  }

  @Test
  void shouldTellSambaWithSmb1FromSambaAsShipped() throws Exception {
    assumeTrue(root(), "smbd runs as root");
    Port shipped = samba("SMB2_02");
    Port legacy = samba("NT1");

    assertThat(shipped.protocol()).isEqualTo("smb");
    assertThat(shipped.fact(ServiceFact.SMB1)).isEqualTo("refused");
    assertThat(legacy.fact(ServiceFact.SMB1)).isEqualTo("accepted");
  }

  private static Port samba(String minProtocol) throws Exception {
    int port = freePort();
    Path base = dir.resolve("samba-" + port);
    for (String d : List.of("lock", "state", "cache", "pid", "private", "share")) {
      Files.createDirectories(base.resolve(d));
    }
    Path conf = base.resolve("smb.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "[global]",
            "smb ports = " + port,
            "interfaces = 127.0.0.1",
            "bind interfaces only = yes",
            "server min protocol = " + minProtocol,
            "lock directory = " + base.resolve("lock"),
            "state directory = " + base.resolve("state"),
            "cache directory = " + base.resolve("cache"),
            "pid directory = " + base.resolve("pid"),
            "private dir = " + base.resolve("private"),
            "log file = " + base.resolve("log"),
            "disable netbios = yes",
            "server role = standalone server",
            "[partage]",
            "path = " + base.resolve("share"),
            ""));
    start(port, "/usr/sbin/smbd", "--foreground", "--no-process-group", "-s", conf.toString());
    return probe(445, port, false);
  }

  /**
   * The promise, end to end: a scan of a host running the real services reports each
   * service check, and nothing on the ports where nothing listens.
   */
  @Test
  void shouldReportTheServiceChecksOfAScanOfAHostRunningTheRealServers() throws Exception {
    assumeTrue(root(), "vsftpd, sshd and smbd run as root");
    int redis = freePort();
    start(
        redis,
        "/usr/bin/redis-server",
        "--port",
        String.valueOf(redis),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no");
    int ftp = freePort();
    Files.createDirectories(Path.of("/var/run/vsftpd/empty"));
    Path conf = dir.resolve("vsftpd-scan.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "listen=YES",
            "listen_ipv6=NO",
            "listen_address=127.0.0.1",
            "listen_port=" + ftp,
            "anonymous_enable=NO",
            "local_enable=YES",
            "secure_chroot_dir=/var/run/vsftpd/empty",
            "background=NO",
            ""));
    start(ftp, "/usr/sbin/vsftpd", conf.toString());
    Path key = dir.resolve("scan_host_ed25519");
    new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
        .start()
        .waitFor();
    Files.createDirectories(Path.of("/run/sshd"));
    int ssh = freePort();
    start(
        ssh,
        "/usr/sbin/sshd",
        "-D",
        "-e",
        "-f",
        "/dev/null",
        "-h",
        key.toString(),
        "-p",
        String.valueOf(ssh),
        "-o",
        "ListenAddress=127.0.0.1",
        "-o",
        "PidFile=none");
    int smbPort = freePort();
    Path base = dir.resolve("samba-scan");
    for (String d : List.of("lock", "state", "cache", "pid", "private", "share")) {
      Files.createDirectories(base.resolve(d));
    }
    Path smbConf = base.resolve("smb.conf");
    Files.writeString(
        smbConf,
        String.join(
            "\n",
            "[global]",
            "smb ports = " + smbPort,
            "interfaces = 127.0.0.1",
            "bind interfaces only = yes",
            "server min protocol = NT1",
            "lock directory = " + base.resolve("lock"),
            "state directory = " + base.resolve("state"),
            "cache directory = " + base.resolve("cache"),
            "pid directory = " + base.resolve("pid"),
            "private dir = " + base.resolve("private"),
            "log file = " + base.resolve("log"),
            "disable netbios = yes",
            "server role = standalone server",
            ""));
    start(
        smbPort, "/usr/sbin/smbd", "--foreground", "--no-process-group", "-s", smbConf.toString());
    int closed = freePort();

    fr.vigie.testbed.Scenario scenario = new fr.vigie.testbed.Scenario(
        Map.of(),
        List.of(new fr.vigie.testbed.Scenario.CommuneSpec(
            "99960",
            "Serveurville",
            "serveurville.test",
            List.of("serveur.serveurville.test"),
            List.of(),
            Map.of("serveur", new fr.vigie.testbed.Scenario.HostSpec("127.0.0.1", null, null)))),
        List.of());
    try (fr.vigie.testbed.Testbed testbed = fr.vigie.testbed.Testbed.start(scenario, 0, false);
        fr.vigie.store.Store store = fr.vigie.store.Store.open(dir.resolve("scan.db"), true)) {
      fr.vigie.engine.ScanSettings settings = fr.vigie.engine.ScanSettings.builder(List.of())
          .resolvers(List.of(testbed.dnsAddress()))
          .addressPolicy(fr.vigie.net.AddressGuard.Policy.LOOPBACK_ONLY)
          .web(false)
          .tls(false)
          .http(HttpSettings.defaults()
              .withPortMap(Map.of(21, ftp, 22, ssh, 445, smbPort, 6379, redis, 3389, closed)))
          .ports(ServicePorts.parse("21,22,445,6379,3389"))
          .build();
      var outcome = new fr.vigie.engine.ScanEngine(
              settings,
              new fr.vigie.net.DnsjavaClient(settings.resolvers(), Duration.ofSeconds(1), 1, 8),
              Clock.systemUTC())
          .run(testbed.communes(), "test", store, fr.vigie.engine.ScanListener.NONE);

      assertThat(outcome.findings())
          .extracting(f -> f.check() + " " + f.severity().id() + " " + f.asset())
          .contains(
              "service.database.exposed critical 127.0.0.1:6379",
              "service.ftp.cleartext medium 127.0.0.1:21",
              "service.smb.exposed critical 127.0.0.1:445",
              "service.smb.v1 critical 127.0.0.1:445")
          .noneMatch(line -> line.endsWith(":3389"));
      assertThat(outcome.findings())
          .filteredOn(f -> f.check().startsWith("service."))
          .allSatisfy(f -> assertThat(f.evidence()).contains("serveur.serveurville.test"));
    }
  }

  @Test
  void shouldCallAPortWhereNothingListensClosed() throws Exception {
    int port = freePort(); // nothing listens there any more
    Port closed = probe(3389, port, false);
    assertThat(closed.state()).isEqualTo(State.CLOSED);
    assertThat(closed.open()).isFalse();
  }
}
