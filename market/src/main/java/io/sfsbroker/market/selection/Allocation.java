package io.sfsbroker.market.selection;

import java.util.Objects;

/**
 * The winner of one category: who serves it, at what unit price, how much, and for how much in
 * total.
 *
 * @param category the resource category
 * @param rpId the winning RP
 * @param unitPrice the unit price the tenant pays, in minor units
 * @param amount the amount the RP provides, in units of the category
 * @param price {@code unitPrice × amount}, in minor units
 */
public record Allocation(String category, String rpId, long unitPrice, long amount, long price) {

  /** Validates the allocation: non-negative and {@code price == unitPrice × amount}. */
  public Allocation {
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

  /** An allocation whose price is {@code unitPrice × amount}. */
  public static Allocation of(String category, String rpId, long unitPrice, long amount) {
    return new Allocation(category, rpId, unitPrice, amount, Math.multiplyExact(unitPrice, amount));
  }
}
