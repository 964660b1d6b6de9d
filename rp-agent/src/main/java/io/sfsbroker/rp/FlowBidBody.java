package io.sfsbroker.rp;

import io.sfsbroker.protocol.multiflow.FlowBid;
import java.util.Objects;

/**
 * The body of a {@code flow-bid} envelope (docs/tokens.md, {@code multiflow:submitFlowBid}): the
 * operator's ⟨[R, T, L], p⟩ for one flow of an application in one interval.
 *
 * @param applicationId the application
 * @param flowId the flow
 * @param interval the interval
 * @param throughputKbps R, in kbit/s
 * @param latencyMicros T, in microseconds
 * @param lossPpm L, packets lost per million
 * @param price p, in minor units
 */
public record FlowBidBody(
    String applicationId,
    String flowId,
    String interval,
    long throughputKbps,
    long latencyMicros,
    long lossPpm,
    long price) {

  /** Checks for nulls. */
  public FlowBidBody {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(flowId, "flowId");
    Objects.requireNonNull(interval, "interval");
  }

  /** The bid of {@code terms} for one flow and interval. */
  static FlowBidBody of(
      final String applicationId,
      final String flowId,
      final String interval,
      final FlowTerms terms) {
    return new FlowBidBody(
        applicationId,
        flowId,
        interval,
        terms.throughputKbps(),
        terms.latencyMicros(),
        terms.lossPpm(),
        terms.price());
  }

  /** This body as {@code bidderId}'s bid, for scoring. */
  FlowBid toBid(final String bidderId) {
    return new FlowBid(bidderId, flowId, interval, throughputKbps, latencyMicros, lossPpm, price);
  }
}
