package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/** RDP: an X.224 Connection Request with a negotiation request (RFC 905, MS-RDPBCGR). */
public final class RdpDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("rdp");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(RDP_REQUEST).flatMap(RdpDialect::rdp).orElse(null);
  }

  /**
   * An X.224 Connection Request carrying an RDP negotiation request for TLS only
   * (PROTOCOL_SSL): a server that demands NLA answers with HYBRID_REQUIRED_BY_SERVER.
   */
  public static final byte[] RDP_REQUEST = {
    0x03,
    0x00,
    0x00,
    0x13, // TPKT, length 19
    0x0e,
    (byte) 0xe0,
    0x00,
    0x00,
    0x00,
    0x00,
    0x00, // X.224 CR
    0x01,
    0x00,
    0x08,
    0x00,
    0x01,
    0x00,
    0x00,
    0x00 // RDP_NEG_REQ, PROTOCOL_SSL
  };

  /** The Connection Confirm and the negotiation response or failure that follows it. */
  public static Optional<Reading> rdp(byte[] answer) {
    if (answer.length < 11
        || answer[0] != 0x03
        || answer[1] != 0x00
        || (answer[5] & 0xf0) != 0xd0) {
      return Optional.empty();
    }
    Reading r = Reading.of("rdp", "X.224 Connection Confirm").product("RDP", null);
    if (answer.length >= 19) {
      int type = answer[11] & 0xff;
      int value = ByteBuffer.wrap(answer, 15, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (type == 0x02) {
        String selected = switch (value) {
          case 0 -> "standard RDP security";
          case 1 -> "TLS";
          case 2 -> "CredSSP (NLA)";
          case 8 -> "CredSSP with early user authorisation";
          default -> "protocol " + value;
        };
        return Optional.of(r.with(ServiceFact.SELECTED, selected)
            .with(ServiceFact.NLA, value == 2 || value == 8 ? "required" : "not-required"));
      }
      if (type == 0x03) {
        // 5: HYBRID_REQUIRED_BY_SERVER; 1 SSL_REQUIRED; 2 SSL_NOT_ALLOWED; 3 SSL_CERT_NOT_ON_SERVER
        return Optional.of(r.with(ServiceFact.FAILURE, String.valueOf(value))
            .with(ServiceFact.NLA, value == 5 ? "required" : "unknown"));
      }
    }
    return Optional.of(r.with(ServiceFact.NLA, "not-required")
        .with(ServiceFact.SELECTED, "standard RDP security"));
  }
}
