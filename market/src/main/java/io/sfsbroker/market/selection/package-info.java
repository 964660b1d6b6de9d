/**
 * Slice selection: which resource providers (RPs) serve a network-slice blueprint, at what unit
 * price and in what amount.
 *
 * <p>{@link io.sfsbroker.market.selection.StackelbergSelection} is SFSBroker's rule (paper 002):
 * every RP leads with a unit price per resource category, the tenant follows with its demand, the
 * equilibrium of each RP–tenant game forms the {@link
 * io.sfsbroker.market.selection.EquilibriumTable} (the paper's Table 1), and the slice takes, per
 * category, the lowest equilibrium unit price — one RP for everything when it is best, otherwise a
 * federated slice with at most one winner per category. {@link
 * io.sfsbroker.market.selection.LowestOfferSelection} is NSBChain's rule (the lowest ask wins),
 * kept for comparison.
 *
 * <p>Everything here is deterministic, because it runs inside chaincode on several endorsing peers
 * that must produce byte-identical results: no hash-order iteration, no randomness, no clock, money
 * in {@code long} minor units, floating point only for the game's prices and rounded to minor units
 * by a documented rule. The model, the rounding, the tie-breaks, the digest format and the cost are
 * written up in {@code docs/selection.md}.
 */
package io.sfsbroker.market.selection;
