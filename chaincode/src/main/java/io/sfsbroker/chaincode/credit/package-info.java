/**
 * Credits and escrow (paper 000, §III.B: "the corresponding amount of cryptocurrency is held by a
 * smart contract until successful confirmation of service provision"): a fungible credit ledger in
 * {@code long} minor units, minted by the treasury organisations the consortium set through
 * governance ({@link io.sfsbroker.chaincode.credit.Treasury}), and the escrow that the selection,
 * slice and multi-flow contracts lock, release and refund through {@link
 * io.sfsbroker.chaincode.credit.Credits}. See docs/tokens.md.
 */
package io.sfsbroker.chaincode.credit;
