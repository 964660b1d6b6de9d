package io.sfsbroker.market.auction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Invariants of every round on random instances (seeded, so a failure reproduces). */
class CapacityPropertyTest {

  private static final int INSTANCES = 150;
  private static final int ROUNDS = 40;

  @Test
  void everyRound_randomInstances_neverExceedsCapacityInAnySlot() {
    Random random = new Random(42);
    int checkedRounds = 0;
    double largestRatio = 0;
    for (int n = 0; n < INSTANCES; n++) {
      AuctionInstance instance = randomInstance(random);
      AuctionParameters parameters =
          new AuctionParameters(0.1 + 0.8 * random.nextDouble(), 1e-9, ROUNDS, 3);
      AuctionState state = AuctionState.initial(instance);
      for (int k = 0; k < ROUNDS; k++) {
        Round round = DdraAuction.round(instance, state, parameters);
        CapacityReport report = CapacityCheck.check(instance, round.actual());
        assertThat(report.withinCapacity())
            .as("instance %d round %d, largest ratio %s", n, k, report.maxRatio())
            .isTrue();
        largestRatio = StrictMath.max(largestRatio, report.maxRatio());
        for (int j = 0; j < instance.planets().size(); j++) {
          for (Resource r : Resource.values()) {
            assertThat(round.newPrices().get(j).get(r))
                .as("price never below operating cost")
                .isGreaterThanOrEqualTo(instance.planets().get(j).operatingCost().get(r));
          }
        }
        state = round.next();
        checkedRounds++;
      }
    }
    assertThat(checkedRounds).isEqualTo(INSTANCES * ROUNDS);
    // The instances are tight enough that capacity really binds, so the check is not vacuous.
    assertThat(largestRatio).isGreaterThan(0.99);
  }

  @Test
  void run_sameInstanceTwice_givesIdenticalResults() {
    AuctionInstance instance = randomInstance(new Random(7));
    AuctionParameters parameters = new AuctionParameters(0.5, 1e-6, 200, 3);

    AuctionResult first = DdraAuction.run(instance, AuctionState.initial(instance), parameters);
    AuctionResult second = DdraAuction.run(instance, AuctionState.initial(instance), parameters);

    assertThat(second).isEqualTo(first);
  }

  static AuctionInstance randomInstance(Random random) {
    int planets = 1 + random.nextInt(4);
    int activities = 1 + random.nextInt(4);
    int slots = 1 + random.nextInt(8);
    int groups = 1 + random.nextInt(40);
    List<Planet> planetList = new ArrayList<>();
    for (int j = 0; j < planets; j++) {
      List<ResourceVector> consumption = new ArrayList<>();
      for (int s = 0; s < activities; s++) {
        consumption.add(ResourceVector.of(r -> 0.001 + 0.05 * random.nextDouble()));
      }
      planetList.add(
          new Planet(
              "P" + j,
              ResourceVector.of(r -> 5 + 100 * random.nextDouble()),
              consumption,
              ResourceVector.of(r -> 0.1 + random.nextDouble())));
    }
    List<UserGroup> groupList = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      groupList.add(randomGroup(random, "g" + i, planets, activities, slots));
    }
    List<List<Integer>> distances = new ArrayList<>();
    for (int a = 0; a < planets; a++) {
      List<Integer> row = new ArrayList<>();
      for (int b = 0; b < planets; b++) {
        row.add(a == b ? 0 : 1 + random.nextInt(500));
      }
      distances.add(row);
    }
    return new AuctionInstance(planetList, groupList, distances, 1e-3 * random.nextDouble());
  }

  private static UserGroup randomGroup(
      Random random, String id, int planets, int activities, int slots) {
    Timetable timetable = Timetable.idle(slots, activities);
    double[] weights = new double[activities];
    double weightSum = 0;
    for (int s = 0; s < activities; s++) {
      if (random.nextInt(3) == 0) {
        int from = random.nextInt(slots);
        int to = from + 1 + random.nextInt(slots - from);
        timetable = timetable.with(s, from, to);
        weights[s] = random.nextDouble() + 0.01;
        weightSum += weights[s];
      }
    }
    List<Double> shares = new ArrayList<>();
    List<Double> bandwidth = new ArrayList<>();
    for (int s = 0; s < activities; s++) {
      shares.add(weightSum > 0 ? weights[s] / weightSum : 0.0);
      bandwidth.add(1e-4 + 9e-4 * random.nextDouble());
    }
    List<Member> members = new ArrayList<>();
    int size = 1 + random.nextInt(10);
    for (int u = 0; u < size; u++) {
      List<Integer> d = new ArrayList<>();
      for (int j = 0; j < planets; j++) {
        d.add(random.nextInt(1000));
      }
      members.add(new Member(id + "/u" + u, d));
    }
    Migration migration =
        random.nextInt(4) == 0
            ? new Migration(random.nextInt(planets), 1 + 100 * random.nextDouble())
            : null;
    double total = weightSum > 0 ? 500 + 20_000 * random.nextDouble() : 0;
    return new UserGroup(
        id, members, timetable, total, shares, bandwidth, 1 + random.nextDouble(), migration);
  }
}
