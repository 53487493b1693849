package fr.vigie.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.SocketFactory;

/**
 * Plain sockets that connect to a mapped port (the testbed serves port 80 and 443 of every host
 * on two high ports), with Nagle off: small request/response exchanges otherwise wait ~40 ms on
 * delayed ACKs. HTTPS layers on these sockets, so the mapping covers both schemes.
 */
final class PortMappingSocketFactory extends SocketFactory {

  private final Map<Integer, Integer> portMap;
  private final Consumer<Socket> opened;

  /** @param opened told of each socket made, before it connects */
  PortMappingSocketFactory(Map<Integer, Integer> portMap, Consumer<Socket> opened) {
    this.portMap = Map.copyOf(portMap);
    this.opened = opened;
  }

  private SocketAddress map(SocketAddress endpoint) {
    if (endpoint instanceof InetSocketAddress isa && portMap.containsKey(isa.getPort())) {
      return new InetSocketAddress(isa.getAddress(), portMap.get(isa.getPort()));
    }
    return endpoint;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(map(endpoint), timeout);
      }
    };
    socket.setTcpNoDelay(true);
    opened.accept(socket);
    return socket;
  }

  // OkHttp only calls createSocket(); the connected variants exist because SocketFactory
  // declares them.
  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(null, new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(null, new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(localAddress, localPort), new InetSocketAddress(address, port));
  }

  private Socket connected(SocketAddress local, SocketAddress remote) throws IOException {
    Socket s = createSocket();
    if (local != null) {
      s.bind(local);
    }
    s.connect(remote);
    return s;
  }
}
