package io.sfsbroker.fog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every port of a handed-over slice answers: a TCP connection, then (unless turned off)
 * {@code GET /} over HTTP/1.0. A port that accepts the connection but does not speak HTTP counts as
 * answering; one that answers HTTP 5xx does not. Ports that do not answer are tried again every
 * {@value #RETRY_MILLIS} ms until all answer or the wait is over, because a container may still be
 * opening its port when its RP confirms it. At most {@value #THREADS} ports are tried at once.
 */
final class PortChecker {

  static final long RETRY_MILLIS = 500;
  static final int THREADS = 8;
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/\\d(?:\\.\\d)? (\\d{3}).*");

  /** A port to check: one port of one endpoint. */
  record Target(String category, String rpId, String host, int port, String instanceId) {}

  private final Duration connectTimeout;
  private final boolean http;

  PortChecker(final Duration connectTimeout, final boolean http) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.http = http;
  }

  /** Checks every target, trying those that do not answer again for up to {@code wait}. */
  List<SliceReport.PortCheck> checkAll(final List<Target> targets, final Duration wait)
      throws InterruptedException {
    List<SliceReport.PortCheck> results = new ArrayList<>();
    targets.forEach(t -> results.add(null));
    if (targets.isEmpty()) {
      return results;
    }
    long deadline = System.nanoTime() + wait.toNanos();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(THREADS, targets.size()),
            r -> {
              Thread thread = new Thread(r, "port-check");
              thread.setDaemon(true);
              return thread;
            });
    try {
      while (true) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
          if (results.get(i) == null || !results.get(i).reached()) {
            open.add(i);
          }
        }
        List<Future<SliceReport.PortCheck>> futures = new ArrayList<>();
        for (int i : open) {
          Target target = targets.get(i);
          int attempts = results.get(i) == null ? 1 : results.get(i).attempts() + 1;
          futures.add(pool.submit(() -> check(target, attempts)));
        }
        boolean allReached = true;
        for (int k = 0; k < open.size(); k++) {
          SliceReport.PortCheck result = get(futures.get(k));
          results.set(open.get(k), result);
          allReached &= result.reached();
        }
        if (allReached || System.nanoTime() + RETRY_MILLIS * 1_000_000 > deadline) {
          return results;
        }
        Thread.sleep(RETRY_MILLIS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** One attempt at one port. */
  SliceReport.PortCheck check(final Target target, final int attempt) {
    long start = System.nanoTime();
    int timeout = (int) connectTimeout.toMillis();
    boolean reached = false;
    Integer status = null;
    String detail = null;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.host(), target.port()), timeout);
      reached = true;
      if (http) {
        socket.setSoTimeout(timeout);
        status = httpStatus(socket, target);
        if (status != null && status >= 500) {
          reached = false;
          detail = "HTTP " + status;
        }
      }
    } catch (SocketTimeoutException e) {
      detail = "no answer within " + timeout + " ms";
    } catch (IOException | IllegalArgumentException e) {
      detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new SliceReport.PortCheck(
        target.category(),
        target.rpId(),
        target.host(),
        target.port(),
        target.instanceId(),
        reached,
        status,
        attempt,
        (System.nanoTime() - start) / 1_000_000,
        detail);
  }

  /** The status of {@code GET /}, or {@code null} when the port does not answer in HTTP. */
  private static Integer httpStatus(final Socket socket, final Target target) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET / HTTP/1.0\r\nHost: "
                  + target.host()
                  + ":"
                  + target.port()
                  + "\r\nUser-Agent: sfsb-fog-node-agent\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while (line.length() < 128 && (c = in.read()) >= 0 && c != '\n') {
        line.append((char) c);
      }
      Matcher m = STATUS_LINE.matcher(line.toString().strip());
      return m.matches() ? Integer.valueOf(m.group(1)) : null;
    } catch (IOException e) {
      // It accepted the connection but does not answer HTTP in time: another protocol.
      return null;
    }
  }

  private static SliceReport.PortCheck get(final Future<SliceReport.PortCheck> future)
      throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a port check failed unexpectedly", e.getCause());
    }
  }
}
