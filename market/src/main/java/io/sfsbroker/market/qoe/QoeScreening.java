package io.sfsbroker.market.qoe;

import io.sfsbroker.market.selection.RpOffer;
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
}
