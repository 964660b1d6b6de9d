package io.sfsbroker.benchmarks.view;

import io.sfsbroker.benchmarks.support.Stats;
import io.sfsbroker.view.OperatorView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the view's pages over HTTP one at a time and times each load, with the number of queries
 * that reached the peer meanwhile (the view's own count, so only this load's).
 */
final class PageTimer {

  private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]*)\">next page →</a>");

  /**
   * One page's loads.
   *
   * @param label what the page is
   * @param path its path and query
   * @param firstMillis the first load
   * @param repeatedMillis the repeated loads
   * @param firstQueries the peer queries of the first load
   * @param repeatedQueries the most peer queries of a repeated load
   * @param bytes the size of the page
   * @param next the path of the next page of a list, or empty
   */
  record Timed(
      String label,
      String path,
      double firstMillis,
      Stats repeatedMillis,
      long firstQueries,
      long repeatedQueries,
      int bytes,
      Optional<String> next) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final OperatorView view;
  private final String base;
  private final int repeats;

  PageTimer(final OperatorView view, final int repeats) {
    this.view = Objects.requireNonNull(view, "view");
    this.base = "http://127.0.0.1:" + view.port();
    this.repeats = repeats;
  }

  /** Loads {@code path} once and then {@code repeats} times more. */
  Timed time(final String label, final String path) throws IOException, InterruptedException {
    long before = view.queriesEvaluated();
    long start = System.nanoTime();
    String body = load(path);
    double first = (System.nanoTime() - start) / 1e6;
    long firstQueries = view.queriesEvaluated() - before;
    List<Double> again = new ArrayList<>();
    long most = 0;
    for (int i = 0; i < repeats; i++) {
      long count = view.queriesEvaluated();
      long at = System.nanoTime();
      load(path);
      again.add((System.nanoTime() - at) / 1e6);
      most = Math.max(most, view.queriesEvaluated() - count);
    }
    Matcher next = NEXT.matcher(body);
    return new Timed(
        label,
        path,
        first,
        Stats.of(again),
        firstQueries,
        most,
        body.length(),
        next.find() ? Optional.of(next.group(1).replace("&amp;", "&")) : Optional.empty());
  }

  private String load(final String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }
}
