package io.sfsbroker.market.auction;

import java.util.List;

/**
 * Everything an auction for one period is about: the Planets, the groups and their plans, the
 * distances between Planets and the migration price.
 *
 * @param planets the Planets {@code J}, indexed from 0
 * @param groups the user groups {@code I}, indexed from 0
 * @param planetDistances {@code d_{j',j}}, routers between each pair of Planets; square, symmetric
 *     in use but not required to be
 * @param migrationCost {@code β}, what a group pays one router per unit of migrated data
 */
public record AuctionInstance(
    List<Planet> planets,
    List<UserGroup> groups,
    List<List<Integer>> planetDistances,
    double migrationCost) {

  /** Checks that all dimensions agree and copies the lists. */
  public AuctionInstance {
    planets = List.copyOf(planets);
    groups = List.copyOf(groups);
    planetDistances = planetDistances.stream().map(List::copyOf).toList();
    if (planets.isEmpty()) {
      throw new IllegalArgumentException("an auction needs at least one Planet");
    }
    if (!(migrationCost >= 0) || Double.isInfinite(migrationCost)) {
      throw new IllegalArgumentException("migrationCost must be finite and >= 0");
    }
    int planetCount = planets.size();
    int activities = planets.get(0).activityCount();
    for (Planet planet : planets) {
      if (planet.activityCount() != activities) {
        throw new IllegalArgumentException("all Planets must know the same activity types");
      }
    }
    if (planetDistances.size() != planetCount) {
      throw new IllegalArgumentException("planetDistances must be " + planetCount + " rows");
    }
    for (List<Integer> row : planetDistances) {
      if (row.size() != planetCount || row.stream().anyMatch(d -> d < 0)) {
        throw new IllegalArgumentException(
            "planetDistances rows must hold " + planetCount + " non-negative distances");
      }
    }
    Integer slots = null;
    for (UserGroup group : groups) {
      Timetable timetable = group.timetable();
      if (timetable.activityCount() != activities) {
        throw new IllegalArgumentException(
            "group " + group.id() + " plans " + timetable.activityCount() + " activity types");
      }
      if (slots == null) {
        slots = timetable.slotCount();
      } else if (slots != timetable.slotCount()) {
        throw new IllegalArgumentException("all timetables must cover the same slots");
      }
      for (Member member : group.members()) {
        if (member.planetDistances().size() != planetCount) {
          throw new IllegalArgumentException(
              "member " + member.id() + " needs a distance to each of " + planetCount + " Planets");
        }
      }
      if (group.requiresMigration() && group.migration().currentPlanet() >= planetCount) {
        throw new IllegalArgumentException("group " + group.id() + " migrates from no Planet");
      }
    }
  }

  /**
   * Returns the number of slots in the period, {@code Z}.
   *
   * @return the slot count, or 1 when there are no groups
   */
  public int slotCount() {
    return groups.isEmpty() ? 1 : groups.get(0).timetable().slotCount();
  }

  /**
   * Returns the auction type.
   *
   * @return {@link AuctionType#TYPE_2} when some group has a migration requirement
   */
  public AuctionType type() {
    return groups.stream().anyMatch(UserGroup::requiresMigration)
        ? AuctionType.TYPE_2
        : AuctionType.TYPE_1;
  }

  /**
   * Returns each Planet's operating cost, the lowest prices Theorem 2 allows.
   *
   * @return {@code q_j} for every Planet
   */
  public List<ResourceVector> reservePrices() {
    return planets.stream().map(Planet::operatingCost).toList();
  }
}
