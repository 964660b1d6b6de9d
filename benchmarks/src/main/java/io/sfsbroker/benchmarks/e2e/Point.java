package io.sfsbroker.benchmarks.e2e;

import io.sfsbroker.benchmarks.support.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one point of the sweep measured: every request that reached its handover, what the others
 * failed of, and the configuration's physical limit.
 *
 * @param blockSeconds the block time the channel ran at
 * @param concurrency how many fog nodes asked at the same time in each trial
 * @param trials how many trials ran
 * @param samples the timelines of the requests that were handed over
 * @param failures why each other request did not reach its handover
 * @param limit the physical limit of the configuration
 */
public record Point(
    double blockSeconds,
    int concurrency,
    int trials,
    List<Timeline> samples,
    List<String> failures,
    PhysicalLimit limit) {

  /** Copies the lists. */
  public Point {
    samples = List.copyOf(samples);
    failures = List.copyOf(failures);
    Objects.requireNonNull(limit, "limit");
  }

  /** The end-to-end latency, in seconds. */
  public Stats endToEnd() {
    List<Double> seconds = new ArrayList<>();
    for (Timeline timeline : samples) {
      seconds.add(timeline.endToEndMillis() / 1000.0);
    }
    return Stats.of(seconds);
  }

  /** How long {@code step} itself took, in seconds ({@link Timeline#ownMillis}). */
  public Stats step(final Step step) {
    List<Double> seconds = new ArrayList<>();
    for (Timeline timeline : samples) {
      seconds.add(timeline.ownMillis(step) / 1000.0);
    }
    return Stats.of(seconds);
  }

  /** The mean offer window, in seconds. */
  public double windowSeconds() {
    return samples.stream().mapToLong(Timeline::windowMillis).average().orElse(0) / 1000.0;
  }

  /** The mean end-to-end latency over the physical limit; 0 without samples. */
  public double ratio() {
    return samples.isEmpty() ? 0 : limit.ratio(endToEnd().mean());
  }
}
