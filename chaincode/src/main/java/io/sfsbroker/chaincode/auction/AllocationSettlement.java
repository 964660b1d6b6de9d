package io.sfsbroker.chaincode.auction;

import io.sfsbroker.protocol.credit.Escrow;
import java.util.Objects;

/**
 * The end of one group's payment to one Planet: what {@code auction:confirmAllocation}, {@code
 * refundAllocation} and their admin forms return, and the payload of their events.
 *
 * @param auctionId the auction
 * @param groupId the group that paid
 * @param planetId the Planet it paid
 * @param tokenId the allocation token: kept on release, burned on refund
 * @param escrow the escrow as it now stands: {@code RELEASED} to the Planet or {@code REFUNDED} to
 *     the group, with the transaction and the reason
 */
public record AllocationSettlement(
    String auctionId, String groupId, String planetId, String tokenId, Escrow escrow) {

  /** Checks that the record is complete. */
  public AllocationSettlement {
    Objects.requireNonNull(auctionId, "auctionId");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(planetId, "planetId");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(escrow, "escrow");
  }
}
