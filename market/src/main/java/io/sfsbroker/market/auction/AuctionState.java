package io.sfsbroker.market.auction;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the auction stands between rounds: the prices all groups see and each group's state.
 *
 * @param prices {@code p_j} of every Planet; positive
 * @param groups every group's state, in group order
 */
public record AuctionState(List<ResourceVector> prices, List<GroupState> groups) {

  /** Checks the values and copies the lists. */
  public AuctionState {
    prices = List.copyOf(prices);
    groups = List.copyOf(groups);
    for (ResourceVector price : prices) {
      if (!price.isPositive()) {
        throw new IllegalArgumentException("prices must be positive, got " + price);
      }
    }
    for (GroupState group : groups) {
      if (group.actual().size() != prices.size()) {
        throw new IllegalArgumentException("each group needs one volume per Planet");
      }
    }
  }

  /**
   * Returns the start of an auction from the current period's prices and allocation (the input of
   * Algorithm 1).
   *
   * @param prices the prices of the current period
   * @param allocation {@code x} of the current period, indexed by group, then Planet
   * @return the state, with no group's choice made yet
   */
  public static AuctionState start(List<ResourceVector> prices, List<List<Double>> allocation) {
    List<GroupState> groups = new ArrayList<>(allocation.size());
    for (List<Double> row : allocation) {
      groups.add(GroupState.start(row));
    }
    return new AuctionState(prices, groups);
  }

  /**
   * Returns the start of a first auction (Type 1 at system start): reserve prices and nothing
   * allocated.
   *
   * @param instance the auction
   * @return prices {@code q}, {@code x̂ = 0}
   */
  public static AuctionState initial(AuctionInstance instance) {
    List<Double> none = Collections.nCopies(instance.planets().size(), 0.0);
    return start(instance.reservePrices(), Collections.nCopies(instance.groups().size(), none));
  }

  /**
   * Returns {@code x̂} of every group.
   *
   * @return the volumes, indexed by group, then Planet
   */
  public List<List<Double>> actual() {
    return groups.stream().map(GroupState::actual).toList();
  }
}
