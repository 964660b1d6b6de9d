package io.sfsbroker.market.selection;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The paper's model as written (paper 002, eqs. (1), (2) and Table 1): each RP leads with one unit
 * price for every category it serves, learned by trial and error against the tenant's categories,
 * which follow as players of a proportional-share game ({@code P·u_i/Σu − v·u_i}, after Yao et
 * al.); see {@link ProportionalShareGame}. The slice then takes the lowest equilibrium unit price
 * per category, as for every strategy.
 *
 * <p>Where it departs from the paper, and why ({@code docs/selection.md} has the derivation):
 *
 * <ul>
 *   <li>The RP's range is {@code [max reserve, min over its categories of min(ask, maxUnitPrice)]}
 *       (the paper's {@code c} and {@code v̄}, per RP); a category whose reserve is above the
 *       lowest of those ceilings cannot be sold at the RP's one price and is not priced ({@code
 *       ABOVE_MAX_PRICE}).
 *   <li>The reward {@code P} is the tenant's budget over the categories in play.
 *   <li>The model's demand ignores the requested amounts and their units: the amount delivered is
 *       the model's demand rounded down and brought inside what the tenant allowed, {@code [amount,
 *       min(maxAmount, available, budget / v)]} — exactly {@code amount} for an exact request. The
 *       table holds that amount and the profit {@code (v − reserve) × amount} on it.
 *   <li>With one category in play the followers' game has no equilibrium; the cell is {@code
 *       NO_EQUILIBRIUM} (not priced).
 *   <li>Whenever the RP's costs are positive its profit rises with its price, so the learned price
 *       is the top of its range: the model degenerates to "each RP charges its ceiling".
 * </ul>
 */
public final class ProportionalShareSelection implements SelectionStrategy {

  /** The strategy's name in results and digests. */
  public static final String NAME = "PROPORTIONAL_SHARE";

  private final SelectionParameters parameters;

  /** A selection with {@link SelectionParameters#DEFAULTS} (at most 64 learning rounds). */
  public ProportionalShareSelection() {
    this(SelectionParameters.DEFAULTS);
  }

  /** A selection whose leaders learn for at most {@code parameters.maxIterations()} rounds. */
  public ProportionalShareSelection(SelectionParameters parameters) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SelectionResult select(SliceBlueprint blueprint, List<RpOffer> offers) {
    OfferBook book = OfferBook.of(blueprint, offers);
    List<CategoryRequest> categories = blueprint.categories();
    EquilibriumTable.Builder table = new EquilibriumTable.Builder(NAME, blueprint, book.rpIds());
    int iterations = 0;
    boolean converged = true;
    List<RpOffer> sorted = book.offers();
    for (int row = 0; row < sorted.size(); row++) {
      List<Integer> columns = new ArrayList<>();
      List<CategoryOffer> terms = new ArrayList<>();
      long high = Long.MAX_VALUE;
      for (CategoryOffer offer : sorted.get(row).categories()) {
        int column = book.categoryIndex(offer.category());
        if (column < 0) {
          continue;
        }
        CategoryRequest request = categories.get(column);
        if (offer.available() < request.amount()) {
          table.unpriced(row, column, CellState.INSUFFICIENT_AMOUNT);
        } else if (offer.reservePrice() > request.maxUnitPrice()) {
          table.unpriced(row, column, CellState.ABOVE_MAX_PRICE);
        } else {
          columns.add(column);
          terms.add(offer);
          high = Math.min(high, ceiling(request, offer));
        }
      }
      // One price for the row: a category whose reserve is above the row's lowest ceiling cannot
      // be sold at it. The category with the lowest ceiling always stays (its reserve is at most
      // its own ceiling), so the ceiling of the categories kept is still `high`.
      List<Integer> inPlay = new ArrayList<>();
      List<CategoryOffer> played = new ArrayList<>();
      for (int k = 0; k < columns.size(); k++) {
        if (terms.get(k).reservePrice() > high) {
          table.unpriced(row, columns.get(k), CellState.ABOVE_MAX_PRICE);
        } else {
          inPlay.add(columns.get(k));
          played.add(terms.get(k));
        }
      }
      if (inPlay.isEmpty()) {
        continue;
      }
      if (!ProportionalShareGame.hasEquilibrium(inPlay.size())) {
        table.unpriced(row, inPlay.get(0), CellState.NO_EQUILIBRIUM);
        continue;
      }
      long low = 0;
      BigInteger reward = BigInteger.ZERO;
      long[] reserves = new long[inPlay.size()];
      for (int k = 0; k < inPlay.size(); k++) {
        CategoryOffer offer = played.get(k);
        low = Math.max(low, offer.reservePrice());
        reserves[k] = offer.reservePrice();
        reward = reward.add(BigInteger.valueOf(categories.get(inPlay.get(k)).budget()));
      }
      long price;
      BigInteger demand;
      if (high == 0) {
        // An RP that asks nothing: the only price is 0, at which the followers want without end.
        price = 0;
        demand = null;
      } else {
        ProportionalShareGame.Equilibrium equilibrium =
            ProportionalShareGame.play(reward, reserves, low, high, parameters);
        iterations = Math.max(iterations, equilibrium.iterations());
        converged &= equilibrium.converged();
        price = equilibrium.unitPrice();
        demand = equilibrium.demand();
      }
      for (int k = 0; k < inPlay.size(); k++) {
        CategoryRequest request = categories.get(inPlay.get(k));
        CategoryOffer offer = played.get(k);
        long amount = delivered(request, offer, price, demand);
        long profit = Math.multiplyExact(price - offer.reservePrice(), amount);
        table.priced(row, inPlay.get(k), price, amount, profit);
      }
    }
    return SliceFormation.form(table.build(), iterations, converged);
  }

  private static long ceiling(CategoryRequest request, CategoryOffer offer) {
    return Math.min(offer.unitPrice(), request.maxUnitPrice());
  }

  /**
   * The model's demand ({@code null}: unbounded), rounded down, brought inside {@code [amount,
   * min(maxAmount, available, budget / price)]}; the upper end is never below {@code amount},
   * because the offer has the amount and {@code price ≤ maxUnitPrice}.
   */
  static long delivered(
      CategoryRequest request, CategoryOffer offer, long price, BigInteger demand) {
    long cap = Math.min(request.maxAmount(), offer.available());
    if (price > 0) {
      cap = Math.min(cap, request.budget() / price);
    }
    long modelled =
        demand == null || demand.compareTo(BigInteger.valueOf(cap)) >= 0
            ? cap
            : demand.longValueExact();
    return Math.max(request.amount(), modelled);
  }
}
