package fr.vigie.testbed;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/**
 * The testbed's DNS server: answers from its zones over UDP and TCP on one loopback port, as a
 * recursive resolver would in a world made only of these zones (a name outside them does not
 * exist). CNAMEs are chased across zones, loops stop. Close it.
 */
public final class TestbedDns implements AutoCloseable {

  private static final int MAX_CHASE = 12;

  private final Map<Name, Zone> zones = new HashMap<>();
  /** Zones whose resolver misbehaves: REFUSED, SERVFAIL, or silence. */
  private final Map<Name, String> misbehaving = new ConcurrentHashMap<>();

  private final Set<Name> openTransfers = ConcurrentHashMap.newKeySet();
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean running = true;

  /** Starts on 127.0.0.1 at {@code port} (0: any free port, the same for UDP and TCP). */
  public TestbedDns(List<Zone> zones, int port) throws IOException {
    for (Zone z : zones) {
      this.zones.put(z.getOrigin(), z);
    }
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int attempt = 0; attempt < 20 && t == null; attempt++) {
      u = new DatagramSocket(new InetSocketAddress(loopback, port));
      try {
        t = new ServerSocket(u.getLocalPort(), 128, loopback);
      } catch (IOException busy) {
        u.close();
        if (port != 0) {
          throw busy;
        }
      }
    }
    if (t == null) {
      throw new IOException("no free port for both UDP and TCP on 127.0.0.1");
    }
    this.udp = u;
    this.tcp = t;
    Thread.ofPlatform().daemon(true).name("testbed-dns-udp").start(this::serveUdp);
    Thread.ofPlatform().daemon(true).name("testbed-dns-tcp").start(this::serveTcp);
  }

  /**
   * From now on, questions about this zone get {@code refused} (REFUSED), {@code servfail}
   * (SERVFAIL), {@code truncated} (an empty answer with TC set, over UDP and TCP alike) or
   * {@code silent} (no answer): what a resolver does for a zone it will not or cannot serve.
   */
  public void misbehave(String zone, String mode) {
    try {
      misbehaving.put(Name.fromString(zone.endsWith(".") ? zone : zone + "."), mode);
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalArgumentException("not a zone name: " + zone, e);
    }
  }

  /** From now on, this zone is handed over whole to any AXFR request over TCP. */
  public void openTransfers(String zone) {
    try {
      openTransfers.add(Name.fromString(zone.endsWith(".") ? zone : zone + "."));
    } catch (org.xbill.DNS.TextParseException e) {
      throw new IllegalArgumentException("not a zone name: " + zone, e);
    }
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(udp.getLocalAddress(), udp.getLocalPort());
  }

  public int port() {
    return udp.getLocalPort();
  }

  private void serveUdp() {
    byte[] buffer = new byte[65535];
    while (running) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        udp.receive(packet);
      } catch (IOException e) {
        if (!running) {
          return;
        }
        continue;
      }
      byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
      InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
      workers.submit(() -> {
        try {
          Message query = new Message(data);
          OPTRecord opt = query.getOPT();
          int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
          Message response = answer(query);
          if (response == null) {
            return; // a silent zone
          }
          byte[] out = response.toWire(max);
          udp.send(new DatagramPacket(out, out.length, from));
        } catch (IOException | RuntimeException ignored) {
          // a malformed query gets no answer, as from many real servers
        }
      });
    }
  }

  private void serveTcp() {
    while (running) {
      Socket socket;
      try {
        socket = tcp.accept();
      } catch (IOException e) {
        if (!running) {
          return;
        }
        continue;
      }
      workers.submit(() -> {
        try (Socket s = socket;
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
          s.setSoTimeout(10_000);
          while (true) {
            int length = in.readUnsignedShort();
            byte[] data = in.readNBytes(length);
            Message query = new Message(data);
            if (query.getQuestion() != null
                && query.getQuestion().getType() == org.xbill.DNS.Type.AXFR) {
              for (Message part : transfer(query)) {
                byte[] wire = part.toWire();
                out.writeShort(wire.length);
                out.write(wire);
              }
              out.flush();
              continue;
            }
            Message answered = answer(query);
            if (answered == null) {
              continue; // a silent zone
            }
            byte[] response = answered.toWire();
            out.writeShort(response.length);
            out.write(response);
            out.flush();
          }
        } catch (EOFException | SocketException closed) {
          // the client is done
        } catch (IOException | RuntimeException ignored) {
          // drop the connection
        }
      });
    }
  }

  /**
   * The answer to an AXFR query: the zone in messages of at most 50 records, starting and ending
   * with its SOA (RFC 5936) when transfers of it are open; REFUSED otherwise, as from a name
   * server configured with an allow-transfer list.
   */
  List<Message> transfer(Message query) {
    Name name = query.getQuestion().getName();
    Zone zone = zones.get(name);
    if (zone == null || !openTransfers.contains(name)) {
      Message refused = new Message(query.getHeader().getID());
      refused.getHeader().setFlag(Flags.QR);
      refused.getHeader().setRcode(zone == null ? Rcode.NOTAUTH : Rcode.REFUSED);
      refused.addRecord(query.getQuestion(), Section.QUESTION);
      return List.of(refused);
    }
    List<Record> all = new ArrayList<>();
    for (Iterator<RRset> it = zone.AXFR(); it.hasNext(); ) {
      all.addAll(it.next().rrs());
    }
    List<Message> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += 50) {
      Message m = new Message(query.getHeader().getID());
      m.getHeader().setFlag(Flags.QR);
      m.getHeader().setFlag(Flags.AA);
      if (from == 0) {
        m.addRecord(query.getQuestion(), Section.QUESTION);
      }
      for (Record r : all.subList(from, Math.min(all.size(), from + 50))) {
        m.addRecord(r, Section.ANSWER);
      }
      out.add(m);
    }
    return out;
  }

  /** The answer to a query, or null for no answer at all (a silent zone). */
  Message answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.RA);
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    Record question = query.getQuestion();
    if (question == null) {
      response.getHeader().setRcode(Rcode.FORMERR);
      return response;
    }
    response.addRecord(question, Section.QUESTION);
    Name name = question.getName();
    for (Map.Entry<Name, String> bad : misbehaving.entrySet()) {
      if (name.subdomain(bad.getKey())) {
        switch (bad.getValue()) {
          case "refused" -> response.getHeader().setRcode(Rcode.REFUSED);
          case "servfail" -> response.getHeader().setRcode(Rcode.SERVFAIL);
          case "truncated" -> response.getHeader().setFlag(Flags.TC);
          default -> {
            return null;
          }
        }
        return response;
      }
    }
    int type = question.getType();
    Set<Name> visited = new HashSet<>();
    for (int step = 0; step < MAX_CHASE; step++) {
      if (!visited.add(name)) {
        return response; // CNAME loop: what a resolver gives up with
      }
      Zone zone = zoneFor(name);
      if (zone == null) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        return response;
      }
      SetResponse sr = zone.findRecords(name, type);
      if (sr.isSuccessful()) {
        for (RRset set : sr.answers()) {
          for (Record r : set.rrs()) {
            response.addRecord(r, Section.ANSWER);
          }
        }
        return response;
      }
      if (sr.isCNAME()) {
        CNAMERecord cname = sr.getCNAME();
        // A wildcard CNAME is answered under the asked name.
        Record owned = new CNAMERecord(name, cname.getDClass(), cname.getTTL(), cname.getTarget());
        response.addRecord(owned, Section.ANSWER);
        name = cname.getTarget();
        continue;
      }
      CNAMERecord wildcard = nameExists(zone, name) ? null : wildcardCname(zone, name);
      if (wildcard != null) {
        response.addRecord(
            new CNAMERecord(name, wildcard.getDClass(), wildcard.getTTL(), wildcard.getTarget()),
            Section.ANSWER);
        name = wildcard.getTarget();
        continue;
      }
      if (sr.isNXDOMAIN()) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
      }
      response.addRecord(zone.getSOA(), Section.AUTHORITY);
      return response;
    }
    return response;
  }

  /** True when the zone has records at this name or below it (an empty non-terminal exists). */
  private static boolean nameExists(Zone zone, Name name) {
    for (RRset set : zone) {
      if (set.getName().subdomain(name)) {
        return true;
      }
    }
    return false;
  }

  /** dnsjava's Zone expands wildcard records of the asked type only; a wildcard CNAME too. */
  private static CNAMERecord wildcardCname(Zone zone, Name name) {
    int below = name.labels() - zone.getOrigin().labels();
    for (int i = 1; i <= below; i++) {
      RRset set = zone.findExactMatch(name.wild(i), org.xbill.DNS.Type.CNAME);
      if (set != null && set.size() > 0) {
        return (CNAMERecord) set.first();
      }
    }
    return null;
  }

  /** The most specific zone holding the name: walk up its labels (thousands of zones in a bench). */
  private Zone zoneFor(Name name) {
    for (int strip = 0; strip < name.labels(); strip++) {
      Zone z = zones.get(new Name(name, strip));
      if (z != null) {
        return z;
      }
    }
    return null;
  }

  @Override
  public void close() {
    running = false;
    udp.close();
    try {
      tcp.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    workers.shutdownNow();
  }
}
