package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.probe.service.ElasticsearchDialect;
import fr.vigie.probe.service.FtpDialect;
import fr.vigie.probe.service.MemcachedDialect;
import fr.vigie.probe.service.MongoDialect;
import fr.vigie.probe.service.MssqlDialect;
import fr.vigie.probe.service.MysqlDialect;
import fr.vigie.probe.service.NfsDialect;
import fr.vigie.probe.service.OracleDialect;
import fr.vigie.probe.service.PostgresDialect;
import fr.vigie.probe.service.RdpDialect;
import fr.vigie.probe.service.Reading;
import fr.vigie.probe.service.RedisDialect;
import fr.vigie.probe.service.SmbDialect;
import fr.vigie.probe.service.SmtpDialect;
import fr.vigie.probe.service.SshDialect;
import fr.vigie.probe.service.TelnetDialect;
import fr.vigie.probe.service.VncDialect;
import fr.vigie.probe.service.Wire;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the service probe reads from answers captured from real servers (see services/README.md). */
class ServiceAnswersTest {

  static byte[] capture(String name) throws Exception {
    try (InputStream in = ServiceAnswersTest.class.getResourceAsStream("/services/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void shouldReadOpenSshAndItsDistribution() throws Exception {
    Reading r = SshDialect.ssh(capture("openssh-9.2p1-debian.bin")).orElseThrow();
    assertThat(r.product()).isEqualTo("OpenSSH");
    assertThat(r.version()).isEqualTo("9.2p1");
    assertThat(r.facts()).containsEntry("packaged", "Debian-2+deb12u10");
    assertThat(r.banner()).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10");
  }

  @Test
  void shouldReadVsftpd() throws Exception {
    Reading r = FtpDialect.ftp(capture("vsftpd-3.0.3.bin")).orElseThrow();
    assertThat(r.product() + " " + r.version()).isEqualTo("vsFTPd 3.0.3");
    assertThat(FtpDialect.ftp(capture("openssh-9.2p1-debian.bin"))).isEmpty();
  }

  @Test
  void shouldTellRedisWithoutAuthenticationFromRedisWithIt() throws Exception {
    assertThat(RedisDialect.redis(capture("redis-7.0-noauth.bin")).orElseThrow().facts())
        .containsEntry("auth", "none");
    assertThat(RedisDialect.redis(capture("redis-7.0-requirepass.bin"))
            .orElseThrow()
            .facts())
        .containsEntry("auth", "required");
    assertThat(RedisDialect.redis("-DENIED Redis is running in protected mode\r\n"
                .getBytes(StandardCharsets.US_ASCII))
            .orElseThrow()
            .facts())
        .containsEntry("auth", "required");
    assertThat(RedisDialect.redis(capture("vsftpd-3.0.3.bin"))).isEmpty();
  }

  @Test
  void shouldReadMemcachedAndMariaDb() throws Exception {
    Reading m = MemcachedDialect.memcached(capture("memcached-1.6.bin")).orElseThrow();
    assertThat(m.version()).isEqualTo("1.6.18");
    assertThat(m.facts()).containsEntry("auth", "none");
    Reading db = MysqlDialect.mysql(capture("mariadb-10.11-greeting.bin")).orElseThrow();
    assertThat(db.product() + " " + db.version()).isEqualTo("MariaDB 10.11.19");
    assertThat(MysqlDialect.mysql(capture("redis-7.0-noauth.bin"))).isEmpty();
  }

  @Test
  void shouldReadPostfixAndWhetherItOffersStartTls() throws Exception {
    assertThat(SmtpDialect.smtp(capture("postfix-3.7-banner.bin")).orElseThrow().product())
        .isEqualTo("Postfix");
    assertThat(SmtpDialect.offersStartTls(capture("postfix-3.7-ehlo-starttls.bin")))
        .isTrue();
    assertThat(SmtpDialect.offersStartTls(capture("postfix-3.7-ehlo-no-starttls.bin")))
        .isFalse();
  }

  @Test
  void shouldTellSambaWithSmb1FromSambaWithout() throws Exception {
    Reading smb2 = SmbDialect.smb2(capture("samba-4.17-default-smb2.bin")).orElseThrow();
    assertThat(smb2.version()).isEqualTo("3.0.2");
    assertThat(smb2.facts()).containsKey("signing");
    assertThat(SmbDialect.smb1Accepted(capture("samba-4.17-default-smb1.bin"))).isFalse();
    assertThat(SmbDialect.smb1Accepted(capture("samba-4.17-smb1-enabled-smb1.bin")))
        .isTrue();
    assertThat(SmbDialect.smb1Accepted(new byte[0])).isFalse();
  }

  @Test
  void shouldReadAnRdpNegotiationWithAndWithoutNla() {
    // MS-RDPBCGR 2.2.1.2: Connection Confirm + RDP_NEG_RSP (selected TLS) or RDP_NEG_FAILURE (5).
    byte[] tls = {
      0x03,
      0,
      0,
      0x13,
      0x0e,
      (byte) 0xd0,
      0,
      0,
      0x12,
      0x34,
      0,
      0x02,
      0x00,
      0x08,
      0x00,
      0x01,
      0,
      0,
      0
    };
    byte[] nla = {
      0x03,
      0,
      0,
      0x13,
      0x0e,
      (byte) 0xd0,
      0,
      0,
      0x12,
      0x34,
      0,
      0x03,
      0x00,
      0x08,
      0x00,
      0x05,
      0,
      0,
      0
    };
    assertThat(RdpDialect.rdp(tls).orElseThrow().facts())
        .containsEntry("nla", "not-required")
        .containsEntry("selected", "TLS");
    assertThat(RdpDialect.rdp(nla).orElseThrow().facts()).containsEntry("nla", "required");
    assertThat(RdpDialect.rdp(capture0())).isEmpty();
  }

  private static byte[] capture0() {
    return "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void shouldReadVncSecurityTypes() {
    assertThat(VncDialect.rfbVersion("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII)))
        .contains("003.008");
    assertThat(VncDialect.vnc("003.008", new byte[] {2, 1, 2}).orElseThrow().facts())
        .containsEntry("auth", "none");
    assertThat(VncDialect.vnc("003.008", new byte[] {1, 2}).orElseThrow().facts())
        .containsEntry("auth", "required");
    assertThat(VncDialect.vnc("003.003", new byte[] {0, 0, 0, 1}).orElseThrow().facts())
        .containsEntry("auth", "none");
  }

  @Test
  void shouldReadTheMssqlVersionFromPrelogin() {
    // MS-TDS 2.2.6.5: header, VERSION token at offset 6 (after the 5-byte option and terminator).
    byte[] answer = {
      0x04,
      0x01,
      0x00,
      0x14,
      0,
      0,
      1,
      0,
      0x00,
      0x00,
      0x06,
      0x00,
      0x06,
      (byte) 0xff,
      15,
      0,
      0x10,
      (byte) 0xd5,
      0,
      0
    };
    assertThat(MssqlDialect.mssql(answer).orElseThrow().version()).isEqualTo("15.0.4309");
  }

  @Test
  void shouldRecogniseAMongoHelloReplyAndElasticsearchWithAndWithoutAuth() {
    byte[] doc = Wire.bson(Map.of("ismaster", 1, "maxWireVersion", 17));
    ByteBuffer reply = ByteBuffer.allocate(21 + doc.length).order(ByteOrder.LITTLE_ENDIAN);
    reply
        .putInt(21 + doc.length)
        .putInt(7)
        .putInt(1)
        .putInt(2013)
        .putInt(0)
        .put((byte) 0)
        .put(doc);
    assertThat(MongoDialect.mongo(reply.array())).isPresent();
    byte[] open =
        ("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{\"name\":\"node-1\",\"cluster_name\":\"mairie\","
                + "\"version\":{\"number\":\"7.17.9\"},\"tagline\":\"You Know, for Search\"}")
            .getBytes(StandardCharsets.US_ASCII);
    Reading es = ElasticsearchDialect.elasticsearch(open).orElseThrow();
    assertThat(es.version()).isEqualTo("7.17.9");
    assertThat(es.facts()).containsEntry("auth", "none");
    byte[] closed =
        "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"security\"\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    assertThat(ElasticsearchDialect.elasticsearch(closed).orElseThrow().facts())
        .containsEntry("auth", "required");
  }

  @Test
  void shouldTellAMongoDbOpenToAnyoneWithIntrusiveListDatabases() {
    byte[] request = MongoDialect.mongoListDatabases();
    assertThat(new String(request, StandardCharsets.ISO_8859_1))
        .contains("listDatabases", "nameOnly", "$db", "admin");
    byte[] open = Wire.bson(Map.of("databases", 1, "ok", 1));
    byte[] locked = Wire.bson(
        Map.of("ok", 0, "errmsg", "command listDatabases requires authentication", "code", 13));
    assertThat(MongoDialect.mongoAuth(open)).contains("none");
    assertThat(MongoDialect.mongoAuth(locked)).contains("required");
    assertThat(MongoDialect.mongoAuth(new byte[8])).isEmpty();
  }

  @Test
  void shouldNeverThrowOnHostileAnswersNorTakeNoiseForAService() {
    Random random = new Random(2026);
    int recognised = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[2 + random.nextInt(120)];
      random.nextBytes(b);
      if (b.length > 4 && random.nextBoolean()) {
        b[4] = (byte) (random.nextBoolean() ? 0xfe : 0xff); // look like SMB often enough
      }
      // Parsers with a textual or magic signature must not see a service in noise.
      for (Optional<Reading> r : List.of(
          SshDialect.ssh(b),
          FtpDialect.ftp(b),
          SmtpDialect.smtp(b),
          RedisDialect.redis(b),
          MemcachedDialect.memcached(b),
          PostgresDialect.postgres(b),
          SmbDialect.smb2(b),
          MongoDialect.mongo(b),
          ElasticsearchDialect.elasticsearch(b),
          NfsDialect.nfs(b))) {
        recognised += r.isPresent() ? 1 : 0;
      }
      recognised += SmbDialect.smb1Accepted(b) ? 1 : 0;
      // The others only have to survive it: a few bytes are all they check.
      MysqlDialect.mysql(b);
      RdpDialect.rdp(b);
      MssqlDialect.mssql(b);
      OracleDialect.oracle(b);
      TelnetDialect.telnet(b); // two bytes of option negotiation: noise can look like it
      VncDialect.vnc("003.008", b);
      VncDialect.vnc("003.003", b);
    }
    assertThat(recognised).isZero();
  }

  @Test
  void shouldKeepOnlyPrintableCharactersOfABanner() {
    assertThat(Wire.printable(
            "220 \u001b[2Jevil\u0007 ftp\r\nsecond".getBytes(StandardCharsets.ISO_8859_1)))
        .isEqualTo("220 .[2Jevil. ftp");
    assertThat(Wire.printable(new byte[5000])).hasSize(200);
  }
}
