package io.sfsbroker.protocol.catalog;

/**
 * One resource category of a {@link ServiceClass}: how much of it one instance of the service
 * needs, and its weight when a budget is split into maximum unit prices.
 *
 * @param category the category, for example {@code cpu-millicores}
 * @param amount the amount, in units of the category; 1 to {@value #MAX_AMOUNT}
 * @param budgetWeight the relative price of one unit of this category against the other categories
 *     of the class; 1 to {@value #MAX_WEIGHT}
 */
public record ClassResource(String category, long amount, long budgetWeight) {

  /** The largest amount of one category. */
  public static final long MAX_AMOUNT = 1_000_000_000L;

  /** The largest budget weight. */
  public static final long MAX_WEIGHT = 1_000_000L;

  /** Checks the name and the ranges. */
  public ClassResource {
    Names.require("category", category);
    if (amount < 1 || amount > MAX_AMOUNT) {
      throw new IllegalArgumentException(
          "category " + category + ": amount must be 1 to " + MAX_AMOUNT + ", was " + amount);
    }
    if (budgetWeight < 1 || budgetWeight > MAX_WEIGHT) {
      throw new IllegalArgumentException(
          "category "
              + category
              + ": budgetWeight must be 1 to "
              + MAX_WEIGHT
              + ", was "
              + budgetWeight);
    }
  }
}
