package io.sfsbroker.rp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Waits until a slice's published services answer HTTP. */
final class PortProbe {

  private static final Duration ATTEMPT = Duration.ofSeconds(2);
  private static final long PAUSE_MILLIS = 25;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(ATTEMPT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /**
   * Waits until every port of {@code ports} on {@code host} answers an HTTP request with any
   * status, or {@code timeout} has passed.
   *
   * @return the ports that did not answer in time; empty when all did
   */
  List<Integer> await(final String host, final List<Integer> ports, final Duration timeout)
      throws InterruptedException {
    Objects.requireNonNull(host, "host");
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Integer> waiting = new ArrayList<>(ports);
    while (true) {
      waiting.removeIf(port -> answers(host, port));
      if (waiting.isEmpty() || System.nanoTime() > deadline) {
        return waiting;
      }
      Thread.sleep(PAUSE_MILLIS);
    }
  }

  private boolean answers(final String host, final int port) {
    String authority = host.contains(":") ? "[" + host + "]" : host;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + authority + ":" + port + "/"))
            .timeout(ATTEMPT)
            .GET()
            .build();
    try {
      http.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
