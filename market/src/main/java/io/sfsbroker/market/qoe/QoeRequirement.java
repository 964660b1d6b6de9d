package io.sfsbroker.market.qoe;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The QoE needs of a blueprint that offers can be checked against; every offered category of the
 * slice must meet them. A need left out ({@code null}) is not checked.
 *
 * @param maxLatencyMicros the most latency the tenant accepts, in microseconds, or {@code null}
 * @param minBandwidthMbps the least bandwidth the tenant needs, in Mbit/s, or {@code null}
 */
public record QoeRequirement(Long maxLatencyMicros, Long minBandwidthMbps) {

  /** The metric of a blueprint's QoE needs that bounds latency (Slicing4Meta Table I). */
  public static final String MAX_LATENCY = "maxLatencyMicros";

  /** The metric of a blueprint's QoE needs that asks for a data rate (Slicing4Meta Table I). */
  public static final String PEAK_DATA_RATE = "peakDataRateMbps";

  /** No needs: every offer meets them. */
  public static final QoeRequirement NONE = new QoeRequirement(null, null);

  /** Checks the ranges. */
  public QoeRequirement {
    if (maxLatencyMicros != null && maxLatencyMicros < 0) {
      throw new IllegalArgumentException(
          MAX_LATENCY + " must not be negative, was " + maxLatencyMicros);
    }
    if (minBandwidthMbps != null && minBandwidthMbps < 0) {
      throw new IllegalArgumentException(
          PEAK_DATA_RATE + " must not be negative, was " + minBandwidthMbps);
    }
  }

  /**
   * The needs among {@code metrics} (a blueprint's QoE map, metric → value) that offers can be
   * checked against: {@value #MAX_LATENCY} and {@value #PEAK_DATA_RATE}. The others are not checked
   * (see {@link #unchecked}).
   */
  public static QoeRequirement of(final Map<String, Long> metrics) {
    Objects.requireNonNull(metrics, "metrics");
    return new QoeRequirement(metrics.get(MAX_LATENCY), metrics.get(PEAK_DATA_RATE));
  }

  /** The metrics of {@code metrics} that no offer term answers, in name order. */
  public static SortedSet<String> unchecked(final Map<String, Long> metrics) {
    SortedSet<String> names = new TreeSet<>(metrics.keySet());
    names.remove(MAX_LATENCY);
    names.remove(PEAK_DATA_RATE);
    return names;
  }

  /**
   * Why {@code terms} cannot meet these needs, or empty when they can. A term that is not
   * guaranteed cannot meet a need for it; a need that is not set is met by anything.
   */
  public Optional<String> shortfall(final QoeTerms terms) {
    Long latency = terms == null ? null : terms.latencyMicros();
    Long bandwidth = terms == null ? null : terms.bandwidthMbps();
    StringBuilder why = new StringBuilder();
    if (maxLatencyMicros != null) {
      if (latency == null) {
        why.append("guarantees no latency, the tenant needs at most ")
            .append(maxLatencyMicros)
            .append(" µs");
      } else if (latency > maxLatencyMicros) {
        why.append("guarantees ")
            .append(latency)
            .append(" µs latency, the tenant needs at most ")
            .append(maxLatencyMicros)
            .append(" µs");
      }
    }
    if (minBandwidthMbps != null) {
      String sep = why.isEmpty() ? "" : "; ";
      if (bandwidth == null) {
        why.append(sep)
            .append("guarantees no bandwidth, the tenant needs ")
            .append(minBandwidthMbps)
            .append(" Mbit/s");
      } else if (bandwidth < minBandwidthMbps) {
        why.append(sep)
            .append("guarantees ")
            .append(bandwidth)
            .append(" Mbit/s, the tenant needs ")
            .append(minBandwidthMbps)
            .append(" Mbit/s");
      }
    }
    return why.isEmpty() ? Optional.empty() : Optional.of(why.toString());
  }
}
