package io.sfsbroker.market.auction;

/**
 * The knobs of Algorithm 1.
 *
 * @param gamma {@code γ ∈ (0, 1)}, the weight of the new best response in the damped step (16)
 * @param epsilon {@code ε > 0}, the auction stops once {@code ‖x̂ − x*‖ ≤ ε}
 * @param maxRounds the most rounds to run before giving up without convergence; positive
 * @param maxPlanetChanges how often a group may move to another Planet within one auction; after
 *     that it keeps its Planet and only adjusts its volume. A safety stop that is not in the paper:
 *     without it a group whose two best Planets are nearly tied can flip between them forever,
 *     because the price change its own move causes reverses its preference, and a Theorem-1
 *     equilibrium need not exist (see {@code docs/auction.md}). A group it held is not at its best
 *     response in the outcome; positive
 */
public record AuctionParameters(double gamma, double epsilon, int maxRounds, int maxPlanetChanges) {

  /**
   * The values used for the paper's evaluation: {@code ε = 1} Mb (the paper's), and our choices
   * {@code γ = 0.9} (the paper gives none; a smaller γ slows the price adjustment of a resource
   * that is a small part of the unit cost, see {@code docs/auction.md}), at most 5,000 rounds and
   * at most 5 Planet changes per group.
   */
  public static final AuctionParameters DEFAULT = new AuctionParameters(0.9, 1.0, 5000, 5);

  /** Checks the arguments. */
  public AuctionParameters {
    if (!(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1), was " + gamma);
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be positive and finite, was " + epsilon);
    }
    if (maxRounds <= 0) {
      throw new IllegalArgumentException("maxRounds must be positive, was " + maxRounds);
    }
    if (maxPlanetChanges <= 0) {
      throw new IllegalArgumentException(
          "maxPlanetChanges must be positive, was " + maxPlanetChanges);
    }
  }
}
