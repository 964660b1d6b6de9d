package io.sfsbroker.protocol.nft;

import java.util.Objects;

/**
 * The body of an {@code nft-transfer} envelope: what a device does with tokens as their owner,
 * approved account or operator.
 *
 * @param action what to do
 * @param tokenId the token ({@link Action#TRANSFER}, {@link Action#APPROVE}, {@link Action#BURN})
 * @param from the current owner ({@link Action#TRANSFER})
 * @param to the new owner ({@link Action#TRANSFER}) or the account to approve, empty to clear
 *     ({@link Action#APPROVE})
 * @param operator the operator ({@link Action#SET_APPROVAL_FOR_ALL})
 * @param approved grant or revoke ({@link Action#SET_APPROVAL_FOR_ALL})
 */
public record NftAction(
    Action action, String tokenId, String from, String to, String operator, Boolean approved) {

  /** What a device may do. */
  public enum Action {
    /** ERC-721 {@code transferFrom}. */
    TRANSFER,
    /** ERC-721 {@code approve}. */
    APPROVE,
    /** ERC-721 {@code setApprovalForAll}. */
    SET_APPROVAL_FOR_ALL,
    /** Burn the token. */
    BURN
  }

  /** Checks that the fields the action needs are present. */
  public NftAction {
    Objects.requireNonNull(action, "action is missing");
    switch (action) {
      case TRANSFER -> require(tokenId != null && from != null && to != null, "tokenId, from, to");
      case APPROVE -> require(tokenId != null, "tokenId");
      case SET_APPROVAL_FOR_ALL ->
          require(operator != null && approved != null, "operator, approved");
      case BURN -> require(tokenId != null, "tokenId");
    }
  }

  private static void require(final boolean present, final String fields) {
    if (!present) {
      throw new IllegalArgumentException("this action needs " + fields);
    }
  }
}
