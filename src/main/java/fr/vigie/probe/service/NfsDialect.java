package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** NFS: an ONC RPC NULL call. */
public final class NfsDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("nfs");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    return c.ask(NFS_NULL_CALL).flatMap(NfsDialect::nfs).orElse(null);
  }

  /** An ONC RPC NULL call to the NFS program (100003, version 3): harmless, answered by any NFS server. */
  public static final byte[] NFS_NULL_CALL = {
    (byte) 0x80,
    0x00,
    0x00,
    0x28, // record mark: last fragment, 40 bytes
    0x76,
    0x69,
    0x67,
    0x31, // xid "vig1"
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    2, // CALL, RPC version 2
    0,
    1,
    (byte) 0x86,
    (byte) 0xa3,
    0,
    0,
    0,
    3,
    0,
    0,
    0,
    0, // program 100003, version 3, procedure NULL
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0 // AUTH_NONE credentials and verifier
  };

  /** A reply with our xid. */
  public static Optional<Reading> nfs(byte[] answer) {
    if (answer.length >= 16
        && answer[4] == 0x76
        && answer[5] == 0x69
        && answer[6] == 0x67
        && answer[7] == 0x31
        && answer[11] == 1) {
      return Optional.of(
          Reading.of("nfs", "RPC NULL to program 100003 answered").product("NFS", null));
    }
    return Optional.empty();
  }
}
