package io.sfsbroker.market.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The offers of one selection in canonical order (by RP id), with a category-name lookup. */
final class OfferBook {

  private final List<RpOffer> offers;
  private final List<String> rpIds;
  // Used for lookups only, never iterated, so hash order cannot reach the output.
  private final Map<String, Integer> categoryIndex;

  private OfferBook(List<RpOffer> offers, Map<String, Integer> categoryIndex) {
    this.offers = offers;
    this.categoryIndex = categoryIndex;
    List<String> ids = new ArrayList<>(offers.size());
    for (RpOffer offer : offers) {
      ids.add(offer.rpId());
    }
    this.rpIds = List.copyOf(ids);
  }

  /**
   * Sorts the offers by RP id.
   *
   * @throws IllegalArgumentException if two offers come from the same RP
   */
  static OfferBook of(SliceBlueprint blueprint, List<RpOffer> offers) {
    Objects.requireNonNull(blueprint, "blueprint");
    Objects.requireNonNull(offers, "offers");
    List<RpOffer> sorted = new ArrayList<>(offers.size());
    for (RpOffer offer : offers) {
      sorted.add(Objects.requireNonNull(offer, "offers must not contain null"));
    }
    sorted.sort(Comparator.comparing(RpOffer::rpId));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).rpId().equals(sorted.get(i - 1).rpId())) {
        throw new IllegalArgumentException(
            "RP " + sorted.get(i).rpId() + " made more than one offer; keep one per RP");
      }
    }
    List<CategoryRequest> categories = blueprint.categories();
    Map<String, Integer> index = new HashMap<>(categories.size() * 2);
    for (int i = 0; i < categories.size(); i++) {
      index.put(categories.get(i).category(), i);
    }
    return new OfferBook(List.copyOf(sorted), index);
  }

  /** The offers, sorted by RP id. */
  List<RpOffer> offers() {
    return offers;
  }

  /** The RP ids, sorted. */
  List<String> rpIds() {
    return rpIds;
  }

  /** The blueprint column of {@code category}, or -1 if the blueprint does not name it. */
  int categoryIndex(String category) {
    Integer index = categoryIndex.get(category);
    return index == null ? -1 : index;
  }
}
