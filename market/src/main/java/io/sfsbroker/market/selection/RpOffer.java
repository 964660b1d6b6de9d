package io.sfsbroker.market.selection;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One resource provider's offer for a blueprint: the categories it can serve and on what terms.
 * Categories the blueprint does not name are ignored by the selection.
 *
 * @param rpId the RP's identifier; unique among the offers of one selection
 * @param categories one entry per category it serves; not empty, names unique
 */
public record RpOffer(String rpId, List<CategoryOffer> categories) {

  /** Validates the offer and copies the list. */
  public RpOffer {
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(categories, "categories");
    if (rpId.isBlank()) {
      throw new IllegalArgumentException("RP id must not be blank");
    }
    categories = List.copyOf(categories);
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("offer from RP " + rpId + " names no category");
    }
    Set<String> seen = new HashSet<>();
    for (CategoryOffer offer : categories) {
      if (!seen.add(offer.category())) {
        throw new IllegalArgumentException(
            "offer from RP " + rpId + " names category " + offer.category() + " twice");
      }
    }
  }
}
