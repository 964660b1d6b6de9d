package io.sfsbroker.rp;

import io.sfsbroker.protocol.multiflow.FlowRequirement;

/**
 * What an operator guarantees and asks for one flow in one interval (docs/rp-agent.md, {@code
 * flows}): the standing ⟨[R, T, L], p⟩ of its flow bids, in the units of {@code multiflow} bids
 * (docs/tokens.md).
 *
 * @param throughputKbps R, the throughput it guarantees, in kbit/s: 0 to {@value #MAX_VALUE}
 * @param latencyMicros T, the latency it guarantees, in microseconds: 0 to {@value #MAX_VALUE}
 * @param lossPpm L, the packet loss it guarantees, per million packets: 0 to 1,000,000
 * @param price p, what it asks per flow and interval, in minor units: 0 to {@value
 *     FlowRequirement#MAX_PRICE}
 */
public record FlowTerms(long throughputKbps, long latencyMicros, long lossPpm, long price) {

  /** The largest throughput or latency the ledger takes. */
  public static final long MAX_VALUE = 1_000_000_000_000L;

  /** Checks the ranges, as the ledger checks a bid. */
  public FlowTerms {
    requireRange("throughputKbps", throughputKbps, MAX_VALUE);
    requireRange("latencyMicros", latencyMicros, MAX_VALUE);
    requireRange("lossPpm", lossPpm, FlowRequirement.ONE);
    requireRange("price", price, FlowRequirement.MAX_PRICE);
  }

  private static void requireRange(final String field, final long value, final long max) {
    if (value < 0 || value > max) {
      throw new IllegalArgumentException(field + " must be 0 to " + max + ", was " + value);
    }
  }
}
