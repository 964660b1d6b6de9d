package io.sfsbroker.protocol.request;

import io.sfsbroker.protocol.catalog.Names;

/**
 * What a blueprint asks for in one resource category, as the ledger stores and publishes it.
 *
 * <p>The chaincode builds blueprints and checks them with the selection's own rules (the market
 * module's {@code CategoryRequest}: {@code budget ≥ amount × maxUnitPrice}, no overflow) before it
 * writes one; this record checks what a reader can rely on.
 *
 * @param category the category's name, for example {@code cpu-millicores}
 * @param amount the amount the tenant asked for: what it gets and pays for unless {@code maxAmount}
 *     is larger; positive
 * @param maxUnitPrice the most the tenant pays per unit, in minor units; positive
 * @param budget the most the tenant spends on this category, in minor units; at least {@code amount
 *     × maxUnitPrice}
 * @param maxAmount the most the tenant takes; at least {@code amount} (equal to it unless the
 *     request opted into more); 0, as read from a blueprint stored before this field existed, means
 *     {@code amount}
 */
public record BlueprintCategory(
    String category, long amount, long maxUnitPrice, long budget, long maxAmount) {

  /** Checks the name, that the amount, price and budget are positive, and the maximum amount. */
  public BlueprintCategory {
    Names.require("category", category);
    if (amount < 1 || maxUnitPrice < 1 || budget < 1) {
      throw new IllegalArgumentException(
          "category " + category + ": amount, maxUnitPrice and budget must be positive");
    }
    if (maxAmount == 0) {
      maxAmount = amount; // absent: a blueprint stored before maxAmount existed asked exactly
    }
    if (maxAmount < amount) {
      throw new IllegalArgumentException(
          "category " + category + ": maxAmount " + maxAmount + " is below the amount " + amount);
    }
  }

  /** A category for exactly {@code amount}. */
  public BlueprintCategory(
      final String category, final long amount, final long maxUnitPrice, final long budget) {
    this(category, amount, maxUnitPrice, budget, amount);
  }
}
