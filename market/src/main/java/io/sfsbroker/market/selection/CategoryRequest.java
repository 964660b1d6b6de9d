package io.sfsbroker.market.selection;

import java.util.Objects;

/**
 * What a blueprint asks for in one resource category.
 *
 * <p>{@code amount} is what the tenant needs and, unless it opted into more, exactly what it gets
 * and pays for. {@code maxAmount} is the most it will take: equal to {@code amount} for a request
 * that asked for an exact amount (the normal case), larger only when the tenant allowed the game to
 * sell it more at a lower price. {@code budget} bounds what it spends on the category at any price:
 * it is at least {@code amount × maxUnitPrice}, and the room above that is how much extra the
 * tenant is willing to buy when prices fall, never beyond {@code maxAmount} (see {@code
 * docs/selection.md}).
 *
 * @param category the category's name, for example {@code "cpu-millicores"}
 * @param amount the amount required, in units of the category; positive
 * @param maxAmount the most the tenant takes; at least {@code amount}
 * @param maxUnitPrice the most the tenant pays per unit, in minor currency units; positive
 * @param budget the most the tenant spends on this category, in minor currency units; at least
 *     {@code amount × maxUnitPrice}
 */
public record CategoryRequest(
    String category, long amount, long maxAmount, long maxUnitPrice, long budget) {

  /**
   * Validates the request; {@code budget + maxAmount} must fit a long, which keeps every price,
   * demand and profit of the games within range.
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
    if (maxAmount < amount) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": maximum amount "
              + maxAmount
              + " is below the amount "
              + amount);
    }
    if (maxUnitPrice <= 0) {
      throw new IllegalArgumentException(
          "category " + category + ": maximum unit price must be positive, was " + maxUnitPrice);
    }
    long cost;
    try {
      cost = Math.multiplyExact(maxUnitPrice, amount);
      Math.addExact(Math.multiplyExact(2L, cost), amount);
      Math.addExact(budget, maxAmount);
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
   * A request for exactly {@code amount}, with a budget of {@code amount × maxUnitPrice}: the
   * tenant gets and pays for the amount it asked for; the selection decides only the unit price.
   */
  public CategoryRequest(final String category, final long amount, final long maxUnitPrice) {
    this(category, amount, amount, maxUnitPrice, cost(category, amount, maxUnitPrice));
  }

  private static long cost(final String category, final long amount, final long maxUnitPrice) {
    try {
      return Math.multiplyExact(Math.max(amount, 0), Math.max(maxUnitPrice, 0));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": amount × maximum unit price is too large; use a coarser unit or minor unit",
          e);
    }
  }

  /** Whether the tenant allowed more than its amount ({@code maxAmount > amount}). */
  public boolean isElastic() {
    return maxAmount > amount;
  }

  /**
   * The scale {@code s = ⌊budget / maxUnitPrice⌋ − amount} of the tenant's utility {@code w·ln(s +
   * u) − v·u} in {@link StackelbergSelection}: the extra units its budget would buy at the maximum
   * price.
   */
  long scale() {
    return budget / maxUnitPrice - amount;
  }

  /**
   * The tenant's valuation {@code w = maxUnitPrice × (amount + s)}, at most the budget: the weight
   * of its utility in {@link StackelbergSelection}, chosen so that its best response at the maximum
   * price is exactly {@code amount}, and so that it never spends more than {@code w} at any price.
   */
  long valuation() {
    return maxUnitPrice * (amount + scale());
  }
}
