package io.sfsbroker.protocol.multiflow;

import java.util.List;
import java.util.Objects;

/**
 * The result of one flow in one interval.
 *
 * @param flowId the flow
 * @param interval the interval
 * @param winner the bid of highest utility among the acceptable ones; {@code null} when none is
 * @param bidCount how many bids there were
 * @param reason why there is no winner; {@code null} when there is one
 */
public record FlowOutcome(
    String flowId, String interval, ScoredBid winner, int bidCount, String reason) {

  /** Checks the ids and that exactly one of winner and reason is present. */
  public FlowOutcome {
    Objects.requireNonNull(flowId, "flowId");
    Objects.requireNonNull(interval, "interval");
    if ((winner == null) == (reason == null)) {
      throw new IllegalArgumentException("exactly one of winner and reason must be present");
    }
  }

  /** Tells whether the flow has a winner in this interval. */
  public boolean isServed() {
    return winner != null;
  }

  /** The outcomes that have a winner, in order. */
  public static List<FlowOutcome> served(final List<FlowOutcome> outcomes) {
    return outcomes.stream().filter(FlowOutcome::isServed).toList();
  }
}
