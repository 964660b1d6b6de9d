package io.sfsbroker.market.auction;

import java.util.List;

/**
 * The outcome of a whole auction.
 *
 * @param type the auction type
 * @param distances {@code ‖x̂ − x*‖} after each round, in order
 * @param lastRound the final round (the last clearing round, if any); its new prices and actual
 *     volumes are the outcome
 * @param converged whether the last distance of Algorithm 1 is at most {@code ε}
 * @param clearingRounds how many clearing rounds ({@link DdraAuction#clear}) followed Algorithm 1
 */
public record AuctionResult(
    AuctionType type,
    List<Double> distances,
    Round lastRound,
    boolean converged,
    int clearingRounds) {

  /** Copies the distances. */
  public AuctionResult {
    distances = List.copyOf(distances);
    if (distances.isEmpty()) {
      throw new IllegalArgumentException("an auction runs at least one round");
    }
    if (clearingRounds < 0) {
      throw new IllegalArgumentException("clearingRounds must not be negative");
    }
  }

  /**
   * Returns whether the outcome gives every bid of its last round its whole volume, at the prices
   * the bid was made at ({@code x̂ = x}); false only when {@link DdraAuction#MAX_CLEARING_ROUNDS}
   * did not suffice.
   *
   * @return {@code true} when no bid of the last round was rationed
   */
  public boolean cleared() {
    return !DdraAuction.rationed(lastRound);
  }

  /**
   * Returns the number of rounds of Algorithm 1 run (the clearing rounds not counted).
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
