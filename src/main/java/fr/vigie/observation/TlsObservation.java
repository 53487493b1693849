package fr.vigie.observation;

import java.util.List;
import java.util.Optional;

/**
 * What the TLS probe saw on one host and port: each protocol version offered alone (accepted or
 * refused, with the alert), each weak suite family offered alone, forward secrecy, secure
 * renegotiation, and the chain the server presented. Everything here came from the server.
 *
 * @param address the address connected to
 * @param error why nothing could be learnt (connection refused, no answer), or null
 * @param versions one result per protocol version tried
 * @param weakFamilies one result per weak family tried (at the best version up to TLS 1.2)
 * @param forwardSecrecy true, false, or null when it could not be told
 * @param secureRenegotiation the RFC 5746 extension in a TLS 1.2-or-older handshake; null when no
 *     such handshake completed (TLS 1.3 has no renegotiation)
 * @param chain PEM, leaf first, as sent
 * @param handshakes how many connections the probe made
 * @param incomplete what kept the probe from seeing everything although the server answered
 *     ({@code oversized: a handshake message of 1153433 bytes, over the 256 KiB limit}), or null
 * @param measuredOn the name whose handshakes measured the versions, families, forward secrecy
 *     and renegotiation given here, when it is not this one: a name on the same address and port
 *     that presented the same certificate (one server configuration); this name's own handshake
 *     gave its chain. Null when everything was measured on this name.
 */
public record TlsObservation(
    String host,
    String address,
    int port,
    String error,
    List<VersionResult> versions,
    List<FamilyResult> weakFamilies,
    Boolean forwardSecrecy,
    Boolean secureRenegotiation,
    List<String> chain,
    int handshakes,
    String incomplete,
    List<IssuerLookup> issuers,
    String measuredOn) {

  public TlsObservation(
      String host,
      String address,
      int port,
      String error,
      List<VersionResult> versions,
      List<FamilyResult> weakFamilies,
      Boolean forwardSecrecy,
      Boolean secureRenegotiation,
      List<String> chain,
      int handshakes) {
    this(
        host,
        address,
        port,
        error,
        versions,
        weakFamilies,
        forwardSecrecy,
        secureRenegotiation,
        chain,
        handshakes,
        (String) null);
  }

  public TlsObservation(
      String host,
      String address,
      int port,
      String error,
      List<VersionResult> versions,
      List<FamilyResult> weakFamilies,
      Boolean forwardSecrecy,
      Boolean secureRenegotiation,
      List<String> chain,
      int handshakes,
      String incomplete) {
    this(
        host,
        address,
        port,
        error,
        versions,
        weakFamilies,
        forwardSecrecy,
        secureRenegotiation,
        chain,
        handshakes,
        incomplete,
        null,
        null);
  }

  public TlsObservation {
    versions = versions == null ? List.of() : List.copyOf(versions);
    weakFamilies = weakFamilies == null ? List.of() : List.copyOf(weakFamilies);
    chain = chain == null ? List.of() : List.copyOf(chain);
    issuers = issuers == null ? List.of() : List.copyOf(issuers);
  }

  /** The same observation with how the issuers the server did not send were looked for. */
  public TlsObservation withIssuers(List<IssuerLookup> lookups) {
    return new TlsObservation(
        host,
        address,
        port,
        error,
        versions,
        weakFamilies,
        forwardSecrecy,
        secureRenegotiation,
        chain,
        handshakes,
        incomplete,
        lookups,
        measuredOn);
  }

  /**
   * @param version {@code SSLv3}, {@code TLSv1}, {@code TLSv1.1}, {@code TLSv1.2}, {@code TLSv1.3}
   * @param suite the suite the server chose, when accepted
   * @param detail how it was refused: the alert received, "connection closed", "timeout"
   */
  public record VersionResult(String version, boolean accepted, String suite, String detail) {}

  /**
   * @param family {@code RC4}, {@code 3DES}, {@code NULL}, {@code EXPORT}, {@code anon}
   * @param version the version offered with it
   */
  public record FamilyResult(
      String family, String version, boolean accepted, String suite, String detail) {}

  public boolean answered() {
    return error == null;
  }

  public Optional<VersionResult> version(String name) {
    return versions.stream().filter(v -> v.version().equals(name)).findFirst();
  }

  public boolean accepts(String version) {
    return version(version).map(VersionResult::accepted).orElse(false);
  }

  public List<String> acceptedVersions() {
    return versions.stream()
        .filter(VersionResult::accepted)
        .map(VersionResult::version)
        .toList();
  }
}
