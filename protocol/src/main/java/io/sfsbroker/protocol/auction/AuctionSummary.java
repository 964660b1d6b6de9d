package io.sfsbroker.protocol.auction;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One auction as {@code auction:listAuctions} lists it: what was sold, by whom to how many groups,
 * and where it stands; {@code auction:getAuction} returns the whole auction.
 *
 * @param id the auction, {@code a-} and 24 hex digits
 * @param period the label of the period sold
 * @param type the auction type ({@code TYPE_1} …)
 * @param planetIds the Planets, in Planet order
 * @param groups how many user groups it names
 * @param status {@code OPEN} for bids or {@code SETTLED}
 * @param round the open round, or the last round once settled; from 1
 * @param openedAt the transaction time of the opening
 * @param updatedAt the transaction time of the last round change
 * @param openedBy the MSP id of the admin that opened it
 */
public record AuctionSummary(
    String id,
    String period,
    String type,
    List<String> planetIds,
    int groups,
    String status,
    int round,
    Instant openedAt,
    Instant updatedAt,
    String openedBy) {

  /** Checks for nulls and copies the Planet ids. */
  public AuctionSummary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    planetIds = List.copyOf(planetIds);
  }
}
