package io.sfsbroker.market.selection;

import java.util.List;
import java.util.Objects;

/**
 * The broker's default selection, a per-cell Stackelberg game in the spirit of paper 002 (not its
 * eq. (2), see {@code docs/selection.md}): one game per RP and category — the RP leads with a unit
 * price, the tenant follows with the demand that maximises a logarithmic utility {@code w·ln(s + u)
 * − v·u}, capped at what the tenant allowed — solved by a bounded Newton search on the continuous
 * relaxation plus an exact search over whole prices; the slice then takes the lowest equilibrium
 * unit price per category. For a tenant that asked for exact amounts the demand is fixed and only
 * the price is decided: the RP's ceiling {@code min(ask, maxUnitPrice)}.
 *
 * <p>Guarantees: every winning unit price lies in {@code [reservePrice, min(unitPrice,
 * maxUnitPrice)]}, so the tenant never pays above its maximum and no RP sells below its reserve;
 * every winning amount lies in {@code [amount, min(maxAmount, available)]}. The model is written up
 * in {@code docs/selection.md}.
 */
public final class StackelbergSelection implements SelectionStrategy {

  /** The strategy's name in results and digests. */
  public static final String NAME = "STACKELBERG";

  private final SelectionParameters parameters;

  /** A selection with {@link SelectionParameters#DEFAULTS}. */
  public StackelbergSelection() {
    this(SelectionParameters.DEFAULTS);
  }

  /** A selection with the given Newton-search settings. */
  public StackelbergSelection(SelectionParameters parameters) {
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
          StackelbergGame.Outcome outcome = StackelbergGame.play(request, offer, parameters);
          table.priced(row, column, outcome.unitPrice(), outcome.demand(), outcome.profit());
          iterations = Math.max(iterations, outcome.iterations());
          converged &= outcome.converged();
        }
      }
    }
    return SliceFormation.form(table.build(), iterations, converged);
  }
}
