package io.sfsbroker.chaincode.auction;

import io.sfsbroker.market.auction.ResourceVector;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The final outcome of an auction, stored under {@code auction-allocation~<id>} when the auction
 * settles; also the payload of the {@code AuctionSettled} event. It never changes: where each
 * payment stands is in its escrow.
 *
 * @param auctionId the auction
 * @param rounds the number of rounds run
 * @param converged whether the last round met {@code ‖x̂ − x*‖ ≤ ε} (else the round limit ended it)
 * @param distance {@code ‖x̂ − x*‖} of the last round
 * @param planetIds the Planets, in Planet order
 * @param groupIds the groups, in group order
 * @param prices {@code p̂} of every Planet for the period, after clearing ({@code
 *     DdraAuction.clear})
 * @param allocation {@code x̂}, indexed by group, then Planet, after clearing
 * @param maxCapacityRatio the largest {@code c^alloc_{j,r,t} / C_{j,r}} over all Planets, resources
 *     and slots; at most 1
 * @param paymentScale credit minor units per unit of the auction's prices
 * @param payments one per group and Planet whose volume costs at least one credit minor unit, when
 *     the group could pay, in group, then Planet order: the amount locked in escrow and the token
 *     minted; a cheaper volume (dust) is neither paid nor tokenised
 * @param unfunded the groups whose credits could not cover all their payments, in group order:
 *     nothing was locked from them and no token minted to them
 * @param settledAt the transaction time
 * @param txId the settling transaction
 */
public record AuctionAllocation(
    String auctionId,
    int rounds,
    boolean converged,
    double distance,
    List<String> planetIds,
    List<String> groupIds,
    List<ResourceVector> prices,
    List<List<Double>> allocation,
    double maxCapacityRatio,
    long paymentScale,
    List<AllocationPayment> payments,
    List<UnfundedGroup> unfunded,
    Instant settledAt,
    String txId) {

  /** Checks that the record is complete and copies the lists. */
  public AuctionAllocation {
    Objects.requireNonNull(auctionId, "auctionId");
    planetIds = List.copyOf(planetIds);
    groupIds = List.copyOf(groupIds);
    prices = List.copyOf(prices);
    allocation = allocation.stream().map(List::copyOf).toList();
    payments = List.copyOf(payments);
    unfunded = List.copyOf(unfunded);
    Objects.requireNonNull(settledAt, "settledAt");
    Objects.requireNonNull(txId, "txId");
    if (rounds < 1) {
      throw new IllegalArgumentException("an auction runs at least one round");
    }
  }
}
