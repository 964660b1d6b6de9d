package io.sfsbroker.market.auction;

import java.util.Collections;
import java.util.List;

/**
 * A group's move in one round: its choice by Theorem 1, the damped volumes of eq. (16) and the bids
 * that follow from them.
 *
 * @param group the group index {@code i}
 * @param planet the chosen Planet, or {@link #NO_PLANET} for a group with no data
 * @param targets {@code x*_{i,·}}, the optimal volume per Planet (non-zero at the chosen one only)
 * @param volumes {@code x_{i,·}}, the damped volume per Planet that the group bids for
 * @param bids one bid per Planet with a positive volume, in Planet order
 * @param planetChanges how often the group has moved to another Planet in this auction, this round
 *     included
 */
public record GroupResponse(
    int group,
    int planet,
    List<Double> targets,
    List<Double> volumes,
    List<Bid> bids,
    int planetChanges) {

  /** The planet of a group that takes part in no Planet. */
  public static final int NO_PLANET = -1;

  /** Checks the arguments and copies the lists. */
  public GroupResponse {
    targets = List.copyOf(targets);
    volumes = List.copyOf(volumes);
    bids = List.copyOf(bids);
    if (targets.size() != volumes.size()) {
      throw new IllegalArgumentException("targets and volumes must cover the same Planets");
    }
    if (planet < NO_PLANET || planet >= targets.size()) {
      throw new IllegalArgumentException("planet " + planet + " is not a Planet index");
    }
    if (planetChanges < 0) {
      throw new IllegalArgumentException("planetChanges must be >= 0");
    }
  }

  /**
   * Returns the response of a group that does not take part in the auction: no Planet, no volume,
   * no bid. Such a group is not bound by the outcome and pays nothing.
   *
   * @param group the group index
   * @param planets the number of Planets
   * @return the empty response
   */
  public static GroupResponse absent(int group, int planets) {
    List<Double> zeros = Collections.nCopies(planets, 0.0);
    return new GroupResponse(group, NO_PLANET, zeros, zeros, List.of(), 0);
  }
}
