package io.sfsbroker.market.auction;

import java.util.List;

/**
 * The outcome of a whole auction.
 *
 * @param type the auction type
 * @param distances {@code ‖x̂ − x*‖} after each round, in order
 * @param lastRound the final round; its new prices and actual volumes are the outcome
 * @param converged whether the last distance is at most {@code ε}
 */
public record AuctionResult(
    AuctionType type, List<Double> distances, Round lastRound, boolean converged) {

  /** Copies the distances. */
  public AuctionResult {
    distances = List.copyOf(distances);
    if (distances.isEmpty()) {
      throw new IllegalArgumentException("an auction runs at least one round");
    }
  }

  /**
   * Returns the number of rounds run.
   *
   * @return the round count
   */
  public int rounds() {
    return distances.size();
  }

  /**
   * Returns the prices for the period.
   *
   * @return {@code p̂} of every Planet
   */
  public List<ResourceVector> prices() {
    return lastRound.newPrices();
  }

  /**
   * Returns the allocation for the period.
   *
   * @return {@code x̂}, indexed by group, then Planet
   */
  public List<List<Double>> allocation() {
    return lastRound.actual();
  }
}
