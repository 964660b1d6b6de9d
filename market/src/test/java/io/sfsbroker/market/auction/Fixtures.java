package io.sfsbroker.market.auction;

import java.util.ArrayList;
import java.util.List;

/** Small hand-checkable auctions shared by the tests. */
final class Fixtures {

  static final ResourceVector HALF = new ResourceVector(0.5, 0.5, 0.5, 0.5);

  private Fixtures() {}

  static ResourceVector uniform(double amount) {
    return new ResourceVector(amount, amount, amount, amount);
  }

  /** A Planet with the same capacity and consumption for every resource and one activity type. */
  static Planet planet(String id, double capacity, double consumption) {
    return new Planet(id, uniform(capacity), List.of(uniform(consumption)), HALF);
  }

  /**
   * A one-member group with one activity type that runs in the given slots, {@code α = 2} and
   * bandwidth cost 0.1 per router.
   */
  static UserGroup group(
      String id,
      double totalData,
      List<Integer> distances,
      int slotCount,
      List<Integer> activeSlots,
      Migration migration) {
    List<Boolean> flags = new ArrayList<>();
    for (int t = 0; t < slotCount; t++) {
      flags.add(activeSlots.contains(t));
    }
    return new UserGroup(
        id,
        List.of(new Member(id + "/u1", distances)),
        new Timetable(slotCount, List.of(flags)),
        totalData,
        List.of(totalData > 0 ? 1.0 : 0.0),
        List.of(0.1),
        2.0,
        migration);
  }

  /**
   * Two Planets, A (consumption 1 per resource) and B (consumption 2), capacity 10 each, reserve
   * price 0.5, 100 routers apart; one group with {@code X = 100} 10 routers from both, active in
   * both of 2 slots.
   */
  static AuctionInstance twoPlanets(Migration migration, double migrationCost) {
    return new AuctionInstance(
        List.of(planet("A", 10, 1), planet("B", 10, 2)),
        List.of(group("g", 100, List.of(10, 10), 2, List.of(0, 1), migration)),
        List.of(List.of(0, 100), List.of(100, 0)),
        migrationCost);
  }
}
