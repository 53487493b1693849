package fr.vigie.check.service;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.check.Check;
import fr.vigie.check.CheckContract;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.ServiceObservation.Port;
import fr.vigie.observation.ServiceObservation.State;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceCheckTest extends CheckContract<ServiceObservation> {

  @Override
  protected Check<ServiceObservation> check() {
    return CHECK;
  }

  /** A database that asks for no password is critical, one that does is high. */
  @Override
  protected Set<String> severityVaries() {
    return Set.of(ServiceCheck.DATABASE);
  }

  private static ServiceObservation on(List<String> mx, Port... ports) {
    return new ServiceObservation("203.0.113.7", List.of("www.mairie.fr"), mx, List.of(ports));
  }

  private static ServiceObservation one(Port port) {
    return on(List.of(), port);
  }

  private static ServiceObservation closed(int port, String protocol) {
    return one(new Port(port, State.CLOSED, protocol, null, null, "", Map.of()));
  }

  @Override
  protected List<Example<ServiceObservation>> examples() {
    Port smb = open(445, "smb", "SMB", "3.0.2", "SMB2 NEGOTIATE", Map.of("smb1", "refused"));
    return List.of(
        new Example<>(
            ServiceCheck.RDP,
            one(open(3389, "rdp", "RDP", null, "X.224 Connection Confirm", Map.of())),
            closed(3389, "rdp")),
        new Example<>(ServiceCheck.SMB, one(smb), closed(445, "smb")),
        new Example<>(
            ServiceCheck.SMB1,
            one(open(445, "smb", "SMB", "3.0.2", "SMB2 NEGOTIATE", Map.of("smb1", "accepted"))),
            one(smb)),
        new Example<>(
            ServiceCheck.DATABASE,
            one(open(6379, "redis", "Redis", null, "+PONG", Map.of("auth", "none"))),
            // Open but not identified: nothing said of what it is.
            one(open(6379, "unknown", null, null, "\u0001", Map.of()))),
        new Example<>(
            ServiceCheck.VNC,
            one(open(5900, "vnc", "VNC", "003.008", "RFB 003.008", Map.of("auth", "required"))),
            closed(5900, "vnc")),
        new Example<>(
            ServiceCheck.VNC_NO_AUTH,
            one(open(5900, "vnc", "VNC", "003.008", "RFB 003.008", Map.of("auth", "none"))),
            one(open(5900, "vnc", "VNC", "003.008", "RFB 003.008", Map.of("auth", "required")))),
        new Example<>(
            ServiceCheck.TELNET,
            one(open(23, "telnet", null, null, "IAC DO", Map.of())),
            new ServiceObservation(
                "203.0.113.7",
                List.of("www.mairie.fr"),
                List.of(),
                List.of(new Port(23, State.FILTERED, "telnet", null, null, "", Map.of())))),
        new Example<>(
            ServiceCheck.FTP,
            one(open(21, "ftp", "vsFTPd", "3.0.3", "220 (vsFTPd 3.0.3)", Map.of())),
            closed(21, "ftp")),
        new Example<>(
            ServiceCheck.FTP_ANONYMOUS,
            one(open(21, "ftp", "vsFTPd", "3.0.3", "220", Map.of("anonymous", "allowed"))),
            one(open(21, "ftp", "vsFTPd", "3.0.3", "220", Map.of("anonymous", "refused")))),
        new Example<>(
            ServiceCheck.WINRM,
            one(open(5985, "winrm", "WinRM", null, "HTTP/1.1 405", Map.of())),
            closed(5985, "winrm")),
        new Example<>(
            ServiceCheck.NFS,
            one(open(2049, "nfs", "NFS", null, "RPC reply", Map.of())),
            closed(2049, "nfs")),
        new Example<>(
            ServiceCheck.SSH_OUTDATED,
            one(open(22, "ssh", "OpenSSH", "7.4", "SSH-2.0-OpenSSH_7.4", Map.of())),
            one(open(22, "ssh", "OpenSSH", "9.9", "SSH-2.0-OpenSSH_9.9", Map.of()))),
        new Example<>(
            ServiceCheck.STARTTLS,
            on(
                List.of("mx.mairie.fr"),
                open(
                    25,
                    "smtp",
                    "Postfix",
                    null,
                    "220 mx ESMTP Postfix",
                    Map.of("starttls", "missing"))),
            on(
                List.of("mx.mairie.fr"),
                open(25, "smtp", "Postfix", null, "220", Map.of("starttls", "offered")))));
  }

  private static final ServiceCheck CHECK = new ServiceCheck();

  private static List<Finding> run(List<String> mx, Port... ports) {
    return CHECK.evaluate(
        new ServiceObservation("203.0.113.7", List.of("www.mairie.fr"), mx, List.of(ports)));
  }

  private static Port open(
      int port,
      String protocol,
      String product,
      String version,
      String banner,
      Map<String, String> facts) {
    return new Port(port, State.OPEN, protocol, product, version, banner, facts);
  }

  @Test
  void shouldSayNothingOfClosedFilteredOrUnidentifiedPorts() {
    assertThat(run(
            List.of(),
            new Port(3389, State.CLOSED, "rdp", null, null, "", Map.of()),
            new Port(445, State.FILTERED, "smb", null, null, "", Map.of()),
            open(8080, "unknown", null, null, "\u0001\u0002", Map.of())))
        .isEmpty();
  }

  @Test
  void shouldRaiseRdpAndSmbAsCriticalWithTheAnswerAsEvidence() {
    List<Finding> f = run(
        List.of(),
        open(
            3389,
            "rdp",
            "RDP",
            null,
            "X.224 Connection Confirm",
            Map.of("nla", "not-required", "selected", "TLS")),
        open(
            445,
            "smb",
            "SMB",
            "3.0.2",
            "SMB2 NEGOTIATE: dialect 3.0.2",
            Map.of("smb1", "accepted", "signing", "not-required")));
    assertThat(f)
        .extracting(Finding::check, Finding::severity, Finding::asset)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "service.rdp.exposed", Severity.CRITICAL, "203.0.113.7:3389"),
            org.assertj.core.groups.Tuple.tuple(
                "service.smb.exposed", Severity.CRITICAL, "203.0.113.7:445"),
            org.assertj.core.groups.Tuple.tuple(
                "service.smb.v1", Severity.CRITICAL, "203.0.113.7:445"));
    assertThat(f.get(0).evidence())
        .contains("www.mairie.fr", "X.224 Connection Confirm", "nla=not-required");
  }

  @Test
  void shouldNotSaySmb1WhenTheServerRefusedIt() {
    assertThat(run(List.of(), open(445, "smb", "SMB", "3.0.2", "", Map.of("smb1", "refused"))))
        .extracting(Finding::check)
        .containsExactly("service.smb.exposed");
  }

  @Test
  void shouldMakeADatabaseWithoutAuthenticationCritical() {
    List<Finding> f = run(
        List.of(),
        open(6379, "redis", "Redis", null, "+PONG", Map.of("auth", "none")),
        open(
            6380,
            "redis",
            "Redis",
            null,
            "-NOAUTH Authentication required.",
            Map.of("auth", "required")),
        open(3306, "mysql", "MariaDB", "10.11.19", "protocol 10", Map.of()));
    assertThat(f)
        .extracting(Finding::check, Finding::severity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("service.database.exposed", Severity.CRITICAL),
            org.assertj.core.groups.Tuple.tuple("service.database.exposed", Severity.HIGH),
            org.assertj.core.groups.Tuple.tuple("service.database.exposed", Severity.HIGH));
  }

  @Test
  void shouldTellVncWithoutPasswordAndAnonymousFtp() {
    assertThat(run(
            List.of(),
            open(
                5900,
                "vnc",
                "VNC",
                "003.008",
                "RFB 003.008",
                Map.of("auth", "none", "security-types", "1,2"))))
        .extracting(Finding::check)
        .containsExactly("service.vnc.exposed", "service.vnc.no-auth");
    assertThat(run(
            List.of(),
            open(
                21,
                "ftp",
                "vsFTPd",
                "3.0.3",
                "220 (vsFTPd 3.0.3)",
                Map.of("anonymous", "allowed"))))
        .extracting(Finding::check)
        .containsExactly("service.ftp.cleartext", "service.ftp.anonymous");
    assertThat(run(List.of(), open(21, "ftp", "vsFTPd", "3.0.3", "220 (vsFTPd 3.0.3)", Map.of())))
        .extracting(Finding::check)
        .containsExactly("service.ftp.cleartext");
  }

  @Test
  void shouldSayOldOpenSshWithTheDistributionCaveat() {
    assertThat(run(List.of(), open(22, "ssh", "OpenSSH", "9.9", "SSH-2.0-OpenSSH_9.9", Map.of())))
        .isEmpty();
    Finding old = run(
            List.of(),
            open(
                22,
                "ssh",
                "OpenSSH",
                "9.2p1",
                "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u2",
                Map.of("packaged", "Debian-2+deb12u2")))
        .get(0);
    assertThat(old.check()).isEqualTo("service.ssh.outdated");
    assertThat(old.evidence()).contains("CVE-2024-6387", "Debian-2+deb12u2", "check its changelog");
    assertThat(run(List.of(), open(22, "ssh", "OpenSSH", "7.4", "SSH-2.0-OpenSSH_7.4", Map.of())))
        .extracting(Finding::check)
        .containsExactly("service.ssh.outdated");
  }

  @Test
  void shouldNotSayOutdatedOfADistributionBuildKnownToCarryTheFix() {
    // Debian DSA-5724-1: 1:9.2p1-2+deb12u3 fixed CVE-2024-6387; the captured Debian 12 banner is
    // deb12u10.
    assertThat(run(
            List.of(),
            open(
                22,
                "ssh",
                "OpenSSH",
                "9.2p1",
                "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10",
                Map.of("packaged", "Debian-2+deb12u10"))))
        .isEmpty();
    assertThat(run(
            List.of(),
            open(
                22,
                "ssh",
                "OpenSSH",
                "9.2p1",
                "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3",
                Map.of("packaged", "Debian-2+deb12u3"))))
        .isEmpty();
    assertThat(run(
            List.of(),
            open(
                22,
                "ssh",
                "OpenSSH",
                "8.9p1",
                "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10",
                Map.of("packaged", "Ubuntu-3ubuntu0.10"))))
        .isEmpty();
    assertThat(run(
            List.of(),
            open(
                22,
                "ssh",
                "OpenSSH",
                "8.9p1",
                "SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6",
                Map.of("packaged", "Ubuntu-3ubuntu0.6"))))
        .hasSize(1);
  }

  @Test
  void shouldSayMissingStartTlsOnlyOnPort25OfAnMx() {
    Port plain =
        open(25, "smtp", "Postfix", null, "220 mx ESMTP Postfix", Map.of("starttls", "missing"));
    assertThat(run(List.of("mx.mairie.fr"), plain))
        .extracting(Finding::check)
        .containsExactly("mail.starttls.missing");
    assertThat(run(List.of(), plain)).isEmpty();
    assertThat(run(
            List.of("mx.mairie.fr"),
            open(25, "smtp", "Postfix", null, "220", Map.of("starttls", "offered"))))
        .isEmpty();
  }

  @Test
  void shouldKeepTheSameKeyWhenTheBannerChanges() {
    Finding a = run(
            List.of(),
            open(3389, "rdp", "RDP", null, "X.224 Connection Confirm", Map.of("nla", "required")))
        .get(0);
    Finding b = run(
            List.of(),
            open(
                3389,
                "rdp",
                "RDP",
                null,
                "X.224 Connection Confirm",
                Map.of("nla", "not-required")))
        .get(0);
    assertThat(a.key()).isEqualTo(b.key());
  }
}
