package io.sfsbroker.chaincode.offer;

import io.sfsbroker.market.selection.CategoryOffer;
import io.sfsbroker.market.selection.RpOffer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An RP's live offer for a blueprint, stored under {@code offer~<blueprintId>~<rpId>}: one key per
 * blueprint and RP, so concurrent offers on one blueprint never write a shared key; a newer offer
 * of the same RP inside the window replaces it.
 *
 * @param blueprintId the blueprint
 * @param rpId the RP that signed it
 * @param categories per category: ask, available amount, reserve
 * @param submittedAt the transaction time that accepted it
 * @param nonce the envelope's nonce
 * @param txId the transaction that accepted it
 */
public record Offer(
    String blueprintId,
    String rpId,
    List<CategoryOffer> categories,
    Instant submittedAt,
    String nonce,
    String txId) {

  /** Checks the offer with the market module's rules and copies the list. */
  public Offer {
    Objects.requireNonNull(blueprintId, "blueprintId");
    new RpOffer(rpId, categories); // validates the RP id and the categories
    categories = List.copyOf(categories);
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(nonce, "nonce");
    Objects.requireNonNull(txId, "txId");
  }

  /** Returns the offer as the selection algorithms take it. */
  public RpOffer toSelectionInput() {
    return new RpOffer(rpId, categories);
  }
}
