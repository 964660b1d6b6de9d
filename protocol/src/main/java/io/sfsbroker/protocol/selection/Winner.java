package io.sfsbroker.protocol.selection;

import java.util.Objects;

/**
 * The winner of one category of a slice, as the ledger records it in {@code SliceAwarded} and in
 * the slice: who serves the category, at what unit price, how much, and for how much in total. The
 * selection computes it (the market module's {@code Allocation}); the chaincode writes it as this.
 *
 * @param category the resource category
 * @param rpId the winning RP
 * @param unitPrice the unit price the tenant pays, in minor units
 * @param amount the amount the RP provides, in units of the category
 * @param price {@code unitPrice × amount}, in minor units
 */
public record Winner(String category, String rpId, long unitPrice, long amount, long price) {

  /** Checks the ids, that nothing is negative and that {@code price == unitPrice × amount}. */
  public Winner {
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(rpId, "rpId");
    if (unitPrice < 0 || amount < 0) {
      throw new IllegalArgumentException(
          "category " + category + ": unit price and amount must not be negative");
    }
    if (price != Math.multiplyExact(unitPrice, amount)) {
      throw new IllegalArgumentException(
          "category " + category + ": price " + price + " is not unit price × amount");
    }
  }
}
