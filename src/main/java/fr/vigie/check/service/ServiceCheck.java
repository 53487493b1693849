package fr.vigie.check.service;

import fr.vigie.check.BaseCheck;
import fr.vigie.coverage.Question;
import fr.vigie.fingerprint.Version;
import fr.vigie.model.Evidence;
import fr.vigie.model.Finding;
import fr.vigie.model.Severity;
import fr.vigie.observation.Asset;
import fr.vigie.observation.ServiceFact;
import fr.vigie.observation.ServiceObservation;
import fr.vigie.observation.ServiceObservation.Port;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Services open to the internet that ransomware crews look for first, judged from what the safe
 * exchange of the port probe proved: the protocol must have answered as itself (an open port that
 * says nothing known raises nothing). The asset is {@code address:port}, so a service that opens
 * tonight is a new finding tomorrow morning.
 */
public final class ServiceCheck extends BaseCheck<ServiceObservation> {

  public static final String RDP = "service.rdp.exposed";
  public static final String SMB = "service.smb.exposed";
  public static final String SMB1 = "service.smb.v1";
  public static final String DATABASE = "service.database.exposed";
  public static final String VNC = "service.vnc.exposed";
  public static final String VNC_NO_AUTH = "service.vnc.no-auth";
  public static final String TELNET = "service.telnet.exposed";
  public static final String FTP = "service.ftp.cleartext";
  public static final String FTP_ANONYMOUS = "service.ftp.anonymous";
  public static final String WINRM = "service.winrm.exposed";
  public static final String NFS = "service.nfs.exposed";
  public static final String SSH_OUTDATED = "service.ssh.outdated";
  public static final String STARTTLS = "mail.starttls.missing";

  private static final Set<String> DATABASES = Set.of(
      "mysql", "postgresql", "mssql", "oracle", "mongodb", "redis", "elasticsearch", "memcached");

  /**
   * OpenSSH 9.8 (2024-07-01) fixed CVE-2024-6387 ("regreSSHion"), an unauthenticated remote code
   * execution in 8.5p1 to 9.7p1 (and before 4.4p1); older releases also miss the fixes of 9.3p2
   * (CVE-2023-38408) and 9.6 (Terrapin, CVE-2023-48795).
   */
  static final Version OPENSSH_MINIMUM = Version.of("9.8");

  public ServiceCheck() {
    super(
        ServiceObservation.class,
        RDP,
        SMB,
        SMB1,
        DATABASE,
        VNC,
        VNC_NO_AUTH,
        TELNET,
        FTP,
        FTP_ANONYMOUS,
        WINRM,
        NFS,
        SSH_OUTDATED,
        STARTTLS);
  }

  @Override
  public List<Finding> evaluate(ServiceObservation o) {
    List<Finding> out = new ArrayList<>();
    for (Port p : o.ports()) {
      if (!p.open()) {
        continue;
      }
      String asset = Asset.address(o.address(), p.port());
      Evidence proof = evidence(o, p);
      switch (p.protocol()) {
        case "rdp" -> out.add(finding(RDP, asset, "rdp", proof));
        case "smb" -> {
          out.add(finding(SMB, asset, "smb", proof));
          if (p.is(ServiceFact.SMB1, "accepted")) {
            out.add(finding(SMB1, asset, "smb1", proof));
          }
        }
        case "vnc" -> {
          out.add(finding(VNC, asset, "vnc", proof));
          if (p.is(ServiceFact.AUTH, "none")) {
            out.add(finding(VNC_NO_AUTH, asset, "vnc", proof));
          }
        }
        case "telnet" -> out.add(finding(TELNET, asset, "telnet", proof));
        case "ftp" -> {
          out.add(finding(FTP, asset, "ftp", proof));
          if (p.is(ServiceFact.ANONYMOUS, "allowed")) {
            out.add(finding(FTP_ANONYMOUS, asset, "ftp", proof));
          }
        }
        case "winrm", "winrms" -> out.add(finding(WINRM, asset, p.protocol(), proof));
        case "nfs" -> out.add(finding(NFS, asset, "nfs", proof));
        case "ssh" ->
          sshOutdated(p)
              .ifPresent(reason -> out.add(finding(
                  SSH_OUTDATED,
                  asset,
                  "ssh",
                  Evidence.of(
                      "service.ssh.outdated",
                      "service",
                      proof,
                      "version",
                      p.version(),
                      "package",
                      reason))));
        case "smtp" -> {
          if (p.port() == 25
              && p.is(ServiceFact.STARTTLS, "missing")
              && !o.mxHosts().isEmpty()) {
            out.add(finding(
                STARTTLS, asset, "smtp", Evidence.of("service.smtp.starttls", "service", proof)));
          }
        }
        default -> {
          if (DATABASES.contains(p.protocol())) {
            // Without authentication, anyone can read, wipe or ransom the data: critical.
            Severity s = p.is(ServiceFact.AUTH, "none") ? Severity.CRITICAL : Severity.HIGH;
            out.add(finding(DATABASE, s, asset, p.protocol(), proof));
          }
        }
      }
    }
    return out;
  }

  /** A distribution build of OpenSSH known to carry the fixes (openssh-packages.yaml). */
  record FixedBuild(String version, Pattern banner, int minimum, String source) {}

  private record FixedData(String version, String banner, int minimum, String source) {}

  private record FixedFile(List<FixedData> packages) {}

  static final List<FixedBuild> FIXED_BUILDS = loadFixedBuilds();

  private static List<FixedBuild> loadFixedBuilds() {
    try (InputStream in =
        ServiceCheck.class.getResourceAsStream("/fr/vigie/checks/openssh-packages.yaml")) {
      if (in == null) {
        throw new IllegalStateException("missing resource openssh-packages.yaml");
      }
      FixedFile f = new com.fasterxml.jackson.databind.ObjectMapper(
              new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
          .readValue(in, FixedFile.class);
      return f.packages().stream()
          .map(d ->
              new FixedBuild(d.version(), Pattern.compile(d.banner()), d.minimum(), d.source()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read openssh-packages.yaml", e);
    }
  }

  /** The advisory of the fixed distribution build this banner shows, if it shows one. */
  static Optional<String> fixedBuild(String version, String packaged) {
    if (packaged == null) {
      return Optional.empty();
    }
    for (FixedBuild b : FIXED_BUILDS) {
      Matcher m = b.banner().matcher(packaged);
      if (b.version().equals(version)
          && m.find()
          && Integer.parseInt(m.group("revision")) >= b.minimum()) {
        return Optional.of(b.source());
      }
    }
    return Optional.empty();
  }

  /**
   * Present when the banner gives an OpenSSH older than 9.8 without a fixed distribution build:
   * the caveat to add when the banner names a package (an empty text when it names none).
   */
  private static Optional<Evidence> sshOutdated(Port p) {
    if (!"OpenSSH".equals(p.product()) || p.version() == null) {
      return Optional.empty();
    }
    Version v = Version.parse(p.version());
    if (v == null
        || v.compareTo(OPENSSH_MINIMUM) >= 0
        || fixedBuild(p.version(), p.fact(ServiceFact.PACKAGED)).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        p.fact(ServiceFact.PACKAGED) == null
            ? Evidence.verbatim("")
            : Evidence.of("service.ssh.package", "package", p.fact(ServiceFact.PACKAGED)));
  }

  private static Evidence evidence(ServiceObservation o, Port p) {
    List<String> facts = p.facts().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .toList();
    return Evidence.of(
        "service.open",
        "protocol",
        p.protocol(),
        "address",
        Asset.address(o.address(), p.port()),
        "hosts",
        o.hosts().isEmpty()
            ? null
            : Evidence.of(
                "service.hosts",
                "hosts",
                List.copyOf(o.hosts().subList(0, Math.min(3, o.hosts().size()))),
                "more",
                o.hosts().size() > 3 ? ", …" : null),
        "product",
        p.product() == null
            ? null
            : Evidence.of(
                "service.product",
                "product",
                p.product(),
                "version",
                p.version() == null ? null : " " + p.version()),
        "banner",
        p.banner().isEmpty() ? null : Evidence.of("service.banner", "banner", p.banner()),
        "facts",
        facts.isEmpty() ? null : Evidence.of("service.facts", "facts", facts));
  }

  /** Raised and cleared by the port probe of address:port. */
  @Override
  public Question question(Finding f) {
    return Question.port(f.asset());
  }
}
