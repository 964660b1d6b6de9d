package io.sfsbroker.protocol.auction;

/**
 * The body of an {@code auction-opt-in} envelope: the signing group agrees to take part in an
 * auction on the terms it was opened with (they are stored under {@code auction~<id>} and never
 * change), and so to be bound by its outcome: to pay for the allocation it wins.
 *
 * @param auctionId the auction
 */
public record AuctionOptInBody(String auctionId) {

  /** Checks that the id is present. */
  public AuctionOptInBody {
    if (auctionId == null || auctionId.isBlank()) {
      throw new IllegalArgumentException("auctionId is missing");
    }
  }
}
