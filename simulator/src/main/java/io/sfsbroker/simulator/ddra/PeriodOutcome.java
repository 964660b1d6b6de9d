package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionResult;
import io.sfsbroker.market.auction.CapacityReport;
import java.util.List;

/**
 * One period of the evaluation: its auction and the two allocations compared.
 *
 * @param instance the auction held before the period
 * @param result the DDRA outcome
 * @param ddra the resource use of the DDRA allocation
 * @param uniformVolumes the volumes under the uniform benchmark with the shares of the last round's
 *     bids, capped at the bid volume {@code x}
 * @param uniformToTotalVolumes the uniform volumes when a group may use its share up to {@code X_i}
 * @param uniform the resource use of the uniform benchmark
 */
record PeriodOutcome(
    AuctionInstance instance,
    AuctionResult result,
    CapacityReport ddra,
    List<List<Double>> uniformVolumes,
    List<List<Double>> uniformToTotalVolumes,
    CapacityReport uniform) {

  /** Copies the lists. */
  PeriodOutcome {
    uniformVolumes = uniformVolumes.stream().map(List::copyOf).toList();
    uniformToTotalVolumes = uniformToTotalVolumes.stream().map(List::copyOf).toList();
  }
}
