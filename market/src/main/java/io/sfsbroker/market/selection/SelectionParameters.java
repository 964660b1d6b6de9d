package io.sfsbroker.market.selection;

/**
 * Settings of the iterative searches that find the equilibrium prices: the Newton search of {@link
 * StackelbergSelection} and the learning procedure of {@link ProportionalShareSelection}.
 *
 * @param damping the share of each Newton step a leader takes, in {@code (0, 1]}; {@code 1} is an
 *     undamped step (fastest), smaller values move more cautiously
 * @param tolerance the loop stops when a leader's price moves by at most {@code tolerance × max(1,
 *     price)}; in {@code (0, 0.01]}
 * @param maxIterations the most rounds any one leader takes; at least 1
 */
public record SelectionParameters(double damping, double tolerance, int maxIterations) {

  /** Undamped steps, a relative tolerance of 1e-12 and at most 64 rounds. */
  public static final SelectionParameters DEFAULTS = new SelectionParameters(1.0, 1e-12, 64);

  /** Validates the settings. */
  public SelectionParameters {
    if (!(damping > 0 && damping <= 1)) {
      throw new IllegalArgumentException("damping must be in (0, 1], was " + damping);
    }
    if (!(tolerance > 0 && tolerance <= 0.01)) {
      throw new IllegalArgumentException("tolerance must be in (0, 0.01], was " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, was " + maxIterations);
    }
  }
}
