package io.sfsbroker.chaincode.auction;

import java.time.Instant;
import java.util.Objects;

/**
 * Which round of an auction is open, stored under {@code auction-progress~<id>}; written by {@code
 * openAuction} and every {@code closeRound}, read by every bid.
 *
 * @param auctionId the auction
 * @param status open for bids or settled
 * @param round the open round, or the last round once settled; from 1
 * @param updatedAt the transaction time of the last change
 */
public record AuctionProgress(
    String auctionId, AuctionStatus status, int round, Instant updatedAt) {

  /** Checks that the record is complete. */
  public AuctionProgress {
    Objects.requireNonNull(auctionId, "auctionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (round < 1) {
      throw new IllegalArgumentException("rounds count from 1, was " + round);
    }
  }
}
