package fr.vigie.net;

import fr.vigie.observation.ZoneTransferResult;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One AXFR attempt (RFC 5936) on one name server: a single TCP exchange bounded by a total
 * deadline and a record cap, so that a server streaming a huge zone, or dripping it, costs at
 * most that. A server that hands a commune's zone to anyone is what is being tested; nothing is
 * stored but the owner names. Thread-safe; one transfer at a time per server address, because
 * a sweep asks the same hosting provider's name servers for hundreds of zones.
 */
public final class ZoneTransfer implements ZoneTransfers {

  /** Records read before stopping: a commune's zone has dozens, a provider's thousands. */
  static final int MAX_RECORDS = 5_000;

  private final Duration timeout;
  private final Map<Integer, Integer> portMap;
  private final Map<InetAddress, Semaphore> perServer = new ConcurrentHashMap<>();

  /**
   * @param timeout the whole exchange, connection included
   * @param portMap port to connect to instead of 53 (the testbed serves DNS on a high port)
   */
  public ZoneTransfer(Duration timeout, Map<Integer, Integer> portMap) {
    this.timeout = timeout;
    this.portMap = Map.copyOf(portMap);
  }

  @Override
  public ZoneTransferResult transfer(String zone, String server, InetAddress address)
      throws InterruptedException {
    Semaphore permit = perServer.computeIfAbsent(address, a -> new Semaphore(1));
    permit.acquire();
    try {
      return exchange(zone, server, address);
    } finally {
      permit.release();
    }
  }

  private ZoneTransferResult exchange(String zone, String server, InetAddress address) {
    Name origin;
    try {
      origin = Name.fromString(zone.endsWith(".") ? zone : zone + ".");
    } catch (TextParseException e) {
      return new ZoneTransferResult.NotAsked(server, "not a zone name");
    }
    Message query = Message.newQuery(Record.newRecord(origin, Type.AXFR, DClass.IN));
    int id = query.getHeader().getID();
    byte[] wire = query.toWire();
    Set<String> names = new LinkedHashSet<>();
    int records = 0;
    int soas = 0;
    try (Socket socket = new Socket();
        Deadline deadline = Deadline.closing(socket, timeout)) {
      socket.setTcpNoDelay(true);
      socket.connect(
          new InetSocketAddress(address, portMap.getOrDefault(53, 53)), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeShort(wire.length);
      out.write(wire);
      out.flush();
      DataInputStream in = new DataInputStream(deadline.guard(socket.getInputStream()));
      while (true) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException closed) {
          return records == 0
              ? new ZoneTransferResult.Declined(server, "closed without answering")
              : new ZoneTransferResult.Transferred(server, names, records, true);
        }
        Message m = new Message(in.readNBytes(length));
        if (m.getHeader().getID() != id) {
          return new ZoneTransferResult.Declined(server, "answer to another query");
        }
        int rcode = m.getHeader().getRcode();
        if (rcode != Rcode.NOERROR) {
          return records == 0
              ? new ZoneTransferResult.Declined(server, Rcode.string(rcode))
              : new ZoneTransferResult.Transferred(server, names, records, true);
        }
        List<Record> answer = m.getSection(Section.ANSWER);
        if (answer.isEmpty() && records == 0) {
          return new ZoneTransferResult.Declined(server, "empty answer");
        }
        for (Record r : answer) {
          if (records == 0 && r.getType() != Type.SOA) {
            return new ZoneTransferResult.Declined(
                server, "answer does not start with the zone's SOA");
          }
          records++;
          if (r.getType() == Type.SOA && ++soas == 2) {
            return new ZoneTransferResult.Transferred(server, names, records, false);
          }
          if (r.getName().subdomain(origin)) {
            names.add(r.getName().toString(true).toLowerCase(Locale.ROOT));
          }
          if (records >= MAX_RECORDS) {
            return new ZoneTransferResult.Transferred(server, names, records, true);
          }
        }
      }
    } catch (ConnectException e) {
      return new ZoneTransferResult.NoAnswer(server, "connection refused");
    } catch (SocketTimeoutException e) {
      return records == 0
          ? new ZoneTransferResult.NoAnswer(server, "timeout after " + timeout.toSeconds() + " s")
          : new ZoneTransferResult.Transferred(server, names, records, true);
    } catch (IOException e) {
      if (records > 0) {
        return new ZoneTransferResult.Transferred(server, names, records, true);
      }
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new ZoneTransferResult.NoAnswer(server, reason);
    }
  }
}
