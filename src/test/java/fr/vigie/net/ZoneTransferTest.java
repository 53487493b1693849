package fr.vigie.net;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.observation.ZoneTransferResult;
import fr.vigie.testbed.TestbedDns;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Zone;

/** One AXFR attempt against servers on loopback: open, refusing, silent, endless. */
class ZoneTransferTest {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private static Zone zone() throws Exception {
    String master = """
        $TTL 300
        @ SOA ns1.example.test. hostmaster.ville.test. 1 3600 600 86400 300
        @ NS ns1.example.test.
        www A 127.1.0.1
        intranet A 10.0.0.5
        _dmarc TXT "v=DMARC1; p=none"
        """;
    return new Zone(
        Name.fromString("ville.test."),
        new ByteArrayInputStream(master.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldReadTheWholeZoneFromAServerThatHandsItOver() throws Exception {
    try (TestbedDns dns = new TestbedDns(List.of(zone()), 0)) {
      dns.openTransfers("ville.test");
      ZoneTransfer axfr = new ZoneTransfer(Duration.ofSeconds(5), Map.of(53, dns.port()));

      ZoneTransferResult r = axfr.transfer("ville.test", "ns1.example.test", LOOPBACK);

      assertThat(r).isInstanceOf(ZoneTransferResult.Transferred.class);
      ZoneTransferResult.Transferred t = (ZoneTransferResult.Transferred) r;
      assertThat(t.names())
          .contains("ville.test", "www.ville.test", "intranet.ville.test", "_dmarc.ville.test");
      assertThat(t.records()).isEqualTo(6); // SOA, NS, A, A, TXT and the closing SOA
      assertThat(t.cut()).isFalse();
    }
  }

  @Test
  void shouldSayDeclinedWhenTheServerRefuses() throws Exception {
    try (TestbedDns dns = new TestbedDns(List.of(zone()), 0)) {
      ZoneTransfer axfr = new ZoneTransfer(Duration.ofSeconds(5), Map.of(53, dns.port()));

      assertThat(axfr.transfer("ville.test", "ns1", LOOPBACK))
          .isEqualTo(new ZoneTransferResult.Declined("ns1", "REFUSED"));
      assertThat(axfr.transfer("ailleurs.test", "ns1", LOOPBACK))
          .isEqualTo(new ZoneTransferResult.Declined("ns1", "NOTAUTH"));
    }
  }

  @Test
  void shouldGiveUpOnASilentServerAtTheDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, LOOPBACK)) {
      Thread.ofVirtual().start(() -> {
        try {
          Socket s = silent.accept();
          Thread.sleep(30_000);
          s.close();
        } catch (Exception ignored) {
          // the test is over
        }
      });
      ZoneTransfer axfr =
          new ZoneTransfer(Duration.ofMillis(800), Map.of(53, silent.getLocalPort()));
      long start = System.nanoTime();

      ZoneTransferResult r = axfr.transfer("ville.test", "ns1", LOOPBACK);

      assertThat(r).isInstanceOf(ZoneTransferResult.NoAnswer.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void shouldSayNoAnswerWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      port = s.getLocalPort();
    }
    ZoneTransferResult r = new ZoneTransfer(Duration.ofSeconds(2), Map.of(53, port))
        .transfer("ville.test", "ns1", LOOPBACK);

    assertThat(r).isEqualTo(new ZoneTransferResult.NoAnswer("ns1", "connection refused"));
  }

  @Test
  void shouldStopReadingAZoneThatNeverEnds() throws Exception {
    try (ServerSocket endless = new ServerSocket(0, 5, LOOPBACK)) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = endless.accept();
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
          Message query = new Message(in.readNBytes(in.readUnsignedShort()));
          Name origin = Name.fromString("ville.test.");
          int n = 0;
          while (true) {
            Message m = new Message(query.getHeader().getID());
            m.getHeader().setFlag(org.xbill.DNS.Flags.QR);
            if (n == 0) {
              m.addRecord(
                  new SOARecord(
                      origin,
                      DClass.IN,
                      300,
                      Name.fromString("ns1.example.test."),
                      Name.fromString("h.ville.test."),
                      1,
                      1,
                      1,
                      1,
                      1),
                  Section.ANSWER);
            }
            for (int i = 0; i < 100; i++, n++) {
              m.addRecord(
                  new ARecord(
                      Name.fromString("h" + n, origin),
                      DClass.IN,
                      300,
                      InetAddress.getByName("127.1.0.1")),
                  Section.ANSWER);
            }
            byte[] wire = m.toWire();
            out.writeShort(wire.length);
            out.write(wire);
          }
        } catch (Exception ignored) {
          // the client hung up: what the test wants
        }
      });
      ZoneTransferResult r = new ZoneTransfer(
              Duration.ofSeconds(10), Map.of(53, endless.getLocalPort()))
          .transfer("ville.test", "ns1", LOOPBACK);

      assertThat(r).isInstanceOf(ZoneTransferResult.Transferred.class);
      ZoneTransferResult.Transferred t = (ZoneTransferResult.Transferred) r;
      assertThat(t.cut()).isTrue();
      assertThat(t.records()).isEqualTo(ZoneTransfer.MAX_RECORDS);
    }
  }
}
