package io.sfsbroker.chaincode.request;

import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.SliceBlueprint;
import io.sfsbroker.protocol.catalog.ClassResource;
import io.sfsbroker.protocol.catalog.ServiceClass;
import io.sfsbroker.protocol.request.RequestedCategory;
import io.sfsbroker.protocol.request.SliceRequestBody;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Turns a slice request into the categories of its blueprint: amounts from the request or its
 * service class (times the scale), maximum unit prices from the request or, for categories without
 * one, from the budget. No Fabric types; every failure is an {@link IllegalArgumentException} whose
 * message tells the tenant what to change.
 *
 * <p>The budget rule: the budget {@code B}, less what the categories with a given maximum unit
 * price cost at that price ({@code Σ p̄·q}), is shared by the other categories in proportion to
 * {@code weight × amount}, so each gets {@code p̄_i = ⌊R·w_i / Σ_j w_j·q_j⌋}. Then {@code Σ p̄·q ≤
 * B}: the blueprint can be paid at the maximum prices. A share that rounds to 0, a remainder that
 * is not positive, or given prices that already cost more than {@code B} is refused.
 *
 * <p>Amounts: the tenant gets exactly {@code q_i} — the amount it named, or its class's amount
 * times the scale — unless an explicit category opts into more with {@code maxAmount}; the
 * selection then never sells more than {@code maxAmount} ({@link CategoryRequest#maxAmount()}).
 *
 * <p>Each category also gets a spending limit, its {@link CategoryRequest#budget()}: the budget
 * shared in proportion to {@code p̄_i·q_i} ({@code ⌊B·p̄_i·q_i / Σ_j p̄_j·q_j⌋ ≥ p̄_i·q_i}), or,
 * when the request names no budget, {@code p̄_i·maxAmount_i} (exactly {@code p̄_i·q_i} for an exact
 * amount). The selection never makes the tenant spend more than that on a category
 * (docs/selection.md), so the slice's total price is at most the budget — or at most {@code Σ
 * p̄·maxAmount} without one, which is {@code Σ p̄·q} when every amount is exact.
 */
final class BlueprintTranslation {

  private BlueprintTranslation() {}

  /** One category before pricing. */
  private record Line(
      String category, long amount, long maxAmount, Long maxUnitPrice, long weight) {}

  /**
   * Returns the categories of the blueprint {@code id} for {@code body}.
   *
   * @param serviceClass the class the body names; {@code null} when it names explicit categories
   * @throws IllegalArgumentException when the request cannot be translated or paid
   */
  static List<CategoryRequest> categories(
      final String id, final SliceRequestBody body, final ServiceClass serviceClass) {
    Objects.requireNonNull(body, "body");
    List<Line> lines = new ArrayList<>();
    if (body.categories() != null) {
      for (RequestedCategory c : body.categories()) {
        lines.add(
            new Line(
                c.category(),
                c.amount(),
                c.upperAmount(),
                c.maxUnitPrice(),
                c.budgetWeight() == null ? 1 : c.budgetWeight()));
      }
    } else {
      Objects.requireNonNull(serviceClass, "serviceClass");
      long scale = body.scale() == null ? 1 : body.scale();
      SortedMap<String, Long> prices =
          body.maxUnitPrices() == null ? new java.util.TreeMap<>() : body.maxUnitPrices();
      TreeSet<String> unknown = new TreeSet<>(prices.keySet());
      for (ClassResource r : serviceClass.resources()) {
        unknown.remove(r.category());
        long amount = Math.multiplyExact(r.amount(), scale);
        lines.add(
            new Line(
                r.category(),
                amount,
                amount, // a service class gets exactly its amounts
                prices.get(r.category()),
                r.budgetWeight()));
      }
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "maxUnitPrices names "
                + unknown
                + ", which service class "
                + serviceClass.name()
                + " does not use");
      }
    }
    List<CategoryRequest> categories = price(lines, body.budget());
    new SliceBlueprint(id, categories); // the sum of the valuations must fit a long
    return categories;
  }

  private static List<CategoryRequest> price(final List<Line> lines, final Long budget) {
    BigInteger fixedCost = BigInteger.ZERO;
    BigInteger weightedAmount = BigInteger.ZERO;
    List<String> unpriced = new ArrayList<>();
    for (Line line : lines) {
      if (line.maxUnitPrice() == null) {
        unpriced.add(line.category());
        weightedAmount =
            weightedAmount.add(
                BigInteger.valueOf(line.weight()).multiply(BigInteger.valueOf(line.amount())));
      } else {
        fixedCost =
            fixedCost.add(
                BigInteger.valueOf(line.maxUnitPrice())
                    .multiply(BigInteger.valueOf(line.amount())));
      }
    }
    if (budget == null) {
      if (!unpriced.isEmpty()) {
        throw new IllegalArgumentException(
            "categories "
                + unpriced
                + " have no maximum unit price and the request has no budget; give either");
      }
    } else if (fixedCost.compareTo(BigInteger.valueOf(budget)) > 0
        || (!unpriced.isEmpty() && fixedCost.equals(BigInteger.valueOf(budget)))) {
      throw new IllegalArgumentException(
          "the blueprint cannot be paid under the budget "
              + budget
              + ": the categories with a maximum unit price already cost up to "
              + fixedCost
              + (unpriced.isEmpty() ? "" : ", leaving nothing for " + unpriced)
              + "; raise the budget or lower the maximum unit prices");
    }
    BigInteger remainder =
        budget == null ? BigInteger.ZERO : BigInteger.valueOf(budget).subtract(fixedCost);
    List<Long> prices = new ArrayList<>(lines.size());
    for (Line line : lines) {
      long price;
      if (line.maxUnitPrice() != null) {
        price = line.maxUnitPrice();
      } else {
        BigInteger share =
            remainder.multiply(BigInteger.valueOf(line.weight())).divide(weightedAmount);
        if (share.signum() == 0) {
          BigInteger needed =
              fixedCost.add(ceilDiv(weightedAmount, BigInteger.valueOf(line.weight())));
          throw new IllegalArgumentException(
              "the blueprint cannot be paid under the budget "
                  + budget
                  + ": category "
                  + line.category()
                  + " ("
                  + line.amount()
                  + " units) would get a maximum unit price below 1; a budget of at least "
                  + needed
                  + " is needed");
        }
        price = share.min(BigInteger.valueOf(SliceRequestBody.MAX_PRICE)).longValueExact();
      }
      prices.add(price);
    }
    return withSpendingLimits(lines, prices, budget);
  }

  /** Shares the budget into per-category spending limits, in proportion to each maximum cost. */
  private static List<CategoryRequest> withSpendingLimits(
      final List<Line> lines, final List<Long> prices, final Long budget) {
    BigInteger totalCost = BigInteger.ZERO;
    for (int i = 0; i < lines.size(); i++) {
      totalCost =
          totalCost.add(
              BigInteger.valueOf(prices.get(i))
                  .multiply(BigInteger.valueOf(lines.get(i).amount())));
    }
    List<CategoryRequest> categories = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      BigInteger cost =
          BigInteger.valueOf(prices.get(i)).multiply(BigInteger.valueOf(line.amount()));
      BigInteger limit =
          budget == null
              ? BigInteger.valueOf(prices.get(i)).multiply(BigInteger.valueOf(line.maxAmount()))
              : BigInteger.valueOf(budget).multiply(cost).divide(totalCost);
      if (limit.bitLength() >= Long.SIZE) {
        throw new IllegalArgumentException(
            "category " + line.category() + ": amount × maximum unit price is too large");
      }
      categories.add(
          new CategoryRequest(
              line.category(),
              line.amount(),
              line.maxAmount(),
              prices.get(i),
              limit.longValueExact()));
    }
    return categories;
  }

  private static BigInteger ceilDiv(final BigInteger a, final BigInteger b) {
    BigInteger[] qr = a.divideAndRemainder(b);
    return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
  }
}
