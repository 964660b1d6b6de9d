package io.sfsbroker.chaincode.auction;

import java.util.Objects;

/**
 * What {@code auction:getAuction} returns: the auction as opened and where it stands.
 *
 * @param auction the auction as opened
 * @param progress its open (or last) round and status
 */
public record AuctionView(Auction auction, AuctionProgress progress) {

  /** Checks that both are present. */
  public AuctionView {
    Objects.requireNonNull(auction, "auction");
    Objects.requireNonNull(progress, "progress");
  }
}
