package io.sfsbroker.simulator.ddra;

import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.Bid;
import io.sfsbroker.market.auction.GroupResponse;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.Resource;
import io.sfsbroker.market.auction.Round;
import io.sfsbroker.market.auction.UserGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's benchmark: at the equilibrium, group {@code i} gets the fraction {@code Σ_{r,s}
 * w^s_{i,j,r} / Σ_{i,r,s} w^s_{i,j,r}} of every resource of Planet {@code j}, in every slot. It
 * processes as much of its uploaded volume as that fixed share lets it in its busiest slot.
 */
final class UniformAllocation {

  private UniformAllocation() {}

  /**
   * Returns the volume each group processes under the uniform scheme.
   *
   * @param instance the auction
   * @param round the final round of the DDRA auction; its bids set the shares
   * @param capAtTotalData {@code false} to cap a group at the volume it uploads ({@code x_{i,j}}),
   *     {@code true} to let it use its whole share up to {@code X_i} (a sensitivity check)
   * @return the volumes, indexed by group, then Planet
   */
  static List<List<Double>> volumes(AuctionInstance instance, Round round, boolean capAtTotalData) {
    int planets = instance.planets().size();
    double[] totals = new double[planets];
    for (GroupResponse response : round.responses()) {
      for (Bid bid : response.bids()) {
        totals[bid.planet()] += bid.totalPayment();
      }
    }
    List<List<Double>> volumes = new ArrayList<>();
    for (GroupResponse response : round.responses()) {
      double[] row = new double[planets];
      UserGroup group = instance.groups().get(response.group());
      for (Bid bid : response.bids()) {
        int j = bid.planet();
        double share = totals[j] > 0 ? bid.totalPayment() / totals[j] : 0;
        double cap = capAtTotalData ? group.totalData() : bid.volume();
        row[j] = StrictMath.min(cap, fit(instance, group, instance.planets().get(j), share));
      }
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
