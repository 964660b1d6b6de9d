package io.sfsbroker.protocol.request;

import io.sfsbroker.protocol.catalog.ClassResource;
import io.sfsbroker.protocol.catalog.Names;

/**
 * One category of a slice request that names its amounts explicitly.
 *
 * <p>The tenant gets and pays for exactly {@code amount}, unless it opts into more with {@code
 * maxAmount}: then the selection may sell it up to {@code maxAmount} when prices fall, never more
 * than its budget (or {@code maxAmount × maxUnitPrice} without one) buys.
 *
 * @param category the category, for example {@code cpu-millicores}
 * @param amount the amount, 1 to {@value ClassResource#MAX_AMOUNT}
 * @param maxUnitPrice the most the tenant pays per unit, 1 to {@value SliceRequestBody#MAX_PRICE};
 *     may be left out when the request has a budget
 * @param budgetWeight the category's weight when the budget is split; 1 when left out
 * @param maxAmount the most the tenant will take, {@code amount} to {@value
 *     ClassResource#MAX_AMOUNT}; left out (the usual case) for exactly {@code amount}
 */
public record RequestedCategory(
    String category, Long amount, Long maxUnitPrice, Long budgetWeight, Long maxAmount) {

  /** A category for exactly {@code amount}. */
  public RequestedCategory(
      final String category, final Long amount, final Long maxUnitPrice, final Long budgetWeight) {
    this(category, amount, maxUnitPrice, budgetWeight, null);
  }

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
    if (maxAmount != null && (maxAmount < amount || maxAmount > ClassResource.MAX_AMOUNT)) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": maxAmount must be "
              + amount
              + " (the amount) to "
              + ClassResource.MAX_AMOUNT
              + ", was "
              + maxAmount);
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

  /** The most the tenant takes: {@code maxAmount}, or {@code amount} when it gave none. */
  public long upperAmount() {
    return maxAmount == null ? amount : maxAmount;
  }
}
