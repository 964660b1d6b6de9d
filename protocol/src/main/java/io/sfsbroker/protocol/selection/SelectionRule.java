package io.sfsbroker.protocol.selection;

/**
 * The selection rules a blueprint may name. The chaincode runs each with a strategy of the market
 * module (Stackelberg: {@code StackelbergSelection}; lowest offer: {@code LowestOfferSelection}).
 */
public enum SelectionRule {
  /** SFSBroker's Stackelberg game (paper 002); the default. */
  STACKELBERG,
  /** NSBChain's lowest-offer rule, for comparison. */
  LOWEST_OFFER
}
