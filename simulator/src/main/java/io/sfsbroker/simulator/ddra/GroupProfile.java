package io.sfsbroker.simulator.ddra;

import java.util.List;

/**
 * A simulated user group over the whole horizon, before it is cut into per-period auction groups.
 *
 * @param id the group name
 * @param centralized whether 80% of the members sit close together
 * @param members the members' grid positions
 * @param alpha the utility exponent {@code α_i}
 * @param bandwidthCosts {@code n_{i,s}} per activity type
 * @param spells the planned activities, in time order, not overlapping
 */
record GroupProfile(
    String id,
    boolean centralized,
    List<GridPoint> members,
    double alpha,
    List<Double> bandwidthCosts,
    List<ActivitySpell> spells) {

  /** Copies the lists. */
  GroupProfile {
    members = List.copyOf(members);
    bandwidthCosts = List.copyOf(bandwidthCosts);
    spells = List.copyOf(spells);
  }
}
