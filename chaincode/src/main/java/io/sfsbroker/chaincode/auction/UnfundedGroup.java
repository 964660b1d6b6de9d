package io.sfsbroker.chaincode.auction;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A group that won volume in a settled auction but whose credits could not cover all of its
 * payments: nothing was locked from it and no token was minted to it.
 *
 * @param groupId the group
 * @param required what its payments to all its Planets add up to, in credit minor units (a JSON
 *     integer, which may exceed a {@code long})
 * @param balance its credit balance at settlement
 * @param reason why, in words
 */
public record UnfundedGroup(String groupId, BigInteger required, long balance, String reason) {

  /** Checks that the record is complete. */
  public UnfundedGroup {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(required, "required");
    Objects.requireNonNull(reason, "reason");
  }
}
