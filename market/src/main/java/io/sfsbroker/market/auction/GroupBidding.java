package io.sfsbroker.market.auction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The group side of the auction: Theorem 1 (which Planet, and how much data), the damped step (16),
 * the bids, and the volume that new prices let a bid buy (17).
 */
public final class GroupBidding {

  private GroupBidding() {}

  /**
   * Returns {@code f_{i,j} = Σ_{s,r} p_{j,r}·c^j_{s,r}·r_{i,s} + Σ_s n_{i,s}·r_{i,s}·Σ_u d_{u,j}},
   * the group's cost of one unit of data processed on a Planet.
   *
   * @param instance the auction
   * @param group the group index {@code i}
   * @param planet the Planet index {@code j}
   * @param prices {@code p_j}, the Planet's current prices
   * @return the unit cost
   */
  public static double accessCost(
      AuctionInstance instance, int group, int planet, ResourceVector prices) {
    UserGroup userGroup = instance.groups().get(group);
    Planet target = instance.planets().get(planet);
    double resourceCost = 0;
    double bandwidthRate = 0;
    for (int s = 0; s < userGroup.timetable().activityCount(); s++) {
      double share = userGroup.dataShares().get(s);
      for (Resource resource : Resource.values()) {
        resourceCost += prices.get(resource) * target.consumption(s, resource) * share;
      }
      bandwidthRate += userGroup.bandwidthCosts().get(s) * share;
    }
    return resourceCost + bandwidthRate * userGroup.totalDistanceTo(planet);
  }

  /**
   * Returns {@code x*_{i,j}} by eq. (6): {@code X_i} if {@code f < U_i'(X_i) = 1}, else {@code
   * U_i'^{-1}(f)}.
   *
   * @param group the group
   * @param accessCost {@code f_{i,j}}
   * @return the optimal upload volume
   */
  public static double optimalVolume(UserGroup group, double accessCost) {
    double totalData = group.totalData();
    if (totalData == 0) {
      return 0;
    }
    if (accessCost < Utility.marginal(totalData, group.alpha(), totalData)) {
      return totalData;
    }
    return Utility.inverseMarginal(totalData, group.alpha(), accessCost);
  }

  /**
   * Returns the group's payoff (8) when it uploads a volume to one Planet only.
   *
   * @param instance the auction
   * @param group the group index
   * @param planet the Planet index {@code j}
   * @param accessCost {@code f_{i,j}}
   * @param volume {@code x_{i,j}}
   * @return {@code U_i(x) − f·x − d_{j',j}·m_i·β} (the last term only when {@code j ≠ j'})
   */
  public static double singlePlanetPayoff(
      AuctionInstance instance, int group, int planet, double accessCost, double volume) {
    UserGroup userGroup = instance.groups().get(group);
    double payoff =
        Utility.value(userGroup.totalData(), userGroup.alpha(), volume) - accessCost * volume;
    return payoff - migrationCost(instance, group, planet, volume);
  }

  /**
   * Returns the migration term of eq. (1) for one Planet: {@code d_{j',j}·m_i·β·sgn(x_{i,j})}.
   *
   * @param instance the auction
   * @param group the group index
   * @param planet the Planet index {@code j}
   * @param volume {@code x_{i,j}}
   * @return the migration cost, zero for a group without migration requirement
   */
  public static double migrationCost(
      AuctionInstance instance, int group, int planet, double volume) {
    Migration migration = instance.groups().get(group).migration();
    if (migration == null || volume <= 0) {
      return 0;
    }
    int distance = instance.planetDistances().get(migration.currentPlanet()).get(planet);
    return distance * migration.volume() * instance.migrationCost();
  }

  /**
   * Returns the group payoff (1) for a volume on each Planet: {@code U_i(Σ_j x_{i,j}) − Σ_j
   * f_{i,j}·x_{i,j} − Σ_j d_{j',j}·m_i·β·sgn(x_{i,j})}.
   *
   * @param instance the auction
   * @param group the group index {@code i}
   * @param prices the prices of every Planet
   * @param volumes {@code x_{i,·}}
   * @return the payoff; negative infinity for no volume at all, as {@code U_i(0)} is
   */
  public static double payoff(
      AuctionInstance instance, int group, List<ResourceVector> prices, List<Double> volumes) {
    requirePrices(instance, prices);
    UserGroup userGroup = instance.groups().get(group);
    double total = 0;
    double costs = 0;
    for (int j = 0; j < instance.planets().size(); j++) {
      double volume = volumes.get(j);
      total += volume;
      costs += accessCost(instance, group, j, prices.get(j)) * volume;
      costs += migrationCost(instance, group, j, volume);
    }
    return Utility.value(userGroup.totalData(), userGroup.alpha(), total) - costs;
  }

  /**
   * Chooses a Planet by Theorem 1. A group without migration requirement takes the Planet with the
   * least {@code f_{i,j}}; a group with one takes the Planet with the largest payoff (8). Ties go
   * to the lowest index.
   *
   * @param instance the auction
   * @param group the group index; the group must be active
   * @param prices the current prices of every Planet
   * @return the choice
   */
  public static AccessChoice choosePlanet(
      AuctionInstance instance, int group, List<ResourceVector> prices) {
    UserGroup userGroup = instance.groups().get(group);
    if (!userGroup.isActive()) {
      throw new IllegalArgumentException("group " + userGroup.id() + " has no data to place");
    }
    requirePrices(instance, prices);
    AccessChoice best = null;
    for (int j = 0; j < instance.planets().size(); j++) {
      AccessChoice candidate = accessAt(instance, group, j, prices.get(j));
      boolean better =
          best == null
              || (userGroup.requiresMigration()
                  ? candidate.payoff() > best.payoff()
                  : candidate.accessCost() < best.accessCost());
      if (better) {
        best = candidate;
      }
    }
    return best;
  }

  /**
   * Returns the best volume (6) and the payoff (8) of a group on one given Planet.
   *
   * @param instance the auction
   * @param group the group index
   * @param planet the Planet index {@code j}
   * @param prices {@code p_j}
   * @return the choice of that Planet
   */
  public static AccessChoice accessAt(
      AuctionInstance instance, int group, int planet, ResourceVector prices) {
    double cost = accessCost(instance, group, planet, prices);
    double volume = optimalVolume(instance.groups().get(group), cost);
    return new AccessChoice(
        planet, cost, volume, singlePlanetPayoff(instance, group, planet, cost, volume));
  }

  /**
   * Returns the group's best response to the current prices (Algorithm 1, lines 4–10): Theorem 1,
   * the damped volumes {@code x_{i,j} = γ·x*_{i,j} + (1 − γ)·x̂_{i,j}} of eq. (16) for every
   * Planet, scaled down if they together exceed {@code X_i} (constraint C1), and the bids for them.
   * A group that has used up its {@code maxPlanetChanges} keeps its last Planet.
   *
   * @param instance the auction
   * @param group the group index {@code i}
   * @param prices the current prices {@code p} of every Planet
   * @param state the group's volumes {@code x̂_{i,·}} after the last round and its last choice
   * @param parameters {@code γ} and the Planet-change limit
   * @return the response; an idle group bids nothing
   */
  public static GroupResponse bestResponse(
      AuctionInstance instance,
      int group,
      List<ResourceVector> prices,
      GroupState state,
      AuctionParameters parameters) {
    requirePrices(instance, prices);
    Objects.requireNonNull(parameters, "parameters");
    int planets = instance.planets().size();
    List<Double> actual = state.actual();
    if (actual.size() != planets) {
      throw new IllegalArgumentException("actual volumes must cover " + planets + " Planets");
    }
    UserGroup userGroup = instance.groups().get(group);
    List<Double> zeros = Collections.nCopies(planets, 0.0);
    if (!userGroup.isActive()) {
      return new GroupResponse(
          group, GroupResponse.NO_PLANET, zeros, zeros, List.of(), state.planetChanges());
    }
    boolean locked =
        state.planet() != GroupResponse.NO_PLANET
            && state.planetChanges() >= parameters.maxPlanetChanges();
    AccessChoice choice =
        locked
            ? accessAt(instance, group, state.planet(), prices.get(state.planet()))
            : choosePlanet(instance, group, prices);
    int changes =
        state.planet() != GroupResponse.NO_PLANET && choice.planet() != state.planet()
            ? state.planetChanges() + 1
            : state.planetChanges();
    double gamma = parameters.gamma();
    double[] volumes = new double[planets];
    double sum = 0;
    for (int j = 0; j < planets; j++) {
      double target = j == choice.planet() ? choice.volume() : 0;
      volumes[j] = gamma * target + (1 - gamma) * actual.get(j);
      sum += volumes[j];
    }
    if (sum > userGroup.totalData()) {
      double scale = userGroup.totalData() / sum;
      for (int j = 0; j < planets; j++) {
        volumes[j] *= scale;
      }
    }
    List<Double> targets = new ArrayList<>(planets);
    List<Double> volumeList = new ArrayList<>(planets);
    List<Bid> bids = new ArrayList<>();
    for (int j = 0; j < planets; j++) {
      targets.add(j == choice.planet() ? choice.volume() : 0.0);
      volumeList.add(volumes[j]);
      if (volumes[j] > 0) {
        bids.add(bid(instance, group, j, prices.get(j), volumes[j]));
      }
    }
    return new GroupResponse(group, choice.planet(), targets, volumeList, bids, changes);
  }

  /**
   * Returns the <em>standing bid</em> of a group that takes part but did not bid in a round: its
   * {@code x̂} of the last round on every Planet where it holds volume (scaled to {@code X_i} if
   * the period's data is smaller, constraint C1), bid at the round's prices. It takes part in the
   * repricing like any bid, so the capacity argument of Theorem 2 still covers every volume on a
   * Planet, and by eq. (17) the group keeps its previous allocation, less what a price rise takes
   * away. Its target {@code x*} is the standing volume, so a silent group does not by itself keep
   * the auction from converging; its Planet choice and Planet-change count carry over unchanged.
   *
   * @param instance the auction
   * @param group the group index
   * @param prices the round's prices
   * @param state the group's state at the start of the round
   * @return a response whose targets and volumes are the standing volumes
   */
  public static GroupResponse standing(
      AuctionInstance instance, int group, List<ResourceVector> prices, GroupState state) {
    requirePrices(instance, prices);
    int planets = instance.planets().size();
    double totalData = instance.groups().get(group).totalData();
    double sum = 0;
    for (double volume : state.actual()) {
      sum += volume;
    }
    double scale = sum > totalData ? totalData / sum : 1;
    List<Double> volumes = new ArrayList<>(planets);
    List<Bid> bids = new ArrayList<>();
    for (int j = 0; j < planets; j++) {
      double volume = state.actual().get(j) * scale;
      volumes.add(volume);
      if (volume > 0) {
        bids.add(bid(instance, group, j, prices.get(j), volume));
      }
    }
    return new GroupResponse(group, state.planet(), volumes, volumes, bids, state.planetChanges());
  }

  /**
   * Builds the bid {@code w^s_{i,j,r} = p_{j,r}·c^j_{s,r}·r_{i,s}·x_{i,j}}.
   *
   * @param instance the auction
   * @param group the group index {@code i}
   * @param planet the Planet index {@code j}
   * @param prices {@code p_j}
   * @param volume {@code x_{i,j}}
   * @return the bid
   */
  public static Bid bid(
      AuctionInstance instance, int group, int planet, ResourceVector prices, double volume) {
    UserGroup userGroup = instance.groups().get(group);
    Planet target = instance.planets().get(planet);
    List<ResourceVector> payments = new ArrayList<>(target.activityCount());
    for (int s = 0; s < target.activityCount(); s++) {
      int activity = s;
      double share = userGroup.dataShares().get(s);
      payments.add(
          ResourceVector.of(r -> prices.get(r) * target.consumption(activity, r) * share * volume));
    }
    return new Bid(group, planet, volume, payments);
  }

  /**
   * Returns {@code x̂_{i,j}} by eq. (17): what the bid buys at the new prices, {@code min_r
   * (p_{j,r}/p̂_{j,r})·x_{i,j}} over the resources the bid pays for, and never more than the bid's
   * own volume.
   *
   * @param bid the bid of this round
   * @param prices {@code p_j}, the prices the bid was made at
   * @param newPrices {@code p̂_j}, the Planet's new prices
   * @return the volume the Planet processes
   */
  public static double actualVolume(Bid bid, ResourceVector prices, ResourceVector newPrices) {
    Objects.requireNonNull(bid, "bid");
    double ratio = 1;
    for (Resource resource : Resource.values()) {
      if (bid.payment(resource) > 0) {
        ratio = StrictMath.min(ratio, prices.get(resource) / newPrices.get(resource));
      }
    }
    return ratio * bid.volume();
  }

  private static void requirePrices(AuctionInstance instance, List<ResourceVector> prices) {
    if (prices.size() != instance.planets().size()) {
      throw new IllegalArgumentException(
          "give prices for all " + instance.planets().size() + " Planets");
    }
    for (ResourceVector price : prices) {
      if (!price.isPositive()) {
        throw new IllegalArgumentException("prices must be positive, got " + price);
      }
    }
  }
}
