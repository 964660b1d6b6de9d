/**
 * Slice selection: which resource providers (RPs) serve a network-slice blueprint, at what unit
 * price and in what amount.
 *
 * <p>Three rules fill the same {@link io.sfsbroker.market.selection.EquilibriumTable} (the paper's
 * Table 1) and form the slice from it the same way: per category the lowest unit price wins — one
 * RP for everything when it is best, otherwise a federated slice with at most one winner per
 * category.
 *
 * <ul>
 *   <li>{@link io.sfsbroker.market.selection.StackelbergSelection}, the broker's default: one
 *       Stackelberg game per RP and category (the RP leads with a unit price, the tenant follows
 *       with the demand of a logarithmic utility), solved by a Newton search plus an exact
 *       whole-price search;
 *   <li>{@link io.sfsbroker.market.selection.ProportionalShareSelection}: the paper's eqs. (1), (2)
 *       and Table 1 as written (one learned price per RP, a proportional-share game among the
 *       tenant's categories), with the cases where that model degenerates;
 *   <li>{@link io.sfsbroker.market.selection.LowestOfferSelection}: NSBChain's rule, the lowest
 *       ask.
 * </ul>
 *
 * <p>Every rule awards exactly the requested amount of a category unless the request opted into
 * more ({@link io.sfsbroker.market.selection.CategoryRequest#maxAmount()}); the rules decide
 * prices.
 *
 * <p>Everything here is deterministic, because it runs inside chaincode on several endorsing peers
 * that must produce byte-identical results: no hash-order iteration, no randomness, no clock, money
 * in {@code long} minor units; floating point only steers the Stackelberg search, whose answer is
 * certified by exact integer comparisons. The models, the tie-breaks, the digest format and the
 * cost are written up in {@code docs/selection.md}.
 */
package io.sfsbroker.market.selection;
