package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SMB: an SMB2 NEGOTIATE (the dialect and whether signing is required), then an SMB1 one on a
 * fresh connection (whether the server still speaks it).
 */
public final class SmbDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("smb");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    Optional<Reading> smb2 = c.ask(smb2Negotiate()).flatMap(SmbDialect::smb2);
    boolean smb1;
    try {
      smb1 = c.ask(smb1Negotiate()).map(SmbDialect::smb1Accepted).orElse(false);
    } catch (IOException reset) {
      smb1 = false; // servers without SMB1 often just drop the connection
    }
    if (smb2.isEmpty() && !smb1) {
      return null;
    }
    Reading r = smb2.orElse(new Reading("smb", "SMB1 NEGOTIATE accepted", "SMB", "1", Map.of()));
    return r.with(ServiceFact.SMB1, smb1 ? "accepted" : "refused");
  }

  /** NetBIOS session + SMB2 NEGOTIATE offering 2.0.2, 2.1, 3.0 and 3.0.2 (3.1.1 needs contexts). */
  public static byte[] smb2Negotiate() {
    ByteBuffer b = ByteBuffer.allocate(4 + 64 + 36 + 8).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0).put((byte) 0).putShort((short) 0); // NetBIOS length, set below (big endian)
    b.put(new byte[] {(byte) 0xfe, 'S', 'M', 'B'})
        .putShort((short) 64)
        .putShort((short) 0)
        .putInt(0); // header, credit charge, status
    b.putShort((short) 0)
        .putShort((short) 1)
        .putInt(0)
        .putInt(0)
        .putLong(0)
        .putInt(0)
        .putInt(0)
        .putLong(0); // command NEGOTIATE
    b.put(new byte[16]); // signature
    b.putShort((short) 36)
        .putShort((short) 4)
        .putShort((short) 1)
        .putShort((short) 0)
        .putInt(0); // size, dialects, signing enabled
    b.put(new byte[16]); // client guid
    b.putLong(0); // client start time
    b.putShort((short) 0x0202).putShort((short) 0x0210).putShort((short) 0x0300).putShort((short)
        0x0302);
    byte[] out = b.array();
    int length = out.length - 4;
    out[2] = (byte) (length >> 8);
    out[3] = (byte) length;
    return out;
  }

  /** NetBIOS session + SMB1 NEGOTIATE offering only "NT LM 0.12". */
  public static byte[] smb1Negotiate() {
    byte[] dialect = "\u0002NT LM 0.12\u0000".getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(4 + 32 + 3 + dialect.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0);
    b.put(new byte[] {(byte) 0xff, 'S', 'M', 'B', 0x72}).putInt(0); // SMB_COM_NEGOTIATE, status
    b.put((byte) 0x18)
        .putShort((short) 0xc853); // flags, flags2 (unicode, NT status, extended security)
    b.put(new byte[12])
        .putShort((short) 0)
        .putShort((short) 0xfeff)
        .putShort((short) 0)
        .putShort((short) 0); // pid high… tid pid uid mid
    b.put((byte) 0).putShort((short) dialect.length).put(dialect);
    byte[] out = b.array();
    int length = out.length - 4;
    out[2] = (byte) (length >> 8);
    out[3] = (byte) length;
    return out;
  }

  /** An SMB2 NEGOTIATE response: the dialect chosen and whether signing is required. */
  public static Optional<Reading> smb2(byte[] answer) {
    if (answer.length < 4 + 64 + 8
        || (answer[4] & 0xff) != 0xfe
        || answer[5] != 'S'
        || answer[6] != 'M'
        || answer[7] != 'B') {
      return Optional.empty();
    }
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int status = b.getInt(4 + 8);
    if (status != 0) {
      return Optional.of(
          Reading.of("smb", "SMB2 NEGOTIATE refused, status 0x" + Integer.toHexString(status))
              .product("SMB", null));
    }
    int securityMode = b.getShort(4 + 64 + 2) & 0xffff;
    int dialect = b.getShort(4 + 64 + 4) & 0xffff;
    String name = switch (dialect) {
      case 0x0202 -> "2.0.2";
      case 0x0210 -> "2.1";
      case 0x0300 -> "3.0";
      case 0x0302 -> "3.0.2";
      case 0x0311 -> "3.1.1";
      default -> "0x" + Integer.toHexString(dialect);
    };
    return Optional.of(Reading.of(
            "smb",
            // The protocol's own field names (MS-SMB2 2.2.4): a transcript, not a sentence, so
            // that it reads the same in a French report and an English one.
            "SMB2 NEGOTIATE: DialectRevision=" + name + " SecurityMode="
                + ((securityMode & 0x02) != 0 ? "SIGNING_REQUIRED" : "SIGNING_ENABLED"))
        .product("SMB", name)
        .with(ServiceFact.SIGNING, (securityMode & 0x02) != 0 ? "required" : "not-required"));
  }

  /** Whether an answer to the SMB1 NEGOTIATE accepted SMB1 (status 0 and a dialect chosen). */
  public static boolean smb1Accepted(byte[] answer) {
    if (answer.length < 4 + 32 + 3
        || (answer[4] & 0xff) != 0xff
        || answer[5] != 'S'
        || answer[6] != 'M'
        || answer[7] != 'B') {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(answer).order(ByteOrder.LITTLE_ENDIAN);
    int status = b.getInt(4 + 5);
    int words = answer[4 + 32] & 0xff;
    int dialectIndex = b.getShort(4 + 33) & 0xffff;
    return status == 0 && words > 0 && dialectIndex != 0xffff;
  }
}
