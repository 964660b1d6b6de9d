package io.sfsbroker.protocol.selection;

/**
 * The selection rules a blueprint may name (the request's {@code strategy}, or the broker's {@code
 * defaultStrategy} set by governance). The chaincode runs each with a strategy of the market
 * module; {@code docs/selection.md} says how each relates to the paper.
 */
public enum SelectionRule {
  /**
   * The broker's per-category Stackelberg game with a logarithmic tenant utility, solved by a
   * Newton search and an exact whole-price search ({@code StackelbergSelection}); the default.
   */
  STACKELBERG,
  /** NSBChain's lowest-offer rule, the paper's baseline ({@code LowestOfferSelection}). */
  LOWEST_OFFER,
  /**
   * The paper's eqs. (1), (2) and Table 1 as written: one learned unit price per RP, the tenant's
   * categories as followers of a proportional-share game after Yao et al. ({@code
   * ProportionalShareSelection}).
   */
  PROPORTIONAL_SHARE
}
