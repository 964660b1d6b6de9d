package io.sfsbroker.chaincode.nft;

import io.sfsbroker.chaincode.common.Account;
import io.sfsbroker.chaincode.common.Arguments;
import io.sfsbroker.chaincode.common.Caller;
import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.envelope.EnvelopeVerifier;
import io.sfsbroker.chaincode.envelope.VerifiedEnvelope;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.nft.ApprovalEvent;
import io.sfsbroker.protocol.nft.ApprovalForAllEvent;
import io.sfsbroker.protocol.nft.NftAction;
import io.sfsbroker.protocol.nft.Token;
import io.sfsbroker.protocol.nft.TokenQuery;
import io.sfsbroker.protocol.nft.TransferEvent;
import io.sfsbroker.protocol.transaction.Contracts;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.License;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * The resource NFT registry with ERC-721 semantics. A client identity acts on its own tokens
 * (account {@code client:<msp>:<id>}) with {@code transferFrom}, {@code approve}, {@code
 * setApprovalForAll} and {@code burn}; a device acts on its tokens ({@code device:<id>}) with a
 * signed {@code nft-transfer} envelope to {@code applySigned}. Tokens are minted only by the
 * broker's contracts.
 */
@Contract(
    name = Contracts.NFT,
    info =
        @Info(
            title = "SFSBroker resource NFTs",
            description = "ERC-721 tokens for resource bundles, applications and flows",
            version = "0.1.0",
            license = @License(name = "Apache-2.0"),
            contact = @Contact(name = "SFSBroker")))
public final class NftContract implements ContractInterface {

  /**
   * Transfers a token as the caller's client identity: its owner, approved account or an operator
   * of its owner. The token's approval is cleared.
   *
   * <p>Who may call: any member of the channel, as above. Reads {@code nft~<tokenId>} and {@code
   * nft-operator~<owner>~<caller>}; writes {@code nft~<tokenId>} and the two {@code nft-owner}
   * entries; emits {@link EventName#TRANSFER}.
   *
   * @param from the current owner
   * @param to the new owner, {@code device:<id>} or {@code client:<msp>:<id>}
   * @param tokenId the token
   * @return the {@link TransferEvent} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when an id is malformed or {@code from} is
   *     not the owner; {@code NOT_FOUND} when there is no such token; {@code FORBIDDEN} when the
   *     caller may not transfer it
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String transferFrom(
      final Context ctx, final String from, final String to, final String tokenId) {
    Ledger ledger = Ledger.of(ctx);
    TransferEvent event = Nfts.transfer(ledger, caller(ctx), from, to, tokenId);
    ledger.emit(EventName.TRANSFER, event);
    return Json.toJson(event);
  }

  /**
   * Approves an account to transfer a token, or clears the approval with an empty {@code to}.
   *
   * <p>Who may call: the token's owner or an operator of its owner, as a client identity. Reads
   * {@code nft~<tokenId>} and the operator entry; writes {@code nft~<tokenId>}; emits {@value
   * EventName#APPROVAL}.
   *
   * @param to the account to approve; empty to clear
   * @param tokenId the token
   * @return the {@link ApprovalEvent} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when an id is malformed or {@code to} is
   *     the owner; {@code NOT_FOUND} when there is no such token; {@code FORBIDDEN} when the caller
   *     is neither owner nor operator
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String approve(final Context ctx, final String to, final String tokenId) {
    Ledger ledger = Ledger.of(ctx);
    ApprovalEvent event = Nfts.approve(ledger, caller(ctx), to, tokenId);
    ledger.emit(EventName.APPROVAL, event);
    return Json.toJson(event);
  }

  /**
   * Lets an operator manage all of the caller's tokens, or stops it.
   *
   * <p>Who may call: any member of the channel, for its own client identity. Writes or deletes
   * {@code nft-operator~<caller>~<operator>}; emits {@link EventName#APPROVAL_FOR_ALL}.
   *
   * @param operator the operator's account
   * @param approved {@code true} or {@code false}
   * @return the {@link ApprovalForAllEvent} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the operator is malformed or is the
   *     caller, or {@code approved} is neither {@code true} nor {@code false}
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String setApprovalForAll(final Context ctx, final String operator, final String approved) {
    boolean flag = bool(approved);
    Ledger ledger = Ledger.of(ctx);
    ApprovalForAllEvent event = Nfts.setApprovalForAll(ledger, caller(ctx), operator, flag);
    ledger.emit(EventName.APPROVAL_FOR_ALL, event);
    return Json.toJson(event);
  }

  /**
   * Burns a token.
   *
   * <p>Who may call: its owner, approved account or an operator of its owner, as a client identity.
   * Reads {@code nft~<tokenId>}; deletes it and its {@code nft-owner} entry; emits {@value
   * EventName#TRANSFER} with {@code to} absent.
   *
   * @param tokenId the token
   * @return the {@link TransferEvent} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such token (or it was burned already); {@code FORBIDDEN} when the caller
   *     may not burn it
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String burn(final Context ctx, final String tokenId) {
    Ledger ledger = Ledger.of(ctx);
    TransferEvent event = Nfts.burn(ledger, caller(ctx), tokenId);
    ledger.emit(EventName.TRANSFER, event);
    return Json.toJson(event);
  }

  /**
   * Does what a device signed: transfer, approve, set an operator, or burn, with the device's
   * account {@code device:<signer>} as the actor and the rules of the client transactions.
   *
   * <p>Who may call: any member of the channel (the bridge); the envelope may be signed by any
   * active participant. Reads the signer, envelope settings and nonce and what the action reads;
   * writes {@code envelope-nonce~…} and what the action writes; emits the action's event.
   *
   * @param envelope an {@code nft-transfer} envelope whose body is an {@link NftAction}, for
   *     example {@code {"action":"TRANSFER","tokenId":"bundle:s-…:cpu","from":"device:fog-1",
   *     "to":"device:fog-2"}}
   * @return the event payload as JSON
   * @throws ChaincodeException the envelope codes ({@code MALFORMED}, {@code BAD_SIGNATURE}, {@code
   *     FORBIDDEN}, {@code EXPIRED}, {@code REPLAY}); then those of the action
   */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String applySigned(final Context ctx, final String envelope) {
    VerifiedEnvelope verified = EnvelopeVerifier.verify(ctx, envelope, MessageType.NFT_TRANSFER);
    NftAction action = verified.bodyAs(NftAction.class);
    String actor = Account.device(verified.signer().id());
    Ledger ledger = Ledger.of(ctx);
    EventName name;
    Object event;
    switch (action.action()) {
      case TRANSFER -> {
        event = Nfts.transfer(ledger, actor, action.from(), action.to(), action.tokenId());
        name = EventName.TRANSFER;
      }
      case APPROVE -> {
        event = Nfts.approve(ledger, actor, action.to(), action.tokenId());
        name = EventName.APPROVAL;
      }
      case SET_APPROVAL_FOR_ALL -> {
        event = Nfts.setApprovalForAll(ledger, actor, action.operator(), action.approved());
        name = EventName.APPROVAL_FOR_ALL;
      }
      case BURN -> {
        event = Nfts.burn(ledger, actor, action.tokenId());
        name = EventName.TRANSFER;
      }
      default -> throw ErrorCode.INTERNAL.reject("unknown action " + action.action());
    }
    EnvelopeVerifier.consume(ctx, verified);
    ledger.emit(name, event);
    return Json.toJson(event);
  }

  /**
   * Counts an account's tokens.
   *
   * <p>Who may call: any member of the channel. Reads {@code nft-owner~<owner>~*}.
   *
   * @param owner the account
   * @return {@code {"owner":"…","balance":n}}
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the account is malformed
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String balanceOf(final Context ctx, final String owner) {
    return Json.toJson(Map.of("owner", owner, "balance", Nfts.balanceOf(Ledger.of(ctx), owner)));
  }

  /**
   * Returns a token's owner.
   *
   * <p>Who may call: any member of the channel. Reads {@code nft~<tokenId>}.
   *
   * @param tokenId the token
   * @return {@code {"tokenId":"…","owner":"…"}}
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such token
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String ownerOf(final Context ctx, final String tokenId) {
    Token token = Nfts.require(Ledger.of(ctx), tokenId);
    return Json.toJson(Map.of("tokenId", tokenId, "owner", token.owner()));
  }

  /**
   * Returns the account approved for a token.
   *
   * <p>Who may call: any member of the channel. Reads {@code nft~<tokenId>}.
   *
   * @param tokenId the token
   * @return {@code {"tokenId":"…","approved":"…"}}, {@code approved} absent when none
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such token
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getApproved(final Context ctx, final String tokenId) {
    Token token = Nfts.require(Ledger.of(ctx), tokenId);
    return Json.toJson(new ApprovalEvent(token.owner(), token.approved(), tokenId));
  }

  /**
   * Tells whether an operator may manage all of an owner's tokens.
   *
   * <p>Who may call: any member of the channel. Reads {@code nft-operator~<owner>~<operator>}.
   *
   * @return the {@link ApprovalForAllEvent} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when an account is malformed
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String isApprovedForAll(final Context ctx, final String owner, final String operator) {
    Account.require("owner", owner);
    Account.require("operator", operator);
    return Json.toJson(
        new ApprovalForAllEvent(
            owner, operator, Nfts.isApprovedForAll(Ledger.of(ctx), owner, operator)));
  }

  /**
   * Returns a token with its metadata (kind, owner, approval, what it stands for).
   *
   * <p>Who may call: any member of the channel. Reads {@code nft~<tokenId>}.
   *
   * @param tokenId the token
   * @return the {@link Token} as JSON
   * @throws ChaincodeException {@code INVALID_ARGUMENT} when the id is malformed; {@code NOT_FOUND}
   *     when there is no such token
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String getToken(final Context ctx, final String tokenId) {
    return Json.toJson(Nfts.require(Ledger.of(ctx), tokenId));
  }

  /**
   * Counts every token in existence with a range read over {@code nft~*}.
   *
   * <p>Who may call: any member of the channel; evaluate only. Reads {@code nft~*}.
   *
   * @return {@code {"totalSupply":n}}
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String totalSupply(final Context ctx) {
    Ledger ledger = Ledger.of(ctx);
    long count = ledger.all(Nfts.KEY_TYPE, List.of(), e -> 1).size();
    return Json.toJson(Map.of("totalSupply", count));
  }

  /**
   * Lists an owner's tokens in id order, one page at a time.
   *
   * <p>Who may call: any member of the channel; evaluate only. Reads {@code nft-owner~<owner>~*}
   * and the tokens it names.
   *
   * @param queryJson a {@link TokenQuery}: {@code {"owner":"device:fog-1","pageSize":20}}
   * @return a page of {@link Token}s: {@code {"items":[…],"bookmark":"…"}}
   * @throws ChaincodeException {@code MALFORMED} when the argument is not a JSON object; {@code
   *     INVALID_ARGUMENT} when the owner is malformed, the page size is not 1 to 200 or the
   *     bookmark does not belong to the query
   */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String listByOwner(final Context ctx, final String queryJson) {
    TokenQuery query = Arguments.json("query", queryJson, TokenQuery.class);
    String owner = Account.require("owner", query.owner());
    Ledger ledger = Ledger.of(ctx);
    return Json.toJson(
        ledger.page(
            Nfts.OWNER_INDEX,
            List.of(owner),
            query.pageSizeOrDefault(),
            query.bookmark(),
            entry -> {
              List<String> attributes = ledger.split(entry.getKey()).getAttributes();
              String tokenId = attributes.get(attributes.size() - 1);
              return Nfts.find(ledger, tokenId)
                  .orElseThrow(
                      () ->
                          ErrorCode.INTERNAL.reject(
                              "the owner index names token " + tokenId + ", which is missing"));
            }));
  }

  private static String caller(final Context ctx) {
    return Account.client(Caller.of(ctx));
  }

  private static boolean bool(final String value) {
    if ("true".equals(value)) {
      return true;
    }
    if ("false".equals(value)) {
      return false;
    }
    throw ErrorCode.INVALID_ARGUMENT.reject("approved must be true or false, was '" + value + "'");
  }
}
