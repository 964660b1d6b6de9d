package io.sfsbroker.protocol.auction;

/**
 * The body of an {@code allocation-failure} envelope: the signing Planet reports that it cannot
 * provide a group the resources the group won in an auction, which refunds the group.
 *
 * @param auctionId the settled auction
 * @param groupId the group it cannot serve
 * @param reason what failed, 1 to {@value #MAX_REASON} characters
 */
public record AllocationFailureBody(String auctionId, String groupId, String reason) {

  /** The longest reason. */
  public static final int MAX_REASON = 512;

  /** Checks that the body is complete. */
  public AllocationFailureBody {
    if (auctionId == null || auctionId.isBlank()) {
      throw new IllegalArgumentException("auctionId is missing");
    }
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("groupId is missing");
    }
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
      throw new IllegalArgumentException("reason must be 1 to " + MAX_REASON + " characters");
    }
  }
}
