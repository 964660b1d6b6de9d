package io.sfsbroker.chaincode.auction;

import io.sfsbroker.market.auction.AuctionState;
import io.sfsbroker.market.auction.GroupState;
import io.sfsbroker.market.auction.ResourceVector;
import io.sfsbroker.market.auction.Round;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One round of an auction, stored under {@code auction-round~<id>~<round, 10 digits>}: the state
 * the round starts from while it is open, and its outcome once closed.
 *
 * @param auctionId the auction
 * @param round the round number, from 1
 * @param status open or closed
 * @param prices {@code p}, the prices the groups respond to
 * @param groups every group's state ({@code x̂}, last Planet, Planet changes), in group order
 * @param openedAt the transaction time that opened the round
 * @param deadline the last transaction time at which a bid is in time
 * @param closedAt the transaction time that closed it; {@code null} while open
 * @param bidders the ids of the groups that bid, sorted; {@code null} while open
 * @param newPrices {@code p̂} by Theorem 2; {@code null} while open
 * @param actual {@code x̂} by eq. (17), indexed by group, then Planet; {@code null} while open
 * @param targets {@code x*} (for a group that did not bid: its standing volumes); {@code null}
 *     while open
 * @param distance {@code ‖x̂ − x*‖}; {@code null} while open
 * @param last whether the round settled the auction; {@code null} while open
 */
public record AuctionRound(
    String auctionId,
    int round,
    RoundStatus status,
    List<ResourceVector> prices,
    List<GroupState> groups,
    Instant openedAt,
    Instant deadline,
    Instant closedAt,
    List<String> bidders,
    List<ResourceVector> newPrices,
    List<List<Double>> actual,
    List<List<Double>> targets,
    Double distance,
    Boolean last) {

  /** Checks that the record is complete for its status and copies the lists. */
  public AuctionRound {
    Objects.requireNonNull(auctionId, "auctionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(deadline, "deadline");
    if (round < 1) {
      throw new IllegalArgumentException("rounds count from 1, was " + round);
    }
    prices = List.copyOf(prices);
    groups = List.copyOf(groups);
    boolean closed = status == RoundStatus.CLOSED;
    boolean complete =
        closedAt != null
            && bidders != null
            && newPrices != null
            && actual != null
            && targets != null
            && distance != null
            && last != null;
    boolean empty =
        closedAt == null
            && bidders == null
            && newPrices == null
            && actual == null
            && targets == null
            && distance == null
            && last == null;
    if (closed ? !complete : !empty) {
      throw new IllegalArgumentException("a round has an outcome exactly when it is closed");
    }
    if (closed) {
      bidders = List.copyOf(bidders);
      newPrices = List.copyOf(newPrices);
      actual = actual.stream().map(List::copyOf).toList();
      targets = targets.stream().map(List::copyOf).toList();
    }
  }

  /**
   * Returns an open round.
   *
   * @param auctionId the auction
   * @param round the round number
   * @param state the prices and group states it starts from
   * @param openedAt the transaction time
   * @param deadline the last time a bid is in time
   * @return the open round
   */
  public static AuctionRound open(
      final String auctionId,
      final int round,
      final AuctionState state,
      final Instant openedAt,
      final Instant deadline) {
    return new AuctionRound(
        auctionId,
        round,
        RoundStatus.OPEN,
        state.prices(),
        state.groups(),
        openedAt,
        deadline,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Returns the state the round starts from.
   *
   * @return {@code p} and the group states
   */
  public AuctionState state() {
    return new AuctionState(prices, groups);
  }

  /**
   * Returns this round closed with an outcome.
   *
   * @param outcome the round as computed
   * @param bidderIds the groups that bid, sorted
   * @param time the closing transaction time
   * @param settles whether the round settles the auction
   * @return the closed round
   */
  public AuctionRound closed(
      final Round outcome,
      final List<String> bidderIds,
      final Instant time,
      final boolean settles) {
    return new AuctionRound(
        auctionId,
        round,
        RoundStatus.CLOSED,
        prices,
        groups,
        openedAt,
        deadline,
        time,
        bidderIds,
        outcome.newPrices(),
        outcome.actual(),
        outcome.targets(),
        outcome.distance(),
        settles);
  }
}
