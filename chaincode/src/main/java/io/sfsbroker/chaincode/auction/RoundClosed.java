package io.sfsbroker.chaincode.auction;

import io.sfsbroker.market.auction.ResourceVector;
import java.time.Instant;
import java.util.List;

/**
 * The payload of the {@code RoundClosed} event: a round closed without settling, and the next one
 * is open at the new prices.
 *
 * @param auctionId the auction
 * @param round the closed round
 * @param bidders how many groups bid in it
 * @param distance its {@code ‖x̂ − x*‖}
 * @param nextRound the round now open
 * @param prices the prices of the next round ({@code p̂} of the closed one)
 * @param deadline the last time a bid for the next round is in time
 */
public record RoundClosed(
    String auctionId,
    int round,
    int bidders,
    double distance,
    int nextRound,
    List<ResourceVector> prices,
    Instant deadline) {

  /** Copies the list. */
  public RoundClosed {
    prices = List.copyOf(prices);
  }
}
