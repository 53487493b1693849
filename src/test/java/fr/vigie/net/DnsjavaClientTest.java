package fr.vigie.net;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.observation.DnsAnswer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** How DNS responses become {@link DnsAnswer}s: outcomes are data, never exceptions. */
class DnsjavaClientTest {

  private static Name name(String s) throws Exception {
    return Name.fromString(s);
  }

  private static Message response(String qname, int qtype, int rcode, Record... answers)
      throws Exception {
    Message m = Message.newQuery(Record.newRecord(name(qname), qtype, DClass.IN));
    m.getHeader().setRcode(rcode);
    for (Record r : answers) {
      m.addRecord(r, Section.ANSWER);
    }
    return m;
  }

  @Test
  void shouldMapNxdomain() throws Exception {
    DnsAnswer a = DnsjavaClient.interpret(
        name("absent.test."), Type.A, response("absent.test.", Type.A, Rcode.NXDOMAIN));

    assertThat(a).isEqualTo(new DnsAnswer.NxDomain(List.of()));
    assertThat(a.isNegative()).isTrue();
  }

  @Test
  void shouldMapNoErrorWithoutRecordsToNoData() throws Exception {
    DnsAnswer a = DnsjavaClient.interpret(
        name("x.test."), Type.AAAA, response("x.test.", Type.AAAA, Rcode.NOERROR));

    assertThat(a).isEqualTo(new DnsAnswer.NoData(List.of()));
  }

  @Test
  void shouldMapServfailAndRefused() throws Exception {
    assertThat(DnsjavaClient.interpret(
            name("x.test."), Type.A, response("x.test.", Type.A, Rcode.SERVFAIL)))
        .isEqualTo(new DnsAnswer.ServFail("SERVFAIL"));
    assertThat(DnsjavaClient.interpret(
            name("x.test."), Type.A, response("x.test.", Type.A, Rcode.REFUSED)))
        .isEqualTo(new DnsAnswer.ServFail("REFUSED"));
  }

  @Test
  void shouldFollowCnameChainWhateverTheRecordOrder() throws Exception {
    Message m = response(
        "www.x.test.",
        Type.A,
        Rcode.NOERROR,
        new ARecord(name("web.h.test."), DClass.IN, 60, InetAddress.getByName("192.0.2.1")),
        new CNAMERecord(name("cdn.h.test."), DClass.IN, 60, name("web.h.test.")),
        new CNAMERecord(name("www.x.test."), DClass.IN, 60, name("cdn.h.test.")));

    DnsAnswer a = DnsjavaClient.interpret(name("www.x.test."), Type.A, m);

    assertThat(a)
        .isEqualTo(
            new DnsAnswer.Resolved(List.of("192.0.2.1"), List.of("cdn.h.test", "web.h.test")));
  }

  @Test
  void shouldKeepCnamesOfAnNxdomainAnswer() throws Exception {
    Message m = response(
        "old.x.test.",
        Type.A,
        Rcode.NXDOMAIN,
        new CNAMERecord(name("old.x.test."), DClass.IN, 60, name("gone.h.test.")));

    assertThat(DnsjavaClient.interpret(name("old.x.test."), Type.A, m))
        .isEqualTo(new DnsAnswer.NxDomain(List.of("gone.h.test")));
  }

  @Test
  void shouldPresentTxtJoinedAndMxLowerCase() throws Exception {
    Message txt = response(
        "x.test.",
        Type.TXT,
        Rcode.NOERROR,
        new TXTRecord(name("x.test."), DClass.IN, 60, List.of("v=spf1 ip4:192.0.2.0/24 ", "-all")));
    Message mx = response(
        "x.test.",
        Type.MX,
        Rcode.NOERROR,
        new MXRecord(name("x.test."), DClass.IN, 60, 10, name("MAIL.X.test.")));

    assertThat(DnsjavaClient.interpret(name("x.test."), Type.TXT, txt).recordsOrEmpty())
        .containsExactly("v=spf1 ip4:192.0.2.0/24 -all");
    assertThat(DnsjavaClient.interpret(name("x.test."), Type.MX, mx).recordsOrEmpty())
        .containsExactly("10 mail.x.test.");
  }

  @Test
  void shouldTurnASilentResolverIntoTimeoutAfterItsRetries() throws Exception {
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
      DnsjavaClient client = new DnsjavaClient(
          List.of((InetSocketAddress) silent.getLocalSocketAddress()),
          Duration.ofMillis(100),
          2,
          4);

      assertThat(client.query("x.test", "A")).isEqualTo(new DnsAnswer.Timeout());
    }
  }
}
