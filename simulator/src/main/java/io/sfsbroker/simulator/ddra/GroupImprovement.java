package io.sfsbroker.simulator.ddra;

/**
 * How much more an active group processes under DDRA than under the uniform benchmark.
 *
 * @param group the group name
 * @param ddraVolume {@code Σ_j x̂_{i,j}}
 * @param uniformVolume the uniform volume with the last round's bids as shares, capped at the bid
 *     volume (the paper's benchmark)
 * @param uniformToTotalVolume the uniform volume when it may reach {@code X_i}
 * @param lastPriceRatio {@code Σ x̂ / Σ x} of the last round: below 1 when that round still raised
 *     a price the group pays
 */
record GroupImprovement(
    String group,
    double ddraVolume,
    double uniformVolume,
    double uniformToTotalVolume,
    double lastPriceRatio) {

  /**
   * Returns the paper's improvement ratio.
   *
   * @return DDRA volume over uniform volume
   */
  double ratio() {
    return ddraVolume / uniformVolume;
  }

  /**
   * Returns the improvement ratio against the uncapped uniform benchmark.
   *
   * @return DDRA volume over the uniform volume capped at {@code X_i}
   */
  double ratioToTotal() {
    return ddraVolume / uniformToTotalVolume;
  }
}
