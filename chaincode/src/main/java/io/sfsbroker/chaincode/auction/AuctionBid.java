package io.sfsbroker.chaincode.auction;

import io.sfsbroker.market.auction.GroupResponse;
import java.time.Instant;
import java.util.Objects;

/**
 * A group's accepted bid in one round, stored under {@code auction-bid~<id>~<round>~<groupId>}: one
 * key per auction, round and group, so groups bidding at once never write a shared key.
 *
 * @param auctionId the auction
 * @param round the round
 * @param groupId the group's participant id
 * @param response the group's best response as the contract recomputed it (choice, targets, damped
 *     volumes and the bids with their payments)
 * @param submittedAt the transaction time
 * @param nonce the envelope's nonce
 * @param txId the transaction that accepted it
 */
public record AuctionBid(
    String auctionId,
    int round,
    String groupId,
    GroupResponse response,
    Instant submittedAt,
    String nonce,
    String txId) {

  /** Checks that the record is complete. */
  public AuctionBid {
    Objects.requireNonNull(auctionId, "auctionId");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(txId, "txId");
    if (round < 1) {
      throw new IllegalArgumentException("rounds count from 1");
    }
  }
}
