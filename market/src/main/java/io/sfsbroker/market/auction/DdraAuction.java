package io.sfsbroker.market.auction;

import java.util.ArrayList;
import java.util.List;

/**
 * Algorithm 1 (DDRA): rounds of group bids and Planet repricing until {@code ‖x̂ − x*‖ ≤ ε}.
 *
 * <p>{@link #round} is one iteration of the while loop and depends only on its arguments, so a
 * contract can run the auction one round per transaction and store the {@link AuctionState} in
 * between; {@link #run} runs all rounds at once. The per-party steps are {@link
 * GroupBidding#bestResponse}, {@link PlanetPricing#reprice} and {@link GroupBidding#actualVolume}.
 */
public final class DdraAuction {

  /**
   * The largest relative capacity excess that floating-point rounding can explain; a larger one is
   * a defect, not rounding.
   */
  static final double ROUNDING_SLACK = 1e-9;

  private static final int MAX_GUARD_STEPS = 8;

  private DdraAuction() {}

  /**
   * Runs one round: every group responds to the prices (lines 3–10), every Planet reprices (lines
   * 11–13), every group computes what it can process (lines 14–15), and the distance is taken (line
   * 16).
   *
   * <p>The Theorem 2 argument guarantees the capacity constraint only in exact arithmetic. After
   * eq. (17) the round therefore checks every slot with {@link CapacityCheck} and, where rounding
   * made a load exceed its capacity by a few ulps, scales that Planet's volumes down by the same
   * few ulps, so the returned allocation satisfies the constraint exactly.
   *
   * @param instance the auction
   * @param state the prices and group states the round starts from
   * @param parameters {@code γ} of the damped step (16) and the Planet-change limit
   * @return the round
   */
  public static Round round(
      AuctionInstance instance, AuctionState state, AuctionParameters parameters) {
    int planets = instance.planets().size();
    int groups = instance.groups().size();
    if (state.prices().size() != planets || state.groups().size() != groups) {
      throw new IllegalArgumentException("the state does not match the auction's dimensions");
    }
    List<GroupResponse> responses = new ArrayList<>(groups);
    List<List<Bid>> bidsByPlanet = new ArrayList<>(planets);
    for (int j = 0; j < planets; j++) {
      bidsByPlanet.add(new ArrayList<>());
    }
    for (int i = 0; i < groups; i++) {
      GroupResponse response =
          GroupBidding.bestResponse(instance, i, state.prices(), state.groups().get(i), parameters);
      responses.add(response);
      for (Bid bid : response.bids()) {
        bidsByPlanet.get(bid.planet()).add(bid);
      }
    }
    List<ResourceVector> newPrices = new ArrayList<>(planets);
    for (int j = 0; j < planets; j++) {
      newPrices.add(PlanetPricing.reprice(instance, j, bidsByPlanet.get(j)));
    }
    double[][] actual = new double[groups][planets];
    for (GroupResponse response : responses) {
      for (Bid bid : response.bids()) {
        actual[bid.group()][bid.planet()] =
            GroupBidding.actualVolume(
                bid, state.prices().get(bid.planet()), newPrices.get(bid.planet()));
      }
    }
    guardCapacity(instance, actual);
    List<List<Double>> actualList = toLists(actual);
    List<List<Double>> targets = responses.stream().map(GroupResponse::targets).toList();
    double distance = distance(actualList, targets);
    return new Round(state.prices(), responses, newPrices, actualList, distance);
  }

  /**
   * Runs rounds from a start state until {@code ‖x̂ − x*‖ ≤ ε} or {@code maxRounds} rounds.
   *
   * @param instance the auction
   * @param start the prices and volumes of the current period ({@link AuctionState#initial} at
   *     system start)
   * @param parameters {@code γ}, {@code ε} and the round limit
   * @return the outcome, with the distance after every round
   */
  public static AuctionResult run(
      AuctionInstance instance, AuctionState start, AuctionParameters parameters) {
    List<Double> distances = new ArrayList<>();
    AuctionState state = start;
    Round round;
    do {
      round = round(instance, state, parameters);
      distances.add(round.distance());
      state = round.next();
    } while (!hasConverged(round.distance(), parameters.epsilon())
        && distances.size() < parameters.maxRounds());
    return new AuctionResult(
        instance.type(), distances, round, hasConverged(round.distance(), parameters.epsilon()));
  }

  /**
   * Returns the Euclidean distance {@code ‖x̂ − x*‖} over all groups and Planets.
   *
   * @param actual {@code x̂}, indexed by group, then Planet
   * @param targets {@code x*}, indexed the same way
   * @return the distance
   */
  public static double distance(List<List<Double>> actual, List<List<Double>> targets) {
    if (actual.size() != targets.size()) {
      throw new IllegalArgumentException("actual and targets must cover the same groups");
    }
    double sum = 0;
    for (int i = 0; i < actual.size(); i++) {
      List<Double> a = actual.get(i);
      List<Double> b = targets.get(i);
      if (a.size() != b.size()) {
        throw new IllegalArgumentException("actual and targets must cover the same Planets");
      }
      for (int j = 0; j < a.size(); j++) {
        double d = a.get(j) - b.get(j);
        sum += d * d;
      }
    }
    return StrictMath.sqrt(sum);
  }

  /**
   * Returns the stopping test of Algorithm 1, line 2.
   *
   * @param distance {@code ‖x̂ − x*‖}
   * @param epsilon {@code ε}
   * @return {@code true} when {@code distance ≤ ε}
   */
  public static boolean hasConverged(double distance, double epsilon) {
    return distance <= epsilon;
  }

  /**
   * Scales a Planet's volumes down by a few ulps where floating-point rounding put its load a few
   * ulps over its capacity; an excess above the rounding slack is a bug and throws.
   *
   * @param instance the auction
   * @param actual {@code x̂}, indexed by group, then Planet; scaled in place
   * @throws IllegalStateException when a load exceeds capacity by more than rounding
   */
  public static void guardCapacity(AuctionInstance instance, double[][] actual) {
    for (int step = 0; step < MAX_GUARD_STEPS; step++) {
      CapacityReport report = CapacityCheck.check(instance, toLists(actual));
      if (report.withinCapacity()) {
        return;
      }
      for (int j = 0; j < instance.planets().size(); j++) {
        double worst = 1;
        for (int t = 0; t < instance.slotCount(); t++) {
          for (Resource r : Resource.values()) {
            worst = StrictMath.max(worst, report.ratio(j, r, t));
          }
        }
        if (worst > 1 + ROUNDING_SLACK) {
          throw new IllegalStateException(
              "Planet " + instance.planets().get(j).id() + " over capacity by ratio " + worst);
        }
        if (worst > 1) {
          double scale = StrictMath.nextDown(1 / worst);
          for (double[] row : actual) {
            row[j] *= scale;
          }
        }
      }
    }
    throw new IllegalStateException("rounding guard did not bring the loads within capacity");
  }

  /** Copies a matrix into lists of rows. */
  public static List<List<Double>> toLists(double[][] matrix) {
    List<List<Double>> rows = new ArrayList<>(matrix.length);
    for (double[] row : matrix) {
      List<Double> values = new ArrayList<>(row.length);
      for (double value : row) {
        values.add(value);
      }
      rows.add(values);
    }
    return rows;
  }
}
