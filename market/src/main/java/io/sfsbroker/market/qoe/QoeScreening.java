package io.sfsbroker.market.qoe;

import io.sfsbroker.market.selection.RpOffer;
import io.sfsbroker.market.selection.SelectionResult;
import io.sfsbroker.market.selection.SelectionStatus;
import java.util.List;

/**
 * What {@link QoeScreen#screen} leaves for the selection and what it took out.
 *
 * @param feasible the offers with only the categories that meet the needs; an offer left with none
 *     is dropped; in input order
 * @param excluded the infeasible categories, by RP id, then category name
 */
public record QoeScreening(List<RpOffer> feasible, List<QoeExclusion> excluded) {

  /** Copies the lists. */
  public QoeScreening {
    feasible = List.copyOf(feasible);
    excluded = List.copyOf(excluded);
  }

  /** The exclusions of {@code category}. */
  public List<QoeExclusion> excludedFrom(final String category) {
    return excluded.stream().filter(e -> e.category().equals(category)).toList();
  }

  /**
   * The status of {@code result}, a selection over {@link #feasible}: {@code NO_FEASIBLE_OFFER}
   * rather than {@code NO_OFFERS} when RPs did offer but the screen left none.
   */
  public SelectionStatus statusOf(final SelectionResult result) {
    return result.status() == SelectionStatus.NO_OFFERS && !excluded.isEmpty()
        ? SelectionStatus.NO_FEASIBLE_OFFER
        : result.status();
  }

  /**
   * The reason of {@code result}, a selection over {@link #feasible}: as it is for a slice that was
   * formed; for one that was not, with, per unserved category, the offers the screen took out of it
   * and why.
   */
  public String reasonOf(final SelectionResult result) {
    if (result.isSelected() || excluded.isEmpty()) {
      return result.reason();
    }
    StringBuilder reason =
        new StringBuilder(
            result.status() == SelectionStatus.NO_OFFERS
                ? "no offer for blueprint " + result.blueprintId() + " meets its QoE needs"
                : result.reason());
    for (String category : result.unservedCategories()) {
      List<QoeExclusion> out = excludedFrom(category);
      if (!out.isEmpty()) {
        reason.append("; ").append(category).append(" offers infeasible for QoE: ");
        for (int i = 0; i < out.size(); i++) {
          reason
              .append(i == 0 ? "" : ", ")
              .append(out.get(i).rpId())
              .append(" ")
              .append(out.get(i).reason());
        }
      }
    }
    return reason.toString();
  }
}
