package io.sfsbroker.fog;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Services on 127.0.0.1 for port checks: HTTP with a fixed status, silent TCP, closed ports. */
final class TestServers implements AutoCloseable {

  private final List<AutoCloseable> open = new ArrayList<>();

  /** An HTTP server that answers every request with {@code status}; returns its port. */
  int http(final int status) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] body = "{\"slice\":\"test\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      open.add(() -> server.stop(0));
      return server.getAddress().getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TCP server that accepts connections and never says anything; returns its port. */
  int silentTcp() {
    try {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      List<Socket> accepted = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (!server.isClosed()) {
                    accepted.add(server.accept());
                  }
                } catch (IOException e) {
                  // closed
                }
              },
              "silent-tcp");
      acceptor.setDaemon(true);
      acceptor.start();
      open.add(
          () -> {
            server.close();
            for (Socket s : accepted) {
              s.close();
            }
          });
      return server.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
  static int closedPort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : open) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("cannot stop a test server", e);
      }
    }
  }
}
