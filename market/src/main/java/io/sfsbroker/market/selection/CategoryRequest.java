package io.sfsbroker.market.selection;

import java.util.Objects;

/**
 * What a blueprint asks for in one resource category.
 *
 * <p>{@code amount} is what the tenant takes when it pays its maximum unit price; at a lower price
 * it may take more (see {@code docs/selection.md}), never less. {@code budget} bounds what it
 * spends on the category at any price: it is at least {@code amount × maxUnitPrice}, and the room
 * above that is how much extra the tenant will buy when prices fall. With a budget of exactly
 * {@code amount × maxUnitPrice} the tenant spends its budget and takes whatever amount that buys.
 *
 * @param category the category's name, for example {@code "cpu-millicores"}
 * @param amount the amount required, in units of the category; positive
 * @param maxUnitPrice the most the tenant pays per unit, in minor currency units; positive
 * @param budget the most the tenant spends on this category, in minor currency units; at least
 *     {@code amount × maxUnitPrice}
 */
public record CategoryRequest(String category, long amount, long maxUnitPrice, long budget) {

  /**
   * Validates the request; {@code budget + amount} must fit a long, which keeps every price, demand
   * and profit of the game within range.
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
    long cost;
    try {
      cost = Math.multiplyExact(maxUnitPrice, amount);
      Math.addExact(Math.multiplyExact(2L, cost), amount);
      Math.addExact(budget, amount);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": amount × maximum unit price is too large; use a coarser unit or minor unit",
          e);
    }
    if (budget < cost) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": the budget "
              + budget
              + " is below amount × maximum unit price = "
              + cost);
    }
  }

  /**
   * A request with a budget of {@code 2 × amount × maxUnitPrice}: at prices below its maximum the
   * tenant takes up to twice its amount's worth ({@code s = amount}, {@code w = 2·p̄·q}), the
   * elastic default of {@code docs/selection.md}. The broker's contracts always name the budget.
   */
  public CategoryRequest(final String category, final long amount, final long maxUnitPrice) {
    this(category, amount, maxUnitPrice, doubleCost(category, amount, maxUnitPrice));
  }

  private static long doubleCost(
      final String category, final long amount, final long maxUnitPrice) {
    try {
      return Math.multiplyExact(
          2L, Math.multiplyExact(Math.max(amount, 0), Math.max(maxUnitPrice, 0)));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": amount × maximum unit price is too large; use a coarser unit or minor unit",
          e);
    }
  }

  /**
   * The scale {@code s = ⌊budget / maxUnitPrice⌋ − amount} of the tenant's utility {@code w·ln(s +
   * u) − v·u}: the extra units its budget would buy at the maximum price.
   */
  long scale() {
    return budget / maxUnitPrice - amount;
  }

  /**
   * The tenant's valuation {@code w = maxUnitPrice × (amount + s)}, at most the budget: the weight
   * of its utility, chosen so that its best response at the maximum price is exactly {@code
   * amount}, and so that it never spends more than {@code w} at any price.
   */
  long valuation() {
    return maxUnitPrice * (amount + scale());
  }
}
