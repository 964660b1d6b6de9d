package io.sfsbroker.market.selection;

import java.util.Objects;

/**
 * What a blueprint asks for in one resource category.
 *
 * <p>{@code amount} is what the tenant takes when it pays its maximum unit price; at a lower price
 * it may take more (see {@code docs/selection.md}), never less.
 *
 * @param category the category's name, for example {@code "cpu-millicores"}
 * @param amount the amount required, in units of the category; positive
 * @param maxUnitPrice the most the tenant pays per unit, in minor currency units; positive
 */
public record CategoryRequest(String category, long amount, long maxUnitPrice) {

  /**
   * Validates the request; {@code (2 × maxUnitPrice + 1) × amount} must fit a long, which keeps
   * every price, demand and profit of the game within range.
   */
  public CategoryRequest {
    Objects.requireNonNull(category, "category");
    if (category.isBlank()) {
      throw new IllegalArgumentException("category name must not be blank");
    }
    if (amount <= 0) {
      throw new IllegalArgumentException(
          "category " + category + ": amount must be positive, was " + amount);
    }
    if (maxUnitPrice <= 0) {
      throw new IllegalArgumentException(
          "category " + category + ": maximum unit price must be positive, was " + maxUnitPrice);
    }
    try {
      Math.addExact(Math.multiplyExact(Math.multiplyExact(2L, maxUnitPrice), amount), amount);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": amount × maximum unit price is too large; use a coarser unit or minor unit",
          e);
    }
  }

  /**
   * The tenant's valuation {@code w = 2 × maxUnitPrice × amount}: the weight of its utility {@code
   * w·ln(1 + u/amount) − v·u}, chosen so that its best response at the maximum price is exactly
   * {@code amount}.
   */
  long valuation() {
    return 2L * maxUnitPrice * amount;
  }
}
