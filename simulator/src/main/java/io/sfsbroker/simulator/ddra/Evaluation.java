package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.AccessChoice;
import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.AuctionResult;
import io.sfsbroker.market.auction.AuctionState;
import io.sfsbroker.market.auction.CapacityCheck;
import io.sfsbroker.market.auction.CapacityReport;
import io.sfsbroker.market.auction.DdraAuction;
import io.sfsbroker.market.auction.GroupBidding;
import io.sfsbroker.market.auction.GroupResponse;
import io.sfsbroker.market.auction.Resource;
import io.sfsbroker.market.auction.Round;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation of §IV: one auction before each period, each started from the previous period's
 * prices and allocation, and the figures computed from them.
 *
 * @param seed the scenario seed
 * @param parameters the auction parameters used
 * @param scenario the generated world
 * @param periods one outcome per period, in order
 */
record Evaluation(
    long seed, AuctionParameters parameters, Scenario scenario, List<PeriodOutcome> periods) {

  /** Copies the list. */
  Evaluation {
    periods = List.copyOf(periods);
  }

  /**
   * Generates the world and runs the three auctions.
   *
   * @param seed the scenario seed
   * @param parameters {@code γ}, {@code ε}, round limit
   * @return the evaluation
   */
  static Evaluation run(long seed, AuctionParameters parameters) {
    return run(PaperScenario.generate(seed), seed, parameters);
  }

  /**
   * Runs the three auctions of a generated world.
   *
   * @param scenario the world
   * @param seed the seed it was generated from
   * @param parameters {@code γ}, {@code ε}, round limit
   * @return the evaluation
   */
  static Evaluation run(Scenario scenario, long seed, AuctionParameters parameters) {
    List<PeriodOutcome> outcomes = new ArrayList<>();
    AuctionResult previous = null;
    for (int k = 0; k < scenario.periods(); k++) {
      AuctionInstance instance =
          PeriodAuctions.instance(scenario, k, previous == null ? null : previous.allocation());
      AuctionState start =
          previous == null
              ? AuctionState.initial(instance)
              : AuctionState.start(previous.prices(), previous.allocation());
      AuctionResult result = DdraAuction.run(instance, start, parameters);
      List<List<Double>> uniform = UniformAllocation.atLastBids(instance, result, false);
      List<List<Double>> uniformToTotal = UniformAllocation.atLastBids(instance, result, true);
      outcomes.add(
          new PeriodOutcome(
              instance,
              result,
              CapacityCheck.check(instance, result.allocation()),
              uniform,
              uniformToTotal,
              CapacityCheck.check(instance, uniform)));
      previous = result;
    }
    return new Evaluation(seed, parameters, scenario, outcomes);
  }

  /**
   * Returns the largest allocation ratio of any resource of any Planet in any slot (Fig. 4).
   *
   * @return the largest ratio
   */
  double maxAllocationRatio() {
    return periods.stream().mapToDouble(p -> p.ddra().maxRatio()).max().orElse(0);
  }

  /**
   * Returns whether every period's allocation meets every capacity exactly.
   *
   * @return {@code true} when no capacity is exceeded in any slot
   */
  boolean withinCapacity() {
    return periods.stream().allMatch(p -> p.ddra().withinCapacity());
  }

  /**
   * Returns the improvement of every group active in a period (Fig. 5 uses period 1).
   *
   * @param period the period index
   * @return one entry per active group, in group order
   */
  List<GroupImprovement> improvements(int period) {
    PeriodOutcome outcome = periods.get(period);
    List<GroupImprovement> improvements = new ArrayList<>();
    for (int i = 0; i < outcome.instance().groups().size(); i++) {
      if (!outcome.instance().groups().get(i).isActive()) {
        continue;
      }
      improvements.add(
          new GroupImprovement(
              outcome.instance().groups().get(i).id(),
              sum(outcome.result().allocation().get(i)),
              sum(outcome.uniformVolumes().get(i)),
              sum(outcome.uniformToTotalVolumes().get(i)),
              lastPriceRatio(outcome, i)));
    }
    return improvements;
  }

  /**
   * Returns the allocation ratio of each resource averaged over all slots and Planets (Fig. 6).
   *
   * @param uniform {@code true} for the uniform benchmark, {@code false} for DDRA
   * @return one average per resource, in resource order
   */
  List<Double> averageAllocationRatios(boolean uniform) {
    List<Double> averages = new ArrayList<>();
    for (Resource r : Resource.values()) {
      double sum = 0;
      int count = 0;
      for (PeriodOutcome outcome : periods) {
        CapacityReport report = uniform ? outcome.uniform() : outcome.ddra();
        for (int j = 0; j < outcome.instance().planets().size(); j++) {
          for (int t = 0; t < outcome.instance().slotCount(); t++) {
            sum += report.ratio(j, r, t);
            count++;
          }
        }
      }
      averages.add(sum / count);
    }
    return averages;
  }

  /**
   * Counts the active groups of a period that, at the final prices, would rather access another
   * Planet by Theorem 1 than the one they hold (zero at a Nash equilibrium, Definition 1).
   *
   * @param period the period index
   * @return the number of groups not at their best response
   */
  long groupsAwayFromBestResponse(int period) {
    PeriodOutcome outcome = periods.get(period);
    AuctionInstance instance = outcome.instance();
    Round last = outcome.result().lastRound();
    long count = 0;
    for (GroupResponse response : last.responses()) {
      if (response.planet() == GroupResponse.NO_PLANET) {
        continue;
      }
      int free = GroupBidding.choosePlanet(instance, response.group(), last.newPrices()).planet();
      if (free != response.planet()) {
        count++;
      }
    }
    return count;
  }

  /**
   * Counts the groups of a period that used up their Planet changes and were held on a Planet.
   *
   * @param period the period index
   * @return the number of held groups
   */
  long heldGroups(int period) {
    return periods.get(period).result().lastRound().responses().stream()
        .filter(r -> r.planetChanges() >= parameters.maxPlanetChanges())
        .count();
  }

  /**
   * Returns the largest payoff (1) a group held away from its best response forgoes at the final
   * prices: {@code Π(best Planet) − Π(held Planet)}, over the active groups of a period.
   *
   * @param period the period index
   * @return the largest gain forgone, 0 when every group is at its best response
   */
  double largestForgoneGain(int period) {
    PeriodOutcome outcome = periods.get(period);
    AuctionInstance instance = outcome.instance();
    Round last = outcome.result().lastRound();
    double largest = 0;
    for (GroupResponse response : last.responses()) {
      if (response.planet() == GroupResponse.NO_PLANET) {
        continue;
      }
      int group = response.group();
      AccessChoice best = GroupBidding.choosePlanet(instance, group, last.newPrices());
      AccessChoice held =
          GroupBidding.accessAt(
              instance, group, response.planet(), last.newPrices().get(response.planet()));
      largest = StrictMath.max(largest, best.payoff() - held.payoff());
    }
    return largest;
  }

  /**
   * Returns {@code Σ x̂ / Σ x} of a group in the last round: below 1 exactly when that round still
   * raised a price the group pays, which clearing prevents unless it ran out of rounds.
   */
  private static double lastPriceRatio(PeriodOutcome outcome, int group) {
    GroupResponse response = outcome.result().lastRound().responses().get(group);
    double bid = sum(response.volumes());
    return bid > 0 ? sum(outcome.result().allocation().get(group)) / bid : 1;
  }

  private static double sum(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum;
  }
}
