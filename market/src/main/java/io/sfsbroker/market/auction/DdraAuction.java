package io.sfsbroker.market.auction;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * Algorithm 1 (DDRA): rounds of group bids and Planet repricing until {@code ‖x̂ − x*‖ ≤ ε}.
 *
 * <p>{@link #round} is one iteration of the while loop and depends only on its arguments; {@link
 * #run} runs all rounds at once. Both end in {@link #close}, the one round body, which a contract
 * also calls (through {@link #close(AuctionInstance, AuctionState, SortedMap, Set)}) with the bids
 * it received, one round per transaction, storing the {@link AuctionState} in between. The
 * per-party steps are {@link GroupBidding#bestResponse}, {@link PlanetPricing#reprice} and {@link
 * GroupBidding#actualVolume}.
 */
public final class DdraAuction {

  /**
   * The largest relative capacity excess that floating-point rounding can explain; a larger one is
   * a defect, not rounding.
   */
  static final double ROUNDING_SLACK = 1e-9;

  private static final int MAX_GUARD_STEPS = 8;

  /**
   * The most clearing rounds {@link #clear} runs. One suffices unless the capacity guard or the
   * repricing of the standing bids moves a price by an ulp; on the paper's setting it never took
   * more than two.
   */
  public static final int MAX_CLEARING_ROUNDS = 8;

  private DdraAuction() {}

  /**
   * Runs one round: every group responds to the prices (lines 3–10), then {@link #close} reprices,
   * computes what each bid buys and the distance (lines 11–16).
   *
   * @param instance the auction
   * @param state the prices and group states the round starts from
   * @param parameters {@code γ} of the damped step (16) and the Planet-change limit
   * @return the round
   */
  public static Round round(
      AuctionInstance instance, AuctionState state, AuctionParameters parameters) {
    return close(instance, state, respond(instance, state, parameters));
  }

  /**
   * Returns every group's best response to the state's prices (Algorithm 1, lines 3–10).
   *
   * @param instance the auction
   * @param state the prices and group states the round starts from
   * @param parameters {@code γ} of the damped step (16) and the Planet-change limit
   * @return one response per group, in group order
   */
  public static List<GroupResponse> respond(
      AuctionInstance instance, AuctionState state, AuctionParameters parameters) {
    requireDimensions(instance, state);
    List<GroupResponse> responses = new ArrayList<>(instance.groups().size());
    for (int i = 0; i < instance.groups().size(); i++) {
      responses.add(
          GroupBidding.bestResponse(
              instance, i, state.prices(), state.groups().get(i), parameters));
    }
    return responses;
  }

  /**
   * Closes a round whose bids were submitted one by one, as a contract receives them: a group that
   * takes part and bid uses its bid, a group that takes part and did not bid keeps its <em>standing
   * bid</em> ({@link GroupBidding#standing}), and a group that does not take part bids nothing
   * ({@link GroupResponse#absent}). When every group takes part and bid its best response, this is
   * {@link #round} bit for bit.
   *
   * @param instance the auction
   * @param state the prices and group states the round started from
   * @param submitted the accepted responses, by group index
   * @param bound the indices of the groups that take part (are bound by the auction)
   * @return the round
   */
  public static Round close(
      AuctionInstance instance,
      AuctionState state,
      SortedMap<Integer, GroupResponse> submitted,
      Set<Integer> bound) {
    requireDimensions(instance, state);
    int planets = instance.planets().size();
    List<GroupResponse> responses = new ArrayList<>(instance.groups().size());
    for (int i = 0; i < instance.groups().size(); i++) {
      GroupResponse response = submitted.get(i);
      if (!bound.contains(i)) {
        if (response != null) {
          throw new IllegalArgumentException("group " + i + " bid but does not take part");
        }
        response = GroupResponse.absent(i, planets);
      } else if (response == null) {
        response = GroupBidding.standing(instance, i, state.prices(), state.groups().get(i));
      }
      responses.add(response);
    }
    return close(instance, state, responses);
  }

  /**
   * Closes a round from every group's response (Algorithm 1, lines 11–16): every Planet reprices by
   * Theorem 2, every bid buys what eq. (17) gives at the new prices, and the distance {@code ‖x̂ −
   * x*‖} is taken. This is the one round body, used by {@link #run} and by the contract.
   *
   * <p>The Theorem 2 argument guarantees the capacity constraint only in exact arithmetic. After
   * eq. (17) the round therefore checks every slot with {@link CapacityCheck} and, where rounding
   * made a load exceed its capacity by a few ulps, scales that Planet's volumes down by the same
   * few ulps, so the returned allocation satisfies the constraint exactly.
   *
   * @param instance the auction
   * @param state the prices and group states the round started from
   * @param responses one response per group, in group order
   * @return the round
   * @throws IllegalStateException when a load exceeds capacity by more than rounding explains (a
   *     defect)
   */
  public static Round close(
      AuctionInstance instance, AuctionState state, List<GroupResponse> responses) {
    requireDimensions(instance, state);
    int planets = instance.planets().size();
    int groups = instance.groups().size();
    if (responses.size() != groups) {
      throw new IllegalArgumentException("give one response for each of " + groups + " groups");
    }
    List<List<Bid>> bidsByPlanet = new ArrayList<>(planets);
    for (int j = 0; j < planets; j++) {
      bidsByPlanet.add(new ArrayList<>());
    }
    for (int i = 0; i < groups; i++) {
      GroupResponse response = responses.get(i);
      if (response.group() != i || response.targets().size() != planets) {
        throw new IllegalArgumentException("response " + i + " does not fit the auction");
      }
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

  private static void requireDimensions(AuctionInstance instance, AuctionState state) {
    if (state.prices().size() != instance.planets().size()
        || state.groups().size() != instance.groups().size()) {
      throw new IllegalArgumentException("the state does not match the auction's dimensions");
    }
  }

  /**
   * Runs rounds from a start state until {@code ‖x̂ − x*‖ ≤ ε} or {@code maxRounds} rounds, then
   * {@link #clear clears} the last round, so that every bid of the outcome is filled at its prices.
   *
   * @param instance the auction
   * @param start the prices and volumes of the current period ({@link AuctionState#initial} at
   *     system start)
   * @param parameters {@code γ}, {@code ε} and the round limit
   * @return the outcome, with the distance after every round of Algorithm 1
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
    boolean converged = hasConverged(round.distance(), parameters.epsilon());
    List<Round> clearing = clearingRounds(instance, round);
    Round last = clearing.isEmpty() ? round : clearing.get(clearing.size() - 1);
    return new AuctionResult(instance.type(), distances, last, converged, clearing.size());
  }

  /**
   * Clears the round that ends an auction: while the round still <em>rationed</em> a bid (a price
   * rise of its eq. (17) left a group less than it bid for, {@code x̂ < x}), every group bids its
   * {@code x̂} again at the new prices ({@link GroupBidding#standing}) and the round body {@link
   * #close} runs once more, at most {@link #MAX_CLEARING_ROUNDS} times.
   *
   * <p>Algorithm 1 stops on {@code ‖x̂ − x*‖ ≤ ε}, not on {@code p̂ = p}: the round that meets ε
   * has usually raised some price a little once more, so its allocation {@code x̂} is not what its
   * bids asked for and the prices {@code p̂} are not the prices those bids were made at. A clearing
   * round fixes that without moving anyone: the standing bids ask for exactly {@code x̂}, whose
   * load is within capacity, so by eq. (9) no price rises (up to rounding, which the next clearing
   * round absorbs), and by eq. (17) every bid gets its whole volume. The result is an allocation
   * that is exactly what the last bids asked for at the prices they were made at — the state the
   * paper evaluates "at the NE". Clearing moves no volume beyond rounding; it keeps the rationing
   * the last round of Algorithm 1 did (relative {@code 1 − min p/p̂}, up to about 1e-4 on the
   * paper's setting). A group that takes no part has no volume and therefore no standing bid.
   *
   * @param instance the auction
   * @param last the round that ended Algorithm 1
   * @return the last clearing round, or {@code last} when it rationed no bid
   */
  public static Round clear(AuctionInstance instance, Round last) {
    List<Round> clearing = clearingRounds(instance, last);
    return clearing.isEmpty() ? last : clearing.get(clearing.size() - 1);
  }

  /**
   * Returns whether a round gave some bid less than its volume ({@code x̂_{i,j} < x_{i,j}}).
   *
   * @param round the round
   * @return {@code true} when eq. (17) or the capacity guard cut some bid
   */
  public static boolean rationed(Round round) {
    for (GroupResponse response : round.responses()) {
      for (Bid bid : response.bids()) {
        if (round.actual().get(bid.group()).get(bid.planet()) < bid.volume()) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Round> clearingRounds(AuctionInstance instance, Round last) {
    List<Round> clearing = new ArrayList<>();
    Round current = last;
    while (rationed(current) && clearing.size() < MAX_CLEARING_ROUNDS) {
      AuctionState state = current.next();
      List<GroupResponse> standing = new ArrayList<>(instance.groups().size());
      for (int i = 0; i < instance.groups().size(); i++) {
        standing.add(GroupBidding.standing(instance, i, state.prices(), state.groups().get(i)));
      }
      current = close(instance, state, standing);
      clearing.add(current);
    }
    return clearing;
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
  static void guardCapacity(AuctionInstance instance, double[][] actual) {
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
  static List<List<Double>> toLists(double[][] matrix) {
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
