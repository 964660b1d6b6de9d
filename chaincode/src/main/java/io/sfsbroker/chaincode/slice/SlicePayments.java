package io.sfsbroker.chaincode.slice;

import io.sfsbroker.chaincode.common.Account;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.credit.Credits;
import io.sfsbroker.chaincode.nft.Nfts;
import io.sfsbroker.protocol.credit.Escrow;
import io.sfsbroker.protocol.credit.Payee;
import io.sfsbroker.protocol.nft.Token;
import io.sfsbroker.protocol.nft.TokenKind;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.Slice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a slice's lifecycle does to credits and tokens: on award the tenant's price is locked in
 * escrow {@code escrow~<sliceId>} and one bundle token per winning category is minted to the
 * tenant; service confirmation pays the escrow to the winners; every other end refunds it (a no-op
 * once paid) and burns the bundle tokens.
 */
public final class SlicePayments {

  private SlicePayments() {}

  /** The tenant's account: {@code device:<fog node id>}. */
  public static String tenantAccount(final Slice slice) {
    return Account.device(slice.tenantId());
  }

  /** The id of the bundle token of {@code category} in slice {@code sliceId}. */
  public static String bundleTokenId(final String sliceId, final String category) {
    return "bundle:" + sliceId + ":" + category;
  }

  /**
   * The ids of the bundle tokens of {@code slice}, one per winning category, in blueprint order.
   */
  public static List<String> bundleTokenIds(final Slice slice) {
    return slice.winners().stream().map(w -> bundleTokenId(slice.id(), w.category())).toList();
  }

  /**
   * Requires {@code account} to hold the slice: every one of its bundle tokens (owner, approved
   * account or operator of the owner, {@link Nfts#requireHolder}). Whoever holds them may confirm
   * service, read the endpoints, report a failure and decommission; transferring them hands the
   * slice over.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FORBIDDEN} otherwise
   */
  static void requireHolder(
      final Ledger ledger, final Slice slice, final String account, final String action) {
    Nfts.requireHolder(ledger, account, bundleTokenIds(slice), action + " slice " + slice.id());
  }

  /** Whether {@code account} holds every bundle token of {@code slice}. */
  static boolean holds(final Ledger ledger, final Slice slice, final String account) {
    return !slice.winners().isEmpty()
        && bundleTokenIds(slice).stream().allMatch(id -> Nfts.holds(ledger, account, id));
  }

  /**
   * The slice as an event about it reports it ({@link Slice#heldBy}): with the fog node whose
   * device account owns every bundle token of {@code stored} now, read before the transaction burns
   * them; with none when the tokens are split, gone or owned by an account that is not a device.
   * Reads the bundle tokens.
   */
  static Slice withHolder(final Ledger ledger, final Slice stored, final Slice reported) {
    Set<String> owners = new TreeSet<>();
    for (String tokenId : bundleTokenIds(stored)) {
      owners.add(Nfts.find(ledger, tokenId).map(Token::owner).orElse(""));
    }
    String holder =
        owners.size() == 1 ? Account.participantId(owners.iterator().next()).orElse(null) : null;
    return reported.heldBy(holder);
  }

  /**
   * Locks {@code winners}' prices from the tenant of {@code slice} and mints a bundle token per
   * winner to the tenant. The caller checked that the tenant can afford the total.
   */
  public static Escrow award(final Ledger ledger, final Slice slice, final List<Winner> winners) {
    List<Payee> payees = new ArrayList<>();
    winners.forEach(w -> payees.add(new Payee(Account.device(w.rpId()), w.price())));
    Escrow escrow = Credits.lock(ledger, slice.id(), tenantAccount(slice), payees);
    for (Winner winner : winners) {
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("sliceId", slice.id());
      metadata.put("rpId", winner.rpId());
      metadata.put("category", winner.category());
      metadata.put("amount", Long.toString(winner.amount()));
      metadata.put("unitPrice", Long.toString(winner.unitPrice()));
      metadata.put("price", Long.toString(winner.price()));
      metadata.put("validitySeconds", Long.toString(slice.validitySeconds()));
      Nfts.mint(
          ledger,
          Token.of(
              bundleTokenId(slice.id(), winner.category()),
              TokenKind.BUNDLE,
              tenantAccount(slice),
              metadata,
              ledger.txTime(),
              ledger.txId()));
    }
    return escrow;
  }

  /** Pays the escrow of {@code slice} to its winners, once. */
  static Optional<Escrow> release(final Ledger ledger, final Slice slice) {
    return Credits.release(ledger, slice.id(), "the fog node confirmed service");
  }

  /**
   * Ends the money and tokens of {@code slice}: refunds an escrow still locked and burns every
   * bundle token that is left.
   */
  static Optional<Escrow> end(final Ledger ledger, final Slice slice, final String why) {
    Optional<Escrow> refunded = Credits.refund(ledger, slice.id(), why);
    bundleTokenIds(slice).forEach(id -> Nfts.burnIfPresent(ledger, id));
    return refunded;
  }
}
