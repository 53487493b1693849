package fr.vigie.probe.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The one list of service dialects: adding a protocol is its class and one line here. */
public final class Dialects {

  /** What a port of no expected protocol is called, and every port nothing identified. */
  public static final String UNKNOWN = "unknown";

  private final List<Dialect> all;
  private final Map<String, Dialect> byName = new LinkedHashMap<>();

  /** @param intrusive whether FTP tries the anonymous login and MongoDB lists its databases */
  public Dialects(boolean intrusive) {
    this.all = List.of(
        new SshDialect(),
        new FtpDialect(intrusive),
        new TelnetDialect(),
        new SmtpDialect(),
        new Pop3Dialect(),
        new ImapDialect(),
        new MysqlDialect(),
        new RedisDialect(),
        new MemcachedDialect(),
        new PostgresDialect(),
        new RdpDialect(),
        new SmbDialect(),
        new MssqlDialect(),
        new MongoDialect(intrusive),
        new ElasticsearchDialect(),
        new WinrmDialect(),
        new HttpDialect(),
        new NfsDialect(),
        new OracleDialect(),
        new VncDialect());
    for (Dialect d : all) {
      for (String name : d.names()) {
        if (byName.put(name, d) != null) {
          throw new IllegalStateException("two dialects for " + name);
        }
      }
    }
  }

  /** The protocol names the port list may use, {@link #UNKNOWN} included. */
  public static Set<String> names() {
    Set<String> out = new TreeSet<>(new Dialects(false).byName.keySet());
    out.add(UNKNOWN);
    return out;
  }

  public Optional<Dialect> of(String protocol) {
    return Optional.ofNullable(byName.get(protocol));
  }

  /**
   * The dialects that can tell a banner sent unasked, in the order they are tried on a port of
   * no known protocol (SSH's banner is the most specific, telnet's negotiation the least).
   */
  public List<Dialect> recognisers() {
    return List.of(
        byName.get("ssh"),
        byName.get("ftp"),
        byName.get("smtp"),
        byName.get("pop3"),
        byName.get("imap"),
        byName.get("mysql"),
        byName.get("telnet"));
  }

  /** VNC, tried on a port whose unasked banner is an RFB version line. */
  public Dialect vnc() {
    return byName.get("vnc");
  }
}
