package io.sfsbroker.market.selection;

/** The outcome of a selection. Failures are normal outcomes, reported with a reason. */
public enum SelectionStatus {
  /** Every category has a winner. */
  SELECTED,
  /** No RP made an offer. */
  NO_OFFERS,
  /** At least one category has no offer that can serve it; the reason names the categories. */
  NO_FEASIBLE_OFFER
}
