package io.sfsbroker.benchmarks.e2e;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * When each step of one slice request was reached, in milliseconds from the signing of the request,
 * and how long its offer window was.
 *
 * @param reached milliseconds from signing to each step; every step is present
 * @param windowMillis the offer window the ledger opened (its deadline minus its opening, both
 *     ledger time)
 */
public record Timeline(Map<Step, Long> reached, long windowMillis) {

  /** Checks that every step is there, and copies the map. */
  public Timeline {
    Objects.requireNonNull(reached, "reached");
    EnumMap<Step, Long> copy = new EnumMap<>(Step.class);
    for (Step step : Step.values()) {
      Long millis = reached.get(step);
      if (millis == null || millis < 0) {
        throw new IllegalArgumentException("step " + step.label() + " has no time: " + reached);
      }
      copy.put(step, millis);
    }
    reached = Collections.unmodifiableMap(copy);
    if (windowMillis < 0) {
      throw new IllegalArgumentException("windowMillis must not be negative: " + windowMillis);
    }
  }

  /** From signing to the handover: the request's end-to-end latency. */
  public long endToEndMillis() {
    return reached.get(Step.HANDOVER);
  }

  /**
   * How long {@code step} itself took: from the step before it (the signing, for the first) to it;
   * zero when it was observed before the step before it (two observers on one clock can cross by a
   * few milliseconds).
   */
  public long ownMillis(final Step step) {
    long before = step.ordinal() == 0 ? 0 : reached.get(Step.values()[step.ordinal() - 1]);
    return Math.max(0, reached.get(step) - before);
  }
}
