package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionResult;
import io.sfsbroker.market.auction.Bid;
import io.sfsbroker.market.auction.GroupResponse;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.Resource;
import io.sfsbroker.market.auction.UserGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's benchmark: at the equilibrium, group {@code i} gets the fraction {@code Σ_{r,s}
 * w^s_{i,j,r} / Σ_{i,r,s} w^s_{i,j,r}} of every resource of Planet {@code j}, in every slot, and
 * processes as much of its bid volume as that fixed share lets it in its busiest slot.
 *
 * <p>The bids are those of the auction's last round, as the paper takes them "at the NE". The
 * auction is cleared before it ends ({@code DdraAuction.clear}), so these bids ask for exactly the
 * final volumes and are filled in full ({@code x̂ = x}) at the prices they were made at.
 */
final class UniformAllocation {

  private UniformAllocation() {}

  /**
   * Returns the volume each group processes under the uniform scheme with the shares of the
   * outcome's bids: the bids {@code w = p·c·r·x} of the auction's last round, which after clearing
   * ({@code DdraAuction.clear}) ask for exactly the final volumes {@code x = x̂}.
   *
   * @param instance the auction
   * @param result the DDRA outcome
   * @param capAtTotalData {@code false} to cap a group at its bid volume {@code x_{i,j}} (the
   *     paper's benchmark), {@code true} to let it use its whole share up to {@code X_i} (a
   *     sensitivity check)
   * @return the volumes, indexed by group, then Planet
   */
  static List<List<Double>> atLastBids(
      AuctionInstance instance, AuctionResult result, boolean capAtTotalData) {
    List<Bid> bids = new ArrayList<>();
    for (GroupResponse response : result.lastRound().responses()) {
      bids.addAll(response.bids());
    }
    return fromBids(instance, bids, capAtTotalData);
  }

  /**
   * Returns the uniform volumes for a set of bids.
   *
   * @param instance the auction
   * @param bids at most one bid per group and Planet
   * @param capAtTotalData {@code false} to cap a group at the bid's volume, {@code true} at {@code
   *     X_i}
   * @return the volumes, indexed by group, then Planet
   */
  static List<List<Double>> fromBids(
      AuctionInstance instance, List<Bid> bids, boolean capAtTotalData) {
    int planets = instance.planets().size();
    double[] totals = new double[planets];
    for (Bid bid : bids) {
      totals[bid.planet()] += bid.totalPayment();
    }
    double[][] rows = new double[instance.groups().size()][planets];
    for (Bid bid : bids) {
      int j = bid.planet();
      UserGroup group = instance.groups().get(bid.group());
      double share = totals[j] > 0 ? bid.totalPayment() / totals[j] : 0;
      double cap = capAtTotalData ? group.totalData() : bid.volume();
      rows[bid.group()][j] =
          StrictMath.min(cap, fit(instance, group, instance.planets().get(j), share));
    }
    List<List<Double>> volumes = new ArrayList<>();
    for (double[] row : rows) {
      List<Double> list = new ArrayList<>();
      for (double v : row) {
        list.add(v);
      }
      volumes.add(list);
    }
    return volumes;
  }

  private static double fit(
      AuctionInstance instance, UserGroup group, Planet planet, double share) {
    double fit = Double.POSITIVE_INFINITY;
    for (int t = 0; t < instance.slotCount(); t++) {
      for (Resource r : Resource.values()) {
        double perUnit = group.loadPerUnit(planet, r, t);
        if (perUnit > 0) {
          fit = StrictMath.min(fit, share * planet.capacity().get(r) / perUnit);
        }
      }
    }
    return fit;
  }
}
