package io.sfsbroker.chaincode.auction;

import io.sfsbroker.market.auction.AuctionInstance;
import io.sfsbroker.market.auction.AuctionParameters;
import io.sfsbroker.market.auction.AuctionState;
import io.sfsbroker.market.auction.AuctionType;
import io.sfsbroker.market.auction.Planet;
import io.sfsbroker.market.auction.ResourceVector;
import io.sfsbroker.market.auction.UserGroup;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An auction as opened, stored under {@code auction~<id>}; it never changes. Its progress is in
 * {@link AuctionProgress}, its rounds in {@link AuctionRound}s.
 *
 * @param id {@code a-} and 24 hex digits, derived from the opening transaction's id
 * @param period the label of the period sold
 * @param type the auction type
 * @param instance Planets, groups, distances and migration price
 * @param parameters {@code γ}, {@code ε}, the round limit and the Planet-change limit
 * @param roundSeconds how long each round takes bids
 * @param paymentScale credit minor units per unit of the auction's prices
 * @param confirmationSeconds how long after settlement each allocation escrow waits for the group's
 *     confirmation or the Planet's failure report; after that it is refunded by {@code
 *     expireAllocation}
 * @param startPrices the prices of round 1
 * @param startAllocation {@code x̂} at the start, indexed by group, then Planet
 * @param openedAt the transaction time of the opening
 * @param openedBy the MSP id of the admin that opened it
 * @param txId the opening transaction
 */
public record Auction(
    String id,
    String period,
    AuctionType type,
    AuctionInstance instance,
    AuctionParameters parameters,
    long roundSeconds,
    long paymentScale,
    long confirmationSeconds,
    List<ResourceVector> startPrices,
    List<List<Double>> startAllocation,
    Instant openedAt,
    String openedBy,
    String txId) {

  /** Checks that the record is complete and copies the lists. */
  public Auction {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(parameters, "parameters");
    startPrices = List.copyOf(startPrices);
    startAllocation = startAllocation.stream().map(List::copyOf).toList();
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(openedBy, "openedBy");
    Objects.requireNonNull(txId, "txId");
    if (roundSeconds < 1) {
      throw new IllegalArgumentException("roundSeconds must be positive");
    }
    if (paymentScale < 1) {
      throw new IllegalArgumentException("paymentScale must be positive");
    }
    if (confirmationSeconds < 1) {
      throw new IllegalArgumentException("confirmationSeconds must be positive");
    }
  }

  /**
   * Returns the state round 1 starts from.
   *
   * @return start prices and allocation
   */
  public AuctionState startState() {
    return AuctionState.start(startPrices, startAllocation);
  }

  /**
   * Returns the Planets' participant ids in Planet order.
   *
   * @return the ids
   */
  public List<String> planetIds() {
    return instance.planets().stream().map(Planet::id).toList();
  }

  /**
   * Returns the groups' participant ids in group order.
   *
   * @return the ids
   */
  public List<String> groupIds() {
    return instance.groups().stream().map(UserGroup::id).toList();
  }

  /**
   * Returns the index of a group in the auction.
   *
   * @param participantId the group's participant id
   * @return its index, or empty when it does not take part
   */
  public OptionalInt groupIndex(final String participantId) {
    List<UserGroup> groups = instance.groups();
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i).id().equals(participantId)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }
}
