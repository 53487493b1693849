package fr.vigie.probe.service;

import static fr.vigie.probe.service.Wire.*;

import fr.vigie.observation.ServiceFact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** VNC: the RFB version line, then the security types the server offers. */
public final class VncDialect implements Dialect {

  @Override
  public List<String> names() {
    return List.of("vnc");
  }

  @Override
  public Reading identify(Conversation c) throws IOException {
    try (Exchange s = c.open()) {
      InputStream in = s.getInputStream();
      byte[] hello = readExactly(in, 12);
      Optional<String> version = rfbVersion(hello);
      if (version.isEmpty()) {
        return null;
      }
      String v = version.get().compareTo("003.008") > 0 ? "003.008" : version.get();
      OutputStream out = s.getOutputStream();
      out.write(("RFB " + v + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] types = read(in, 256, false);
      return vnc(v, types).orElse(null);
    }
  }

  private static final Pattern RFB = Pattern.compile("^RFB (\\d{3})\\.(\\d{3})\n");

  /** The server's protocol version line ({@code RFB 003.008}). */
  public static Optional<String> rfbVersion(byte[] answer) {
    Matcher m = RFB.matcher(text(answer));
    return m.find() ? Optional.of(m.group(1) + "." + m.group(2)) : Optional.empty();
  }

  /**
   * The security types a 3.7+ server offers after the version exchange (count, then one byte
   * each), or the single type a 3.3 server imposes (a 32-bit integer).
   */
  public static Optional<Reading> vnc(String version, byte[] types) {
    Reading r = Reading.of("vnc", "RFB " + version).product("VNC", version);
    List<Integer> offered = new ArrayList<>();
    if (version.compareTo("003.007") >= 0) {
      if (types.length < 1) {
        return Optional.of(r);
      }
      int n = types[0] & 0xff;
      for (int i = 1; i <= n && i < types.length; i++) {
        offered.add(types[i] & 0xff);
      }
    } else if (types.length >= 4) {
      offered.add(ByteBuffer.wrap(types, 0, 4).getInt());
    }
    String list = String.join(",", offered.stream().map(String::valueOf).toList());
    return Optional.of(r.with(ServiceFact.SECURITY_TYPES, list)
        .with(ServiceFact.AUTH, offered.contains(1) ? "none" : "required"));
  }
}
