package fr.vigie.probe.service;

import fr.vigie.probe.ServicePorts;
import java.io.IOException;
import java.util.Optional;

/**
 * What a dialect may do with the port it identifies: each call is a new connection under the
 * probe's deadline, byte cap and politeness. The service probe implements it; the dialects never
 * open a socket themselves.
 */
public interface Conversation {

  /** The port, and the protocol the port list expects there. */
  ServicePorts.Spec spec();

  /** The name to send where a protocol names the server (HTTP Host, TLS SNI). */
  String hostHeader();

  /** What the server sends first, unasked; empty when it says nothing. */
  Optional<byte[]> passive() throws IOException;

  /** One request, one answer; empty when nothing came back. */
  Optional<byte[]> ask(byte[] request) throws IOException;

  /** One more request whose answer is not kept for the fallback guess (a follow-up). */
  Optional<byte[]> askAgain(byte[] request) throws IOException;

  /** A connection for a dialogue of several steps. */
  Exchange open() throws IOException;
}
