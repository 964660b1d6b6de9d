package io.sfsbroker.market.qoe;

/**
 * What an RP guarantees for its part of a slice in one category: the path from the tenant to that
 * part's services. A term left out ({@code null}) is not guaranteed.
 *
 * @param latencyMicros the most one-way latency it guarantees, in microseconds: 0 to {@value
 *     #MAX_VALUE}, or {@code null}
 * @param bandwidthMbps the least bandwidth it guarantees, in Mbit/s: 1 to {@value #MAX_VALUE}, or
 *     {@code null}
 */
public record QoeTerms(Long latencyMicros, Long bandwidthMbps) {

  /** The largest value of a term. */
  public static final long MAX_VALUE = 1_000_000_000_000L;

  /** Checks the ranges. */
  public QoeTerms {
    if (latencyMicros != null && (latencyMicros < 0 || latencyMicros > MAX_VALUE)) {
      throw new IllegalArgumentException(
          "latencyMicros must be 0 to " + MAX_VALUE + " µs, was " + latencyMicros);
    }
    if (bandwidthMbps != null && (bandwidthMbps < 1 || bandwidthMbps > MAX_VALUE)) {
      throw new IllegalArgumentException(
          "bandwidthMbps must be 1 to " + MAX_VALUE + " Mbit/s, was " + bandwidthMbps);
    }
  }
}
