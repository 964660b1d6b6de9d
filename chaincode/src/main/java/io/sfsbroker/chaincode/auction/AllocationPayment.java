package io.sfsbroker.chaincode.auction;

import java.time.Instant;
import java.util.Objects;

/**
 * What one group pays one Planet for the volume it won in a settled auction: one per group and
 * Planet whose volume costs at least one credit minor unit, when the group could pay. The
 * allocation token and the escrow share the id {@code allocation:<auctionId>:<groupId>:<planetId>}.
 *
 * @param groupId the paying group
 * @param planetId the Planet paid
 * @param volume {@code x̂_{i,j}}, the data volume the group won on the Planet
 * @param payment {@code Σ_{s,r} p̂_{j,r}·c^j_{s,r}·r_{i,s}·x̂_{i,j}}, in the auction's price units
 * @param amount the payment in credit minor units: {@code payment × paymentScale}, rounded half up
 *     from the exact value of the double
 * @param tokenId the {@code ALLOCATION} token minted to the group
 * @param escrowId the escrow that holds {@code amount} for the Planet
 * @param deadline the end of the confirmation time: after it, an escrow still locked is refunded to
 *     the group by {@code auction:expireAllocation}; the same instant is stored with the escrow
 */
public record AllocationPayment(
    String groupId,
    String planetId,
    double volume,
    double payment,
    long amount,
    String tokenId,
    String escrowId,
    Instant deadline) {

  /** Checks that the record is complete. */
  public AllocationPayment {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(planetId, "planetId");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(escrowId, "escrowId");
    Objects.requireNonNull(deadline, "deadline");
    if (amount < 0) {
      throw new IllegalArgumentException("a payment must not be negative");
    }
  }
}
