package fr.vigie.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import fr.vigie.UserInputException;
import fr.vigie.probe.service.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The port list of {@code ports.yaml}: which ports the service probe tries and what it expects on each. */
public final class ServicePorts {

  /** One port and the protocol whose safe exchange identifies it. */
  public record Spec(int port, String protocol, boolean tls) {}

  private record SpecData(int port, String protocol, Boolean tls) {}

  private record FileData(List<SpecData> ports) {}

  private static final String RESOURCE = "/fr/vigie/probe/ports.yaml";
  private static final Map<Integer, Spec> BUILT_IN = load();

  private ServicePorts() {}

  public static List<Spec> builtIn() {
    return List.copyOf(BUILT_IN.values());
  }

  /**
   * The specs of a {@code --ports} list ({@code 22,3389,8080}): known ports keep their protocol,
   * others are identified from whatever they send.
   */
  public static List<Spec> parse(String list) {
    List<Spec> out = new ArrayList<>();
    for (String part : list.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      int port;
      try {
        port = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new UserInputException("--ports: '" + p + "' is not a port number");
      }
      if (port < 1 || port > 65535) {
        throw new UserInputException("--ports: " + port + " is not between 1 and 65535");
      }
      out.add(BUILT_IN.getOrDefault(port, new Spec(port, Dialects.UNKNOWN, false)));
    }
    if (out.isEmpty()) {
      throw new UserInputException("--ports: no port given (use --no-ports to probe none)");
    }
    return out;
  }

  private static Map<Integer, Spec> load() {
    try (InputStream in = ServicePorts.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return read(in, RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /**
   * Reads a port list. A protocol no dialect identifies is an error naming the port: a typo
   * ({@code rpd}) would otherwise make the probe guess from banners on a port whose service
   * never speaks first, and miss it.
   */
  static Map<Integer, Spec> read(InputStream in, String source) throws IOException {
    FileData data = new ObjectMapper(new YAMLFactory()).readValue(in, FileData.class);
    Set<String> known = Dialects.names();
    Map<Integer, Spec> out = new LinkedHashMap<>();
    for (SpecData s : data.ports()) {
      if (s.protocol() == null || !known.contains(s.protocol())) {
        throw new IllegalStateException(source + ": port " + s.port() + ": unknown protocol '"
            + s.protocol() + "' (known: " + String.join(", ", known) + ")");
      }
      if (out.put(s.port(), new Spec(s.port(), s.protocol(), Boolean.TRUE.equals(s.tls())))
          != null) {
        throw new IllegalStateException(source + ": port " + s.port() + " listed twice");
      }
    }
    return out;
  }
}
