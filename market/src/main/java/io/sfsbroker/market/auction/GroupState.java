package io.sfsbroker.market.auction;

import java.util.List;

/**
 * What one group carries from round to round.
 *
 * @param actual {@code x̂_{i,·}}, the volume per Planet the group could process after the last
 *     round
 * @param planet the Planet it chose in the last round, or {@link GroupResponse#NO_PLANET} before
 *     its first choice in this auction
 * @param planetChanges how often it has moved to another Planet in this auction
 */
public record GroupState(List<Double> actual, int planet, int planetChanges) {

  /** Checks the values and copies the volumes. */
  public GroupState {
    actual = List.copyOf(actual);
    for (double volume : actual) {
      if (!(volume >= 0) || Double.isInfinite(volume)) {
        throw new IllegalArgumentException("volumes must be finite and >= 0, was " + volume);
      }
    }
    if (planet < GroupResponse.NO_PLANET || planet >= actual.size()) {
      throw new IllegalArgumentException("planet " + planet + " is not a Planet index");
    }
    if (planetChanges < 0) {
      throw new IllegalArgumentException("planetChanges must be >= 0");
    }
  }

  /**
   * Returns the state at the start of an auction.
   *
   * @param actual the volumes of the current period, {@code x_i} of Algorithm 1's input
   * @return the state with no choice made yet
   */
  public static GroupState start(List<Double> actual) {
    return new GroupState(actual, GroupResponse.NO_PLANET, 0);
  }
}
