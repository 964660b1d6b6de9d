/**
 * Multi-flow applications on chain (paper 000, §III.C–D): a fog node's signed application request
 * lists flows; operators bid per flow and interval with signed envelopes; closing the bid window
 * runs {@link io.sfsbroker.market.multiflow.MultiFlowSelection}, locks the price in escrow and
 * mints the application token and one token per bought flow interval to the tenant; whoever holds
 * the application token confirms or releases it. See docs/tokens.md.
 */
package io.sfsbroker.chaincode.multiflow;
