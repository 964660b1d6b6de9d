package io.sfsbroker.protocol.auction;

/**
 * The body of an {@code allocation-confirmation} envelope: the signing group confirms that a Planet
 * provides the resources it won in an auction, which pays the Planet.
 *
 * @param auctionId the settled auction
 * @param planetId the Planet that provides them
 */
public record AllocationConfirmationBody(String auctionId, String planetId) {

  /** Checks that both ids are present. */
  public AllocationConfirmationBody {
    if (auctionId == null || auctionId.isBlank()) {
      throw new IllegalArgumentException("auctionId is missing");
    }
    if (planetId == null || planetId.isBlank()) {
      throw new IllegalArgumentException("planetId is missing");
    }
  }
}
