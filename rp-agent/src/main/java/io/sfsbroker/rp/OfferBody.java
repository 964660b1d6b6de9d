package io.sfsbroker.rp;

import io.sfsbroker.market.selection.CategoryOffer;
import java.util.List;
import java.util.Objects;

/**
 * The body of an {@code offer} envelope (docs/contracts.md, {@code offer}): per category the ask
 * ({@code unitPrice}), the amount available and the reserve price.
 *
 * @param blueprintId the blueprint the offer is for
 * @param categories the categories offered, 1 or more, each named by the blueprint
 */
public record OfferBody(String blueprintId, List<CategoryOffer> categories) {

  /** Checks for nulls and copies the categories. */
  public OfferBody {
    Objects.requireNonNull(blueprintId, "blueprintId");
    categories = List.copyOf(categories);
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("an offer names at least one category");
    }
  }
}
