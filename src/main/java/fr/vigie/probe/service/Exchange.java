package fr.vigie.probe.service;

import fr.vigie.net.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One exchange with a port: its socket, its streams, and its total deadline (connect, TLS,
 * every read and write), which closes the socket when it passes: a server that drips one byte
 * every 2 s under the per-read timeout is cut there. Past the deadline a read fails as a
 * timeout, which every reader here takes for "no more answer".
 */
public record Exchange(Socket socket, Deadline deadline, InputStream in) implements AutoCloseable {

  public InputStream getInputStream() {
    return in;
  }

  public OutputStream getOutputStream() throws IOException {
    return socket.getOutputStream();
  }

  @Override
  public void close() throws IOException {
    deadline.close();
    socket.close();
  }
}
