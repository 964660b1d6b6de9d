package io.sfsbroker.protocol.multiflow;

import java.util.Objects;

/**
 * A bid with its normalised scores, integral quality and utility, all in millionths.
 *
 * @param bid the bid as given
 * @param throughputScore R normalised to 0 … 1,000,000 (higher is better)
 * @param latencyScore T normalised to 0 … 1,000,000 (higher is better)
 * @param lossScore L normalised to 0 … 1,000,000 (higher is better)
 * @param quality q = R·β(R) + T·β(T) + L·β(L), in millionths, rounded down
 * @param utility u(q, p) × 1,000,000: µ(q − qmin) + (1 − µ)(pmax − p) with µ in millionths
 * @param acceptable whether q ≥ qmin and p ≤ pmax
 */
public record ScoredBid(
    FlowBid bid,
    long throughputScore,
    long latencyScore,
    long lossScore,
    long quality,
    long utility,
    boolean acceptable) {

  /** Checks the bid is present. */
  public ScoredBid {
    Objects.requireNonNull(bid, "bid");
  }
}
