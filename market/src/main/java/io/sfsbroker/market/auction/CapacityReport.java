package io.sfsbroker.market.auction;

import java.util.List;

/**
 * The resources an allocation uses in every slot of every Planet, against the capacities.
 *
 * @param loads {@code c^allocated_{j,r,t}} by eq. (13), indexed by Planet, then slot
 * @param capacities {@code C_j} of every Planet
 */
public record CapacityReport(List<List<ResourceVector>> loads, List<ResourceVector> capacities) {

  /** Checks the shape and copies the lists. */
  public CapacityReport {
    loads = loads.stream().map(List::copyOf).toList();
    capacities = List.copyOf(capacities);
    if (loads.size() != capacities.size()) {
      throw new IllegalArgumentException("give loads and capacities for the same Planets");
    }
  }

  /**
   * Returns the allocation ratio {@code c^allocated_{j,r,t} / C_{j,r}}.
   *
   * @param planet the Planet index {@code j}
   * @param resource the resource {@code r}
   * @param slot the slot {@code t}
   * @return the share of the capacity in use
   */
  public double ratio(int planet, Resource resource, int slot) {
    return loads.get(planet).get(slot).get(resource) / capacities.get(planet).get(resource);
  }

  /**
   * Returns the largest allocation ratio over all Planets, resources and slots.
   *
   * @return the largest ratio, zero if nothing is allocated
   */
  public double maxRatio() {
    double max = 0;
    for (int j = 0; j < loads.size(); j++) {
      for (int t = 0; t < loads.get(j).size(); t++) {
        for (Resource r : Resource.values()) {
          max = StrictMath.max(max, ratio(j, r, t));
        }
      }
    }
    return max;
  }

  /**
   * Returns whether the capacity constraint {@code c^allocated_{j,r,t} ≤ C_{j,r}} holds for every
   * Planet, resource and slot. The comparison is exact: no tolerance.
   *
   * @return {@code true} when no capacity is exceeded
   */
  public boolean withinCapacity() {
    for (int j = 0; j < loads.size(); j++) {
      for (ResourceVector load : loads.get(j)) {
        for (Resource r : Resource.values()) {
          if (load.get(r) > capacities.get(j).get(r)) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
