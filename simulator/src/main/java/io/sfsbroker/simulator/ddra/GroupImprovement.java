package io.sfsbroker.simulator.ddra;

/**
 * How much more an active group processes under DDRA than under the uniform benchmark.
 *
 * @param group the group name
 * @param ddraVolume {@code Σ_j x̂_{i,j}}
 * @param uniformVolume the uniform volume, capped at the uploaded volume
 * @param uniformToTotalVolume the uniform volume when it may reach {@code X_i}
 */
record GroupImprovement(
    String group, double ddraVolume, double uniformVolume, double uniformToTotalVolume) {

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
