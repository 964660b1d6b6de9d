package io.sfsbroker.market.auction;

import java.util.List;

/** The Planet side of the auction: the pricing of Theorem 2 and the Planet payoff (2). */
public final class PlanetPricing {

  private PlanetPricing() {}

  /**
   * Returns the new prices by eq. (9): {@code p̂_{j,r} = max{q_{j,r}, max_t Σ_{i,s}
   * A_{i,t,s}·w^s_{i,j,r}/D_{i,s} / C_{j,r}}}, i.e. the operating cost or the payment rate of the
   * busiest slot spread over the capacity, whichever is larger.
   *
   * @param instance the auction
   * @param planet the Planet index {@code j}
   * @param bids the bids made to this Planet in the round
   * @return {@code p̂_j}
   */
  public static ResourceVector reprice(AuctionInstance instance, int planet, List<Bid> bids) {
    Planet target = instance.planets().get(planet);
    for (Bid bid : bids) {
      if (bid.planet() != planet) {
        throw new IllegalArgumentException(
            "bid of group " + bid.group() + " is for Planet " + bid.planet() + ", not " + planet);
      }
    }
    return ResourceVector.of(
        r ->
            StrictMath.max(
                target.operatingCost().get(r),
                peakPaymentRate(instance, bids, r) / target.capacity().get(r)));
  }

  /**
   * Returns {@code max_t Σ_{i,s} A_{i,t,s}·w^s_{i,j,r}/D_{i,s}}, the payment per slot in the
   * busiest slot.
   *
   * @param instance the auction
   * @param bids the bids made to one Planet
   * @param resource the resource {@code r}
   * @return the peak payment rate
   */
  public static double peakPaymentRate(
      AuctionInstance instance, List<Bid> bids, Resource resource) {
    double peak = 0;
    for (int t = 0; t < instance.slotCount(); t++) {
      double rate = 0;
      for (Bid bid : bids) {
        Timetable timetable = instance.groups().get(bid.group()).timetable();
        for (int s = 0; s < bid.payments().size(); s++) {
          double payment = bid.payments().get(s).get(resource);
          if (payment > 0 && timetable.isActive(s, t)) {
            rate += payment / timetable.duration(s);
          }
        }
      }
      peak = StrictMath.max(peak, rate);
    }
    return peak;
  }

  /**
   * Returns the Planet payoff (2): {@code Σ_{i,s,r} (p_{j,r} − q_{j,r})·c^j_{s,r}·r_{i,s}·x_{i,j}}.
   *
   * @param instance the auction
   * @param planet the Planet index {@code j}
   * @param prices {@code p_j}
   * @param volumes {@code x_{·,j}}, the volume of every group on this Planet, in group order
   * @return the payoff
   */
  public static double payoff(
      AuctionInstance instance, int planet, ResourceVector prices, List<Double> volumes) {
    Planet target = instance.planets().get(planet);
    double payoff = 0;
    for (int i = 0; i < instance.groups().size(); i++) {
      UserGroup group = instance.groups().get(i);
      double volume = volumes.get(i);
      for (int s = 0; s < target.activityCount(); s++) {
        for (Resource r : Resource.values()) {
          double margin = prices.get(r) - target.operatingCost().get(r);
          payoff += margin * target.consumption(s, r) * group.dataShares().get(s) * volume;
        }
      }
    }
    return payoff;
  }
}
