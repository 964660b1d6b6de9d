package io.sfsbroker.protocol.multiflow;

import java.util.Objects;

/**
 * The body of a {@code flow-bid} envelope, signed by a resource provider (operator): ⟨[R, T, L], p⟩
 * for one flow in one interval.
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

  /** Checks the application id is present; the rest is checked by {@link #toBid}. */
  public FlowBidBody {
    Objects.requireNonNull(applicationId, "applicationId is missing");
  }

  /** The bid of {@code rpId}. */
  public FlowBid toBid(final String rpId) {
    return new FlowBid(rpId, flowId, interval, throughputKbps, latencyMicros, lossPpm, price);
  }
}
