package io.sfsbroker.protocol.multiflow;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a tenant asks of one flow of a multi-flow application. Weights, preference and quality are
 * in millionths ({@link #ONE} = 1.0).
 *
 * @param flowId the flow's id within its application
 * @param betaR the weight β(R) of throughput, in millionths
 * @param betaT the weight β(T) of latency, in millionths
 * @param betaL the weight β(L) of packet loss, in millionths; the three sum to {@code ONE}
 * @param mu the preference µ ∈ (0, 1) between quality and price, in millionths, exclusive
 * @param qMin the lowest acceptable integral quality q, in millionths (0 to {@code ONE})
 * @param pMax the highest acceptable price per interval, in minor units (0 to {@link #MAX_PRICE})
 * @param refThroughputKbps the throughput that scores 1.0; more scores no higher
 * @param refLatencyMicros the latency that scores 0; lower scores linearly higher, 0 µs scores 1.0
 * @param refLossPpm the packet loss (per million) that scores 0; lower scores linearly higher
 * @param intervals the time intervals the flow is bought for, each bid on separately
 */
public record FlowRequirement(
    String flowId,
    long betaR,
    long betaT,
    long betaL,
    long mu,
    long qMin,
    long pMax,
    long refThroughputKbps,
    long refLatencyMicros,
    long refLossPpm,
    List<String> intervals) {

  /** 1.0 in millionths: the scale of weights, µ, quality and scores. */
  public static final long ONE = 1_000_000L;

  /** The highest {@code pMax} accepted, so that every utility fits a {@code long}. */
  public static final long MAX_PRICE = 1_000_000_000_000L;

  /** The form of flow and interval ids. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** The most intervals a flow may have. */
  public static final int MAX_INTERVALS = 96;

  /** Validates every value and copies the intervals. */
  public FlowRequirement {
    requireId("flowId", flowId);
    for (long beta : new long[] {betaR, betaT, betaL}) {
      requireRange("each weight β", beta, 0, ONE);
    }
    if (betaR + betaT + betaL != ONE) {
      throw new IllegalArgumentException(
          "flow "
              + flowId
              + ": β(R) + β(T) + β(L) must be "
              + ONE
              + " (1.0), is "
              + (betaR + betaT + betaL));
    }
    requireRange("mu", mu, 1, ONE - 1);
    requireRange("qMin", qMin, 0, ONE);
    requireRange("pMax", pMax, 0, MAX_PRICE);
    requireRange("refThroughputKbps", refThroughputKbps, 1, 1_000_000_000L);
    requireRange("refLatencyMicros", refLatencyMicros, 1, 1_000_000_000L);
    requireRange("refLossPpm", refLossPpm, 1, ONE);
    Objects.requireNonNull(intervals, "intervals");
    if (intervals.isEmpty() || intervals.size() > MAX_INTERVALS) {
      throw new IllegalArgumentException(
          "flow " + flowId + " needs 1 to " + MAX_INTERVALS + " intervals");
    }
    intervals = List.copyOf(intervals);
    if (intervals.stream().distinct().count() != intervals.size()) {
      throw new IllegalArgumentException("flow " + flowId + " names an interval twice");
    }
    intervals.forEach(i -> requireId("interval", i));
  }

  /** Requires {@code value} to be a flow or interval id. */
  public static void requireId(final String name, final String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          name + " '" + value + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
  }

  /** Requires {@code min <= value <= max}. */
  public static void requireRange(
      final String name, final long value, final long min, final long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be " + min + " to " + max + ", was " + value);
    }
  }
}
