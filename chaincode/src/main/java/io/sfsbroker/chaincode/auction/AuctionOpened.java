package io.sfsbroker.chaincode.auction;

import io.sfsbroker.market.auction.AuctionType;
import java.time.Instant;
import java.util.List;

/**
 * The payload of the {@code AuctionOpened} event.
 *
 * @param auctionId the new auction
 * @param period the period it sells
 * @param type the auction type
 * @param planetIds the Planets, in Planet order
 * @param groupIds the groups, in group order
 * @param round the open round, 1
 * @param deadline the last time a bid for round 1 is in time
 */
public record AuctionOpened(
    String auctionId,
    String period,
    AuctionType type,
    List<String> planetIds,
    List<String> groupIds,
    int round,
    Instant deadline) {

  /** Copies the lists. */
  public AuctionOpened {
    planetIds = List.copyOf(planetIds);
    groupIds = List.copyOf(groupIds);
  }
}
