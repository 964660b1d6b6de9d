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
import java.util.TreeMap;

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
    for (Winner winner : slice.winners()) {
      Nfts.burnIfPresent(ledger, bundleTokenId(slice.id(), winner.category()));
    }
    return refunded;
  }
}
