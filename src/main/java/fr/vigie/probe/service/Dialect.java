package fr.vigie.probe.service;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One service protocol: the safe exchange that identifies it (request, parser, follow-up) and
 * the facts it establishes. One class per protocol, listed in {@link Dialects}; {@code
 * ports.yaml} may only name the protocols listed there.
 */
public interface Dialect {

  /** The protocol names of the port list this dialect identifies ({@code pop3}, {@code pop3s}). */
  List<String> names();

  /** What listens, through the conversation; null when the answer is not this protocol. */
  Reading identify(Conversation c) throws IOException;

  /** Whether a banner a port sent unasked is this protocol (ports of no known protocol). */
  default Optional<Reading> recognise(byte[] unsolicited) {
    return Optional.empty();
  }
}
