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
 * @param amount the amount the tenant takes at its maximum unit price; positive
 * @param maxUnitPrice the most the tenant pays per unit, in minor units; positive
 * @param budget the most the tenant spends on this category, in minor units; at least {@code amount
 *     × maxUnitPrice}
 */
public record BlueprintCategory(String category, long amount, long maxUnitPrice, long budget) {

  /** Checks the name and that the amount, price and budget are positive. */
  public BlueprintCategory {
    Names.require("category", category);
    if (amount < 1 || maxUnitPrice < 1 || budget < 1) {
      throw new IllegalArgumentException(
          "category " + category + ": amount, maxUnitPrice and budget must be positive");
    }
  }
}
