package io.sfsbroker.chaincode.auction;

import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionState;
import io.sfsbroker.market.auction.Bid;
import io.sfsbroker.market.auction.CapacityCheck;
import io.sfsbroker.market.auction.CapacityReport;
import io.sfsbroker.market.auction.DdraAuction;
import io.sfsbroker.market.auction.GroupBidding;
import io.sfsbroker.market.auction.GroupResponse;
import io.sfsbroker.market.auction.GroupState;
import io.sfsbroker.market.auction.PlanetPricing;
import io.sfsbroker.market.auction.Resource;
import io.sfsbroker.market.auction.ResourceVector;
import io.sfsbroker.market.auction.Round;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * One round of the DDRA auction from the bids that were actually submitted: the same steps as
 * {@link DdraAuction#round}, in the same order and arithmetic, except that a group that did not bid
 * keeps a <em>standing bid</em> for its previous allocation.
 *
 * <p>A standing bid is {@link GroupBidding#bid} at the round's prices for the group's {@code x̂} of
 * the last round on every Planet where it holds volume (scaled to {@code X_i} if the period's data
 * is smaller, constraint C1). It takes part in the repricing like any bid, so the capacity argument
 * of Theorem 2 still covers every volume on a Planet, and by eq. (17) the group keeps its previous
 * allocation, less what a price rise takes away. Its target {@code x*} is the standing volume, so a
 * silent group does not by itself keep the auction from converging; its Planet choice and
 * Planet-change count carry over unchanged. When every group bids, the round equals {@link
 * DdraAuction#round} bit for bit (the contract test checks this against {@link DdraAuction#run}).
 *
 * <p>No Fabric types: pure and deterministic.
 */
final class RoundComputation {

  private RoundComputation() {}

  /**
   * Computes the round.
   *
   * @param instance the auction
   * @param state the prices and group states the round started from
   * @param submitted the accepted best responses, by group index
   * @return the round; its {@link Round#next()} is the state of the next round
   * @throws IllegalStateException when a Planet's load exceeds its capacity by more than rounding
   *     explains (a defect)
   */
  static Round compute(
      final AuctionInstance instance,
      final AuctionState state,
      final SortedMap<Integer, GroupResponse> submitted) {
    int planets = instance.planets().size();
    int groups = instance.groups().size();
    List<GroupResponse> responses = new ArrayList<>(groups);
    List<List<Bid>> bidsByPlanet = new ArrayList<>(planets);
    for (int j = 0; j < planets; j++) {
      bidsByPlanet.add(new ArrayList<>());
    }
    for (int i = 0; i < groups; i++) {
      GroupResponse response = submitted.get(i);
      if (response == null) {
        response = standing(instance, i, state.prices(), state.groups().get(i));
      }
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
    DdraAuction.guardCapacity(instance, actual);
    List<List<Double>> actualList = DdraAuction.toLists(actual);
    List<List<Double>> targets = responses.stream().map(GroupResponse::targets).toList();
    double distance = DdraAuction.distance(actualList, targets);
    return new Round(state.prices(), responses, newPrices, actualList, distance);
  }

  /**
   * Returns the standing bid of a group that did not bid: its last {@code x̂}, at the round's
   * prices.
   *
   * @param instance the auction
   * @param group the group index
   * @param prices the round's prices
   * @param state the group's state at the start of the round
   * @return a response whose targets and volumes are the standing volumes
   */
  static GroupResponse standing(
      final AuctionInstance instance,
      final int group,
      final List<ResourceVector> prices,
      final GroupState state) {
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
        bids.add(GroupBidding.bid(instance, group, j, prices.get(j), volume));
      }
    }
    return new GroupResponse(group, state.planet(), volumes, volumes, bids, state.planetChanges());
  }

  /**
   * Returns the capacity report of an allocation, requiring the constraint {@code c^alloc_{j,r,t} ≤
   * C_{j,r}} for every Planet, resource and slot, exactly.
   *
   * @param instance the auction
   * @param allocation {@code x̂}, indexed by group, then Planet
   * @return the report
   * @throws IllegalStateException naming the first Planet, resource and slot over capacity
   */
  static CapacityReport requireWithinCapacity(
      final AuctionInstance instance, final List<List<Double>> allocation) {
    CapacityReport report = CapacityCheck.check(instance, allocation);
    if (!report.withinCapacity()) {
      for (int j = 0; j < instance.planets().size(); j++) {
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
    }
    return report;
  }
}
