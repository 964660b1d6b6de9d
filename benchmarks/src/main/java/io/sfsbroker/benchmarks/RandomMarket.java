package io.sfsbroker.benchmarks;

import io.sfsbroker.market.selection.CategoryOffer;
import io.sfsbroker.market.selection.CategoryRequest;
import io.sfsbroker.market.selection.RpOffer;
import io.sfsbroker.market.selection.SliceBlueprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random blueprints and offers in the spirit of the paper's Figure 4c: the tenant's request, each
 * RP's cost and profit margin are drawn at random, and the offered price is cost plus margin.
 * Prices are in minor units (think cents), amounts in whole units.
 *
 * <ul>
 *   <li>request per category: amount 1–64, tenant's maximum unit price 6,000–9,999;
 *   <li>offer per RP and category: reserve (cost) 1,000–5,999, ask = reserve + margin 100–3,999,
 *       available from half to three times the requested amount.
 * </ul>
 */
public final class RandomMarket {

  /** A blueprint and the offers made for it. */
  public record Instance(SliceBlueprint blueprint, List<RpOffer> offers) {

    /** Copies the offers. */
    public Instance {
      offers = List.copyOf(offers);
    }
  }

  private RandomMarket() {}

  /**
   * Draws a blueprint of {@code categories} categories for exact amounts (the tenant takes exactly
   * what it asks for, with a spending limit of that amount at its maximum price) and one offer per
   * RP for every category.
   */
  public static Instance generate(Random random, int rps, int categories) {
    return generate(random, rps, categories, 1, 1);
  }

  /**
   * As {@link #generate(Random, int, int)}, with each category's spending limit {@code budgetFactor
   * × amount × maxUnitPrice} and maximum amount {@code maxAmountFactor × amount} ({@code 1, 1}: an
   * exact request; larger factors: a tenant that opted into buying more when prices fall).
   */
  public static Instance generate(
      Random random, int rps, int categories, int budgetFactor, int maxAmountFactor) {
    List<CategoryRequest> requests = new ArrayList<>(categories);
    for (int i = 0; i < categories; i++) {
      long amount = 1 + random.nextInt(64);
      long maxUnitPrice = 6_000 + random.nextInt(4_000);
      requests.add(
          new CategoryRequest(
              "category-" + i,
              amount,
              maxAmountFactor * amount,
              maxUnitPrice,
              budgetFactor * amount * maxUnitPrice));
    }
    List<RpOffer> offers = new ArrayList<>(rps);
    for (int j = 0; j < rps; j++) {
      List<CategoryOffer> terms = new ArrayList<>(categories);
      for (CategoryRequest request : requests) {
        long reserve = 1_000 + random.nextInt(5_000);
        long margin = 100 + random.nextInt(3_900);
        long amount = request.amount();
        long available =
            (amount + 1) / 2 + random.nextInt((int) (3 * amount - (amount + 1) / 2) + 1);
        terms.add(new CategoryOffer(request.category(), reserve + margin, available, reserve));
      }
      offers.add(new RpOffer(String.format("rp-%05d", j), terms));
    }
    return new Instance(new SliceBlueprint("bp-random", requests), offers);
  }
}
