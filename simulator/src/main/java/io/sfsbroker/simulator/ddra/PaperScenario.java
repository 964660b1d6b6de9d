package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.ResourceVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the setting of §IV.A from a seed. Every number the paper gives is used as given; the
 * choices where it gives none are the constants below and are listed in {@code docs/auction.md}.
 */
final class PaperScenario {

  static final int GRID = 1000;
  static final int PLANETS = 3;
  static final int GROUPS = 200;
  static final int MIN_MEMBERS = 2;
  static final int MAX_MEMBERS = 50;
  static final int ACTIVITY_TYPES = 6;
  static final int PERIODS = 3;
  static final int SLOTS_PER_PERIOD = 10;

  /** Table II: CPU cores, RAM GB, GPU SMs, VRAM GB of Planets 1–3. */
  static final List<ResourceVector> CAPACITIES =
      List.of(
          new ResourceVector(96, 256, 420, 120),
          new ResourceVector(128, 384, 420, 120),
          new ResourceVector(128, 384, 336, 96));

  /** Lower and upper bounds of {@code c^j_{s,r}} per 1 Mb/s, in resource order. */
  static final ResourceVector CONSUMPTION_LOW = new ResourceVector(0.004, 0.01, 0.02, 0.006);

  static final ResourceVector CONSUMPTION_HIGH = new ResourceVector(0.008, 0.02, 0.04, 0.012);

  /** Lower and upper bounds of {@code q_{j,r}} in cents, in resource order. */
  static final ResourceVector COST_LOW = new ResourceVector(0.5, 0.5, 0.2, 0.5);

  static final ResourceVector COST_HIGH = new ResourceVector(1, 1, 0.4, 1);

  /** The 0.7 quantile of the standard normal distribution, Φ^{-1}(0.7). */
  static final double QUANTILE_07 = 0.5244005127080407;

  static final double CENTRALIZED_SHARE = 0.8;
  static final double CENTRALIZED_PROBABILITY = 0.5;

  /** Half the side of the square around a centralized group's centre its close members sit in. */
  static final int PROXIMITY = 25;

  static final double MIN_BANDWIDTH_COST = 1e-4;
  static final double MAX_BANDWIDTH_COST = 10e-4;

  /** {@code β}: the midpoint of the {@code n_{i,s}} range, per router and unit of migrated data. */
  static final double MIGRATION_COST = 5.5e-4;

  static final int MAX_FIRST_START = 12;
  static final int MIN_SPELL = 3;
  static final int MAX_SPELL = 12;
  static final int MIN_GAP = 1;
  static final int MAX_GAP = 6;

  private PaperScenario() {}

  /**
   * Generates a world.
   *
   * @param seed the random seed; the same seed gives the same world
   * @return the world
   */
  static Scenario generate(long seed) {
    return generate(seed, GROUPS);
  }

  /**
   * Generates a smaller (or larger) world of the same kind: {@code groups} groups, and Table II's
   * capacities scaled by {@code groups / 200}, so resources are as scarce per group as in the
   * paper's setting. Used by the property tests, which run many seeds.
   *
   * @param seed the random seed; the same seed gives the same world
   * @param groups the number of user groups, positive
   * @return the world
   */
  static Scenario generate(long seed, int groups) {
    if (groups < 1) {
      throw new IllegalArgumentException("a world needs at least one group, was " + groups);
    }
    double scale = (double) groups / GROUPS;
    Random random = new Random(seed);
    List<GridPoint> sites = new ArrayList<>();
    for (int j = 0; j < PLANETS; j++) {
      sites.add(randomPoint(random));
    }
    List<Double> rates = new ArrayList<>();
    for (int s = 0; s < ACTIVITY_TYPES; s++) {
      double mean = uniform(random, 30, 50);
      double deviation = uniform(random, 0.5, 2);
      rates.add(mean + QUANTILE_07 * deviation);
    }
    List<Planet> planets = new ArrayList<>();
    for (int j = 0; j < PLANETS; j++) {
      List<ResourceVector> consumption = new ArrayList<>();
      for (int s = 0; s < ACTIVITY_TYPES; s++) {
        boolean specialty = s == j;
        consumption.add(
            ResourceVector.of(
                r ->
                    specialty
                        ? CONSUMPTION_LOW.get(r)
                        : uniform(random, CONSUMPTION_LOW.get(r), CONSUMPTION_HIGH.get(r))));
      }
      ResourceVector cost =
          ResourceVector.of(r -> uniform(random, COST_LOW.get(r), COST_HIGH.get(r)));
      ResourceVector table = CAPACITIES.get(j);
      ResourceVector capacity =
          groups == GROUPS ? table : ResourceVector.of(r -> table.get(r) * scale);
      planets.add(new Planet("Planet " + (j + 1), capacity, consumption, cost));
    }
    List<GroupProfile> profiles = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      profiles.add(randomGroup(random, i));
    }
    return new Scenario(
        new GridPoint(GRID / 2, GRID / 2),
        sites,
        planets,
        profiles,
        rates,
        MIGRATION_COST,
        PERIODS,
        SLOTS_PER_PERIOD);
  }

  private static GroupProfile randomGroup(Random random, int index) {
    int size = MIN_MEMBERS + random.nextInt(MAX_MEMBERS - MIN_MEMBERS + 1);
    boolean centralized = random.nextDouble() < CENTRALIZED_PROBABILITY;
    int close = centralized ? (int) StrictMath.round(CENTRALIZED_SHARE * size) : 0;
    GridPoint centre = randomPoint(random);
    List<GridPoint> members = new ArrayList<>();
    for (int u = 0; u < size; u++) {
      if (u < close) {
        members.add(
            new GridPoint(
                clamp(centre.x() + random.nextInt(2 * PROXIMITY + 1) - PROXIMITY),
                clamp(centre.y() + random.nextInt(2 * PROXIMITY + 1) - PROXIMITY)));
      } else {
        members.add(randomPoint(random));
      }
    }
    double alpha = uniform(random, 1, 2);
    List<Double> bandwidth = new ArrayList<>();
    for (int s = 0; s < ACTIVITY_TYPES; s++) {
      bandwidth.add(uniform(random, MIN_BANDWIDTH_COST, MAX_BANDWIDTH_COST));
    }
    List<ActivitySpell> spells = new ArrayList<>();
    int horizon = PERIODS * SLOTS_PER_PERIOD;
    int start = random.nextInt(MAX_FIRST_START + 1);
    while (start < horizon) {
      int activity = random.nextInt(ACTIVITY_TYPES);
      int length = MIN_SPELL + random.nextInt(MAX_SPELL - MIN_SPELL + 1);
      int end = Math.min(horizon, start + length);
      spells.add(new ActivitySpell(activity, start, end));
      start = end + MIN_GAP + random.nextInt(MAX_GAP - MIN_GAP + 1);
    }
    return new GroupProfile("group-" + (index + 1), centralized, members, alpha, bandwidth, spells);
  }

  private static GridPoint randomPoint(Random random) {
    return new GridPoint(random.nextInt(GRID + 1), random.nextInt(GRID + 1));
  }

  private static int clamp(int coordinate) {
    return Math.max(0, Math.min(GRID, coordinate));
  }

  private static double uniform(Random random, double low, double high) {
    return low + (high - low) * random.nextDouble();
  }
}
