package io.sfsbroker.view.web;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.sfsbroker.view.feed.EventLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The view's web server (the JDK's {@code com.sun.net.httpserver}): the pages, and {@code /events}
 * for the live updates. With a TLS context it is an HTTPS server that demands a client certificate
 * the context trusts (mutual TLS); without one it serves plain HTTP, which {@link
 * io.sfsbroker.view.ViewConfig} allows only on loopback.
 */
public final class ViewServer implements AutoCloseable {

  static final int MAX_STREAMS = 32;

  private final HttpServer server;
  private final ExecutorService executor;

  private ViewServer(final HttpServer server, final ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving {@code pages} and the events of {@code events} on {@code address}.
   *
   * @param tls the TLS context (server certificate, trusted client CA), or null for plain HTTP
   */
  public static ViewServer start(
      final InetSocketAddress address,
      final SSLContext tls,
      final List<Page> pages,
      final EventLog events)
      throws IOException {
    Objects.requireNonNull(address, "address");
    // Without TCP_NODELAY a small response on a kept-alive connection waits for the client's
    // delayed ACK: about 40 ms added to every page (seen in bench view). The JDK server reads this
    // once, when its first server is made.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server;
    if (tls == null) {
      server = HttpServer.create(address, 64);
    } else {
      HttpsServer https = HttpsServer.create(address, 64);
      https.setHttpsConfigurator(
          new HttpsConfigurator(tls) {
            @Override
            public void configure(final HttpsParameters params) {
              SSLParameters parameters = tls.getDefaultSSLParameters();
              parameters.setNeedClientAuth(true);
              params.setSSLParameters(parameters);
            }
          });
      server = https;
    }
    // Each open event stream holds a thread; pages take the rest.
    ExecutorService executor = Executors.newFixedThreadPool(MAX_STREAMS + 16);
    server.setExecutor(executor);
    server.createContext("/", new PageHandler(pages, events));
    server.createContext("/events", new EventStream(events, MAX_STREAMS));
    server.start();
    return new ViewServer(server, executor);
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
