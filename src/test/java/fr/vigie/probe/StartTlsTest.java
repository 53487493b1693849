package fr.vigie.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.probe.service.SmtpDialogue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The SMTP exchange the TLS probe makes before its handshake on port 25 (RFC 3207). */
class StartTlsTest {

  @Test
  void shouldSayEhloAndStartTlsAndLeaveTheTlsBytesUnread() throws Exception {
    byte[] tlsStart = {0x16, 0x03, 0x03};
    ByteArrayOutputStream server = new ByteArrayOutputStream();
    server.writeBytes(
        ("220 mx.mairie.fr ESMTP Postfix (Debian/GNU)\r\n250-mx.mairie.fr\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n"
                + "220 2.0.0 Ready to start TLS\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    server.writeBytes(tlsStart);
    ByteArrayInputStream in = new ByteArrayInputStream(server.toByteArray());
    ByteArrayOutputStream sent = new ByteArrayOutputStream();

    SmtpDialogue.startTls(in, sent);

    assertThat(sent.toString(StandardCharsets.US_ASCII))
        .isEqualTo("EHLO vigie.invalid\r\nSTARTTLS\r\n");
    assertThat(in.readAllBytes()).isEqualTo(tlsStart);
  }

  @Test
  void shouldStopWhenTheServerRefusesStartTls() {
    ByteArrayInputStream in = new ByteArrayInputStream(
        "220 mx ESMTP\r\n250 mx\r\n454 4.7.0 TLS not available due to local problem\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> SmtpDialogue.startTls(in, new ByteArrayOutputStream()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("SMTP STARTTLS: 454");
  }
}
