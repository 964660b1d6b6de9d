package io.sfsbroker.market.auction;

import java.util.ArrayList;
import java.util.List;

/** Computes what an allocation uses of each Planet in each slot, by eq. (13). */
public final class CapacityCheck {

  private CapacityCheck() {}

  /**
   * Returns the load {@code c^allocated_{j,r,t} = Σ_{i,s}
   * x̂_{i,j}·r_{i,s}·c^j_{s,r}·A_{i,t,s}/D_{i,s}} of every Planet, resource and slot.
   *
   * @param instance the auction
   * @param allocation {@code x̂}, indexed by group, then Planet
   * @return the report; {@link CapacityReport#withinCapacity()} says whether the constraint holds
   */
  public static CapacityReport check(AuctionInstance instance, List<List<Double>> allocation) {
    if (allocation.size() != instance.groups().size()) {
      throw new IllegalArgumentException(
          "give an allocation for each of " + instance.groups().size() + " groups");
    }
    List<List<ResourceVector>> loads = new ArrayList<>();
    for (int j = 0; j < instance.planets().size(); j++) {
      loads.add(planetLoads(instance, j, allocation));
    }
    return new CapacityReport(loads, instance.planets().stream().map(Planet::capacity).toList());
  }

  /**
   * Returns the capacity report of an allocation, requiring {@code c^alloc_{j,r,t} ≤ C_{j,r}} for
   * every Planet, resource and slot, exactly.
   *
   * @param instance the auction
   * @param allocation {@code x̂}, indexed by group, then Planet
   * @return the report, within capacity
   * @throws IllegalStateException naming the first Planet, resource and slot over capacity
   */
  public static CapacityReport requireWithinCapacity(
      AuctionInstance instance, List<List<Double>> allocation) {
    CapacityReport report = check(instance, allocation);
    for (int j = 0; j < instance.planets().size() && !report.withinCapacity(); j++) {
      for (int t = 0; t < instance.slotCount(); t++) {
        for (Resource r : Resource.values()) {
          if (report.ratio(j, r, t) > 1) {
            throw new IllegalStateException(
                "Planet "
                    + instance.planets().get(j).id()
                    + " would be over its "
                    + r
                    + " capacity in slot "
                    + t
                    + " (ratio "
                    + report.ratio(j, r, t)
                    + ")");
          }
        }
      }
    }
    return report;
  }

  private static List<ResourceVector> planetLoads(
      AuctionInstance instance, int planet, List<List<Double>> allocation) {
    Planet target = instance.planets().get(planet);
    List<ResourceVector> slots = new ArrayList<>(instance.slotCount());
    for (int t = 0; t < instance.slotCount(); t++) {
      int slot = t;
      slots.add(
          ResourceVector.of(
              r -> {
                double load = 0;
                for (int i = 0; i < instance.groups().size(); i++) {
                  double volume = allocation.get(i).get(planet);
                  if (volume > 0) {
                    load += volume * instance.groups().get(i).loadPerUnit(target, r, slot);
                  }
                }
                return load;
              }));
    }
    return slots;
  }
}
