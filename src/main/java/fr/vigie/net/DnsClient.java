package fr.vigie.net;

import fr.vigie.observation.DnsAnswer;

/**
 * Asks one DNS question. Implementations are thread-safe, bound their own time (timeout and
 * retries) and never throw for a network outcome: timeouts and errors are {@link DnsAnswer}s.
 */
public interface DnsClient {

  /**
   * @param name a fully qualified ASCII name, with or without the trailing dot
   * @param type a record type name: A, AAAA, CNAME, MX, NS, TXT, CAA, SOA, DS, DNSKEY
   */
  DnsAnswer query(String name, String type);
}
