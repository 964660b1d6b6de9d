package io.sfsbroker.market.auction;

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
}
