package io.sfsbroker.market.auction;

import java.util.ArrayList;
import java.util.List;

/**
 * One round of Algorithm 1.
 *
 * @param prices {@code p}, the prices the groups responded to
 * @param responses every group's response (choice, volumes, bids), in group order
 * @param newPrices {@code p̂}, every Planet's prices by Theorem 2
 * @param actual {@code x̂}, indexed by group, then Planet, by eq. (17)
 * @param distance {@code ‖x̂ − x*‖}
 */
public record Round(
    List<ResourceVector> prices,
    List<GroupResponse> responses,
    List<ResourceVector> newPrices,
    List<List<Double>> actual,
    double distance) {

  /** Copies the lists. */
  public Round {
    prices = List.copyOf(prices);
    responses = List.copyOf(responses);
    newPrices = List.copyOf(newPrices);
    actual = actual.stream().map(List::copyOf).toList();
  }

  /**
   * Returns {@code x*}, every group's optimal volume per Planet in this round.
   *
   * @return the targets, indexed by group, then Planet
   */
  public List<List<Double>> targets() {
    return responses.stream().map(GroupResponse::targets).toList();
  }

  /**
   * Returns the state the next round starts from.
   *
   * @return prices {@code p̂} and volumes {@code x̂}
   */
  public AuctionState next() {
    List<GroupState> groups = new ArrayList<>(responses.size());
    for (GroupResponse response : responses) {
      groups.add(
          new GroupState(
              actual.get(response.group()), response.planet(), response.planetChanges()));
    }
    return new AuctionState(newPrices, groups);
  }
}
