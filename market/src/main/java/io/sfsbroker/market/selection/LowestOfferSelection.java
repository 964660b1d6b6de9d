package io.sfsbroker.market.selection;

import java.util.List;
import java.util.Objects;

/**
 * NSBChain's rule, kept for comparison: in each category the lowest ask at or below the tenant's
 * maximum wins, and the tenant buys exactly the requested amount at that ask. Its table holds the
 * asks, the requested amounts and the profits {@code (ask − reserve) × amount}; it uses no
 * iterations. Tie-breaks and the exclusive-winner preference are those of {@link
 * StackelbergSelection}.
 */
public final class LowestOfferSelection implements SelectionStrategy {

  /** The strategy's name in results and digests. */
  public static final String NAME = "LOWEST_OFFER";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SelectionResult select(SliceBlueprint blueprint, List<RpOffer> offers) {
    Objects.requireNonNull(blueprint, "blueprint");
    OfferBook book = OfferBook.of(blueprint, offers);
    List<CategoryRequest> categories = blueprint.categories();
    EquilibriumTable.Builder table = new EquilibriumTable.Builder(NAME, blueprint, book.rpIds());
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
        } else if (offer.unitPrice() > request.maxUnitPrice()) {
          table.unpriced(row, column, CellState.ABOVE_MAX_PRICE);
        } else {
          long amount = request.amount();
          long profit = Math.multiplyExact(offer.unitPrice() - offer.reservePrice(), amount);
          table.priced(row, column, offer.unitPrice(), amount, profit);
        }
      }
    }
    return SliceFormation.form(table.build(), 0, true);
  }
}
