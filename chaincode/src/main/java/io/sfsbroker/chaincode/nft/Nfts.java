package io.sfsbroker.chaincode.nft;

import io.sfsbroker.chaincode.common.Account;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.protocol.nft.ApprovalEvent;
import io.sfsbroker.protocol.nft.ApprovalForAllEvent;
import io.sfsbroker.protocol.nft.Token;
import io.sfsbroker.protocol.nft.TransferEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The token registry on the ledger: minting and burning for the broker's contracts (award,
 * allocation, decommission), and the ERC-721 rules every transfer, approval and burn follows.
 *
 * <p>Keys: {@code nft~<tokenId>} holds the {@link Token}; {@code nft-owner~<owner>~<tokenId>} is an
 * index entry per token (balances and listings by owner are range reads over it); {@code
 * nft-operator~<owner>~<operator>} marks an operator approved for all of an owner's tokens. No key
 * is written by every mint: the supply is a range count.
 */
public final class Nfts {

  /** The object type of token keys. */
  public static final String KEY_TYPE = "nft";

  /** The object type of the by-owner index. */
  public static final String OWNER_INDEX = "nft-owner";

  /** The object type of operator approvals. */
  public static final String OPERATOR_KEY_TYPE = "nft-operator";

  /** The form of token ids. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

  private Nfts() {}

  /**
   * Requires {@code tokenId} to be of the form of a token id.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} otherwise
   */
  public static String requireId(final String tokenId) {
    if (tokenId == null || !ID.matcher(tokenId).matches()) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "'" + tokenId + "' is not a token id: 1 to 200 letters, digits, '.', '_', ':' or '-'");
    }
    return tokenId;
  }

  /** Reads token {@code tokenId}, if it exists. */
  public static Optional<Token> find(final Ledger ledger, final String tokenId) {
    return ledger.get(key(ledger, requireId(tokenId)), Token.class);
  }

  /**
   * Reads token {@code tokenId}.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the id is
   *     malformed; {@code NOT_FOUND} when there is no such token (never minted, or burned)
   */
  public static Token require(final Ledger ledger, final String tokenId) {
    return find(ledger, tokenId)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("token " + tokenId + " does not exist"));
  }

  /**
   * Mints {@code token}. For the broker's contracts only; there is no mint transaction.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code CONFLICT} when the token exists;
   *     {@code INVALID_ARGUMENT} when its id or owner is malformed
   */
  public static void mint(final Ledger ledger, final Token token) {
    Objects.requireNonNull(token, "token");
    requireId(token.id());
    Account.require("owner", token.owner());
    if (ledger.exists(key(ledger, token.id()))) {
      throw ErrorCode.CONFLICT.reject("token " + token.id() + " already exists");
    }
    ledger.put(key(ledger, token.id()), token);
    ledger.putMarker(ownerKey(ledger, token.owner(), token.id()));
  }

  /**
   * Burns {@code tokenId} whoever owns it, for the broker's contracts when what it stands for ends.
   *
   * @return whether there was a token to burn
   */
  public static boolean burnIfPresent(final Ledger ledger, final String tokenId) {
    Optional<Token> token = find(ledger, tokenId);
    token.ifPresent(t -> delete(ledger, t));
    return token.isPresent();
  }

  /**
   * Transfers a token from {@code from} to {@code to} on behalf of {@code actor}, who must be its
   * owner, its approved account or an operator of its owner; the approval is cleared.
   *
   * @return the event to emit
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when an id is
   *     malformed or {@code from} is not the owner; {@code NOT_FOUND} when there is no such token;
   *     {@code FORBIDDEN} when {@code actor} may not transfer it
   */
  public static TransferEvent transfer(
      final Ledger ledger,
      final String actor,
      final String from,
      final String to,
      final String tokenId) {
    Account.require("from", from);
    Account.require("to", to);
    Token token = require(ledger, tokenId);
    if (!token.owner().equals(from)) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "token " + tokenId + " is owned by " + token.owner() + ", not by " + from);
    }
    requireMayManage(ledger, actor, token, true, "transfer");
    ledger.stub().delState(ownerKey(ledger, from, tokenId));
    ledger.put(key(ledger, tokenId), token.ownedBy(to));
    ledger.putMarker(ownerKey(ledger, to, tokenId));
    return new TransferEvent(from, to, tokenId);
  }

  /**
   * Approves {@code to} (or clears the approval when {@code to} is empty) to transfer a token, on
   * behalf of {@code actor}, its owner or an operator of its owner.
   *
   * @return the event to emit
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when an id is
   *     malformed or {@code to} is the owner; {@code NOT_FOUND} when there is no such token; {@code
   *     FORBIDDEN} when {@code actor} may not approve
   */
  public static ApprovalEvent approve(
      final Ledger ledger, final String actor, final String to, final String tokenId) {
    String approved = to == null || to.isEmpty() ? null : Account.require("to", to);
    Token token = require(ledger, tokenId);
    requireMayManage(ledger, actor, token, false, "approve an account for");
    if (token.owner().equals(approved)) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "approval to the current owner " + approved + " of " + tokenId + " means nothing");
    }
    ledger.put(key(ledger, tokenId), token.approving(approved));
    return new ApprovalEvent(token.owner(), approved, tokenId);
  }

  /**
   * Lets {@code operator} manage all of {@code owner}'s tokens, or stops it.
   *
   * @return the event to emit
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when an account
   *     is malformed or the operator is the owner
   */
  public static ApprovalForAllEvent setApprovalForAll(
      final Ledger ledger, final String owner, final String operator, final boolean approved) {
    Account.require("operator", operator);
    if (owner.equals(operator)) {
      throw ErrorCode.INVALID_ARGUMENT.reject("an owner cannot be its own operator");
    }
    String key = operatorKey(ledger, owner, operator);
    if (approved) {
      ledger.putMarker(key);
    } else {
      ledger.stub().delState(key);
    }
    return new ApprovalForAllEvent(owner, operator, approved);
  }

  /** Tells whether {@code operator} may manage all of {@code owner}'s tokens. */
  public static boolean isApprovedForAll(
      final Ledger ledger, final String owner, final String operator) {
    return ledger.exists(operatorKey(ledger, owner, operator));
  }

  /**
   * Burns a token on behalf of {@code actor}, its owner, approved account or an operator.
   *
   * @return the event to emit
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code NOT_FOUND} when there is no such
   *     token (or it was burned); {@code FORBIDDEN} when {@code actor} may not burn it
   */
  public static TransferEvent burn(final Ledger ledger, final String actor, final String tokenId) {
    Token token = require(ledger, tokenId);
    requireMayManage(ledger, actor, token, true, "burn");
    delete(ledger, token);
    return new TransferEvent(token.owner(), null, tokenId);
  }

  /**
   * Tells whether {@code account} holds token {@code tokenId}: owns it, is its approved account or
   * is an operator of its owner. These are the accounts the token's rights belong to (who may
   * confirm, query and end the slice or application it stands for); a missing token is held by
   * nobody.
   */
  public static boolean holds(final Ledger ledger, final String account, final String tokenId) {
    return find(ledger, tokenId).map(token -> mayUse(ledger, account, token, true)).orElse(false);
  }

  /**
   * Requires {@code account} to {@link #holds hold} every token of {@code tokenIds}: the one check
   * behind every right a token grants (docs/tokens.md, <i>What a token grants</i>).
   *
   * @param action what {@code account} wants to do, for the message
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FORBIDDEN} naming the first token
   *     it does not hold and that token's owner (or that the token is gone)
   */
  public static void requireHolder(
      final Ledger ledger, final String account, final List<String> tokenIds, final String action) {
    Objects.requireNonNull(account, "account");
    for (String tokenId : tokenIds) {
      Optional<Token> token = find(ledger, tokenId);
      if (token.isEmpty()) {
        throw ErrorCode.FORBIDDEN.reject(
            account + " may not " + action + ": its token " + tokenId + " was burned");
      }
      if (!mayUse(ledger, account, token.get(), true)) {
        throw ErrorCode.FORBIDDEN.reject(
            account
                + " may not "
                + action
                + ": token "
                + tokenId
                + " is owned by "
                + token.get().owner()
                + ", and "
                + account
                + " is neither its owner, its approved account nor an operator of its owner");
      }
    }
  }

  /** Counts the tokens of {@code owner}. */
  public static long balanceOf(final Ledger ledger, final String owner) {
    return ledger.all(OWNER_INDEX, List.of(Account.require("owner", owner)), e -> 1).size();
  }

  static String key(final Ledger ledger, final String tokenId) {
    return ledger.key(KEY_TYPE, tokenId);
  }

  static String ownerKey(final Ledger ledger, final String owner, final String tokenId) {
    return ledger.key(OWNER_INDEX, owner, tokenId);
  }

  private static String operatorKey(
      final Ledger ledger, final String owner, final String operator) {
    return ledger.key(OPERATOR_KEY_TYPE, owner, operator);
  }

  private static void delete(final Ledger ledger, final Token token) {
    ledger.stub().delState(key(ledger, token.id()));
    ledger.stub().delState(ownerKey(ledger, token.owner(), token.id()));
  }

  private static void requireMayManage(
      final Ledger ledger,
      final String actor,
      final Token token,
      final boolean approvedMay,
      final String action) {
    if (!mayUse(ledger, actor, token, approvedMay)) {
      throw ErrorCode.FORBIDDEN.reject(
          actor
              + " may not "
              + action
              + " token "
              + token.id()
              + ": it is neither the owner"
              + (approvedMay ? ", the approved account" : "")
              + " nor an operator of "
              + token.owner());
    }
  }

  private static boolean mayUse(
      final Ledger ledger, final String actor, final Token token, final boolean approvedMay) {
    return actor.equals(token.owner())
        || (approvedMay && actor.equals(token.approved()))
        || isApprovedForAll(ledger, token.owner(), actor);
  }
}
