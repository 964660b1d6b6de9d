package io.sfsbroker.chaincode.catalog;

import io.sfsbroker.market.selection.LowestOfferSelection;
import io.sfsbroker.market.selection.SelectionStrategy;
import io.sfsbroker.market.selection.StackelbergSelection;

/** The selection rules a blueprint may name; each maps to a strategy of the market module. */
public enum SelectionRule {
  /** SFSBroker's Stackelberg game (paper 002); the default. */
  STACKELBERG,
  /** NSBChain's lowest-offer rule, for comparison. */
  LOWEST_OFFER;

  /** Returns a fresh strategy that implements this rule, with the default parameters. */
  public SelectionStrategy strategy() {
    return switch (this) {
      case STACKELBERG -> new StackelbergSelection();
      case LOWEST_OFFER -> new LowestOfferSelection();
    };
  }
}
