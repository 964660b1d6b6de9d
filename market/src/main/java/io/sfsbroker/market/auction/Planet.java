package io.sfsbroker.market.auction;

import java.util.List;
import java.util.Objects;

/**
 * An edge server ("Planet" {@code j}) that leases its resources to user groups.
 *
 * @param id a name for reports
 * @param capacity {@code C_{j,r}}, the amount of each resource available in every slot; positive
 * @param consumption {@code c^j_{s,r}}, one vector per activity type {@code s}: the resources the
 *     Planet uses to process one unit of data rate (1 Mb/s) of that activity
 * @param operatingCost {@code q_{j,r}}, the Planet's cost of using one unit of each resource; also
 *     its reserve price; positive
 */
public record Planet(
    String id,
    ResourceVector capacity,
    List<ResourceVector> consumption,
    ResourceVector operatingCost) {

  /** Checks the arguments and copies the consumption list. */
  public Planet {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(operatingCost, "operatingCost");
    consumption = List.copyOf(consumption);
    if (!capacity.isPositive()) {
      throw new IllegalArgumentException("Planet " + id + ": every capacity must be positive");
    }
    if (!operatingCost.isPositive()) {
      throw new IllegalArgumentException(
          "Planet " + id + ": every operating cost must be positive, it is the reserve price");
    }
    if (consumption.isEmpty()) {
      throw new IllegalArgumentException("Planet " + id + ": give one consumption per activity");
    }
  }

  /**
   * Returns {@code c^j_{s,r}}.
   *
   * @param activity the activity type {@code s}
   * @param resource the resource {@code r}
   * @return the consumption per unit data rate
   */
  public double consumption(int activity, Resource resource) {
    return consumption.get(activity).get(resource);
  }

  /**
   * Returns the number of activity types this Planet knows.
   *
   * @return {@code |S|}
   */
  public int activityCount() {
    return consumption.size();
  }
}
