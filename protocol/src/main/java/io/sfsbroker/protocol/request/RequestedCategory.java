package io.sfsbroker.protocol.request;

import io.sfsbroker.protocol.catalog.ClassResource;
import io.sfsbroker.protocol.catalog.Names;

/**
 * One category of a slice request that names its amounts explicitly.
 *
 * @param category the category, for example {@code cpu-millicores}
 * @param amount the amount, 1 to {@value ClassResource#MAX_AMOUNT}
 * @param maxUnitPrice the most the tenant pays per unit, 1 to {@value SliceRequestBody#MAX_PRICE};
 *     may be left out when the request has a budget
 * @param budgetWeight the category's weight when the budget is split; 1 when left out
 */
public record RequestedCategory(
    String category, Long amount, Long maxUnitPrice, Long budgetWeight) {

  /** Checks the name and the ranges. */
  public RequestedCategory {
    Names.require("category", category);
    if (amount == null || amount < 1 || amount > ClassResource.MAX_AMOUNT) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": amount must be 1 to "
              + ClassResource.MAX_AMOUNT
              + ", was "
              + amount);
    }
    SliceRequestBody.requirePrice("category " + category + ": maxUnitPrice", maxUnitPrice);
    if (budgetWeight != null && (budgetWeight < 1 || budgetWeight > ClassResource.MAX_WEIGHT)) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": budgetWeight must be 1 to "
              + ClassResource.MAX_WEIGHT
              + ", was "
              + budgetWeight);
    }
  }
}
