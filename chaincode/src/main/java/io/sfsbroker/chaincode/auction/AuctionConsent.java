package io.sfsbroker.chaincode.auction;

import java.time.Instant;
import java.util.Objects;

/**
 * A group's consent to take part in an auction, stored under {@code
 * auction-consent~<auctionId>~<groupId>}; it never changes. Only a group with a consent is bound by
 * the auction: it may bid, a silent round keeps its standing bid, and it pays for what it wins. A
 * group without one bids nothing and pays nothing.
 *
 * @param auctionId the auction
 * @param groupId the group
 * @param by how the consent was given: {@code group} (its own signed {@code auction-opt-in}) or
 *     {@code admin:<mspId>} (an admin of the group's organisation, by {@code optInAsAdmin} or by
 *     opening the auction)
 * @param at the transaction time
 * @param txId the transaction that recorded it
 */
public record AuctionConsent(String auctionId, String groupId, String by, Instant at, String txId) {

  /** The {@code by} of a consent the group signed itself. */
  public static final String BY_GROUP = "group";

  /** Checks that the record is complete. */
  public AuctionConsent {
    Objects.requireNonNull(auctionId, "auctionId");
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(by, "by");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(txId, "txId");
  }

  /**
   * Returns the {@code by} of a consent given by an organisation's admin.
   *
   * @param mspId the admin's organisation
   * @return {@code admin:<mspId>}
   */
  public static String byAdminOf(final String mspId) {
    return "admin:" + mspId;
  }
}
