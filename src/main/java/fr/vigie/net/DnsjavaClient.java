package fr.vigie.net;

import fr.vigie.observation.DnsAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsClient} over dnsjava's {@link SimpleResolver}: one resolver per configured server,
 * tried in turn on each retry; a semaphore caps the questions in flight across all callers
 * (unbounded UDP bursts make resolvers drop packets). Thread-safe.
 */
public final class DnsjavaClient implements DnsClient {

  private final List<SimpleResolver> resolvers;
  private final int attempts;
  private final Semaphore inFlight;

  /**
   * @param servers resolvers to ask; empty means the system's (from resolv.conf)
   * @param timeout per attempt
   * @param retries further attempts after a timeout or a network error
   * @param maxInFlight questions in flight at once, across all threads
   */
  public DnsjavaClient(
      List<InetSocketAddress> servers, Duration timeout, int retries, int maxInFlight) {
    List<InetSocketAddress> targets =
        servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
    if (targets.isEmpty()) {
      throw new IllegalArgumentException(
          "no DNS resolver configured on this system; use --resolver");
    }
    List<SimpleResolver> rs = new ArrayList<>();
    for (InetSocketAddress server : targets) {
      SimpleResolver r = new SimpleResolver(server);
      r.setTimeout(timeout);
      rs.add(r);
    }
    this.resolvers = List.copyOf(rs);
    this.attempts = 1 + Math.max(0, retries);
    this.inFlight = new Semaphore(Math.max(1, maxInFlight));
  }

  @Override
  public DnsAnswer query(String name, String type) {
    Name qname;
    int qtype = Type.value(type);
    if (qtype < 0) {
      throw new IllegalArgumentException("unknown record type " + type);
    }
    try {
      qname = Name.fromString(name.endsWith(".") ? name : name + ".");
    } catch (TextParseException e) {
      return new DnsAnswer.ServFail("invalid name: " + e.getMessage());
    }
    Message question = Message.newQuery(Record.newRecord(qname, qtype, DClass.IN));
    question.getHeader().setFlag(Flags.RD);
    DnsAnswer last = new DnsAnswer.Timeout();
    for (int attempt = 0; attempt < attempts; attempt++) {
      SimpleResolver resolver = resolvers.get(attempt % resolvers.size());
      try {
        inFlight.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new DnsAnswer.Timeout();
      }
      try {
        Message response = resolver.send(question);
        DnsAnswer answer = interpret(qname, qtype, response);
        // A SERVFAIL from one resolver is worth one more try; a definite answer is final.
        if (!(answer instanceof DnsAnswer.ServFail)) {
          return answer;
        }
        last = answer;
      } catch (IOException e) {
        last = isTimeout(e)
            ? new DnsAnswer.Timeout()
            : new DnsAnswer.ServFail("network error: " + describe(e));
      } finally {
        inFlight.release();
      }
    }
    return last;
  }

  static DnsAnswer interpret(Name qname, int qtype, Message response) {
    int rcode = response.getRcode();
    // dnsjava asks again over TCP when UDP is truncated: an answer still truncated is no answer
    // (what it holds may be a part), never "no such record".
    if (response.getHeader().getFlag(org.xbill.DNS.Flags.TC)) {
      return new DnsAnswer.ServFail("truncated answer (TC), even over TCP");
    }
    List<String> cnames = new ArrayList<>();
    Name current = qname;
    List<Record> answers = response.getSection(Section.ANSWER);
    // Follow the CNAME chain inside the answer, in order, whatever order the records came in.
    for (int guard = 0; guard < 16 && qtype != Type.CNAME; guard++) {
      Name next = null;
      for (Record r : answers) {
        if (r.getType() == Type.CNAME && r.getName().equals(current)) {
          next = ((CNAMERecord) r).getTarget();
          break;
        }
      }
      if (next == null || cnames.contains(lower(next))) {
        break;
      }
      cnames.add(lower(next));
      current = next;
    }
    if (rcode == Rcode.NXDOMAIN) {
      return new DnsAnswer.NxDomain(cnames);
    }
    if (rcode != Rcode.NOERROR) {
      return new DnsAnswer.ServFail(Rcode.string(rcode));
    }
    List<String> records = new ArrayList<>();
    for (Record r : answers) {
      if (r.getType() == qtype && r.getName().equals(current)) {
        records.add(present(r));
      }
    }
    return records.isEmpty()
        ? new DnsAnswer.NoData(cnames)
        : new DnsAnswer.Resolved(records, cnames);
  }

  static String present(Record r) {
    if (r instanceof TXTRecord txt) {
      // RFC 7208 §3.3: the strings of one TXT record are joined without separator.
      return String.join("", txt.getStrings());
    }
    if (r instanceof CNAMERecord c) {
      return lower(c.getTarget());
    }
    String text = r.rdataToString();
    return switch (r.getType()) {
      case Type.MX, Type.NS -> text.toLowerCase(Locale.ROOT);
      default -> text;
    };
  }

  /** Lower case, without the trailing dot: the form used for names everywhere in vigie. */
  private static String lower(Name n) {
    String s = n.toString().toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return true;
      }
      if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains("timed out")) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
