package io.sfsbroker.protocol.multiflow;

import java.util.Objects;

/**
 * An operator's bid ⟨[R, T, L], p⟩ for one flow in one interval, in raw units.
 *
 * @param bidderId the operator (RP) that bids
 * @param flowId the flow
 * @param interval the interval
 * @param throughputKbps R, the throughput it guarantees, in kbit/s
 * @param latencyMicros T, the latency it guarantees, in microseconds
 * @param lossPpm L, the packet loss it guarantees, per million packets
 * @param price p, what it asks for the interval, in minor units
 */
public record FlowBid(
    String bidderId,
    String flowId,
    String interval,
    long throughputKbps,
    long latencyMicros,
    long lossPpm,
    long price) {

  /** Validates every value. */
  public FlowBid {
    Objects.requireNonNull(bidderId, "bidderId");
    FlowRequirement.requireId("flowId", flowId);
    FlowRequirement.requireId("interval", interval);
    FlowRequirement.requireRange("throughputKbps", throughputKbps, 0, 1_000_000_000_000L);
    FlowRequirement.requireRange("latencyMicros", latencyMicros, 0, 1_000_000_000_000L);
    FlowRequirement.requireRange("lossPpm", lossPpm, 0, FlowRequirement.ONE);
    FlowRequirement.requireRange("price", price, 0, FlowRequirement.MAX_PRICE);
  }
}
