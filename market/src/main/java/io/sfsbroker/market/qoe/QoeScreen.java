package io.sfsbroker.market.qoe;

import io.sfsbroker.market.selection.CategoryOffer;
import io.sfsbroker.market.selection.RpOffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The QoE feasibility check, the one place where an offer's QoE terms meet a blueprint's QoE needs.
 * It runs before any selection strategy, so that every strategy chooses among the same feasible
 * offers: a category whose terms fall short of the needs ({@link QoeRequirement#shortfall}) is
 * taken out of its offer, with the reason. Deterministic: no hash order, no clock.
 */
public final class QoeScreen {

  private QoeScreen() {}

  /**
   * Screens {@code offers} against {@code needs}.
   *
   * @return the feasible offers (input order) and the exclusions (by RP id, then category)
   */
  public static QoeScreening screen(final QoeRequirement needs, final List<RpOffer> offers) {
    Objects.requireNonNull(needs, "needs");
    Objects.requireNonNull(offers, "offers");
    List<RpOffer> feasible = new ArrayList<>(offers.size());
    List<QoeExclusion> excluded = new ArrayList<>();
    for (RpOffer offer : offers) {
      List<CategoryOffer> kept = new ArrayList<>(offer.categories().size());
      for (CategoryOffer category : offer.categories()) {
        needs
            .shortfall(category.qoe())
            .ifPresentOrElse(
                why -> excluded.add(new QoeExclusion(offer.rpId(), category.category(), why)),
                () -> kept.add(category));
      }
      if (kept.size() == offer.categories().size()) {
        feasible.add(offer);
      } else if (!kept.isEmpty()) {
        feasible.add(new RpOffer(offer.rpId(), kept));
      }
    }
    excluded.sort(Comparator.comparing(QoeExclusion::rpId).thenComparing(QoeExclusion::category));
    return new QoeScreening(feasible, excluded);
  }
}
