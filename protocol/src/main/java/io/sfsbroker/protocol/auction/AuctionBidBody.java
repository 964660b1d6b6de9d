package io.sfsbroker.protocol.auction;

import java.util.List;
import java.util.Objects;

/**
 * The body of an {@code auction-bid} envelope: a group's best response in one round.
 *
 * @param auctionId the auction
 * @param round the round the bid is for, from 1
 * @param planet the Planet index the group chose by Theorem 1, or {@code -1} for an idle group
 * @param volumes {@code x_{i,·}}, the damped volume per Planet of eq. (16) the group bids for, in
 *     Planet order; each finite and non-negative
 */
public record AuctionBidBody(String auctionId, int round, int planet, List<Double> volumes) {

  /** Checks the values and copies the list. */
  public AuctionBidBody {
    if (auctionId == null || auctionId.isBlank()) {
      throw new IllegalArgumentException("auctionId is missing");
    }
    if (round < 1) {
      throw new IllegalArgumentException("round counts from 1, was " + round);
    }
    if (planet < -1) {
      throw new IllegalArgumentException("planet must be a Planet index or -1, was " + planet);
    }
    Objects.requireNonNull(volumes, "volumes is missing");
    for (Double volume : volumes) {
      if (volume == null || !(volume >= 0) || volume.isInfinite()) {
        throw new IllegalArgumentException("volumes must be finite and >= 0, found " + volume);
      }
    }
    volumes = List.copyOf(volumes);
  }
}
