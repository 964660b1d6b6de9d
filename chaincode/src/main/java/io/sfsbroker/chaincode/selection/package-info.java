/**
 * The mediator's selection: the contract {@code selection} ({@link
 * io.sfsbroker.chaincode.selection.SelectionContract}) that closes offer windows, runs the market
 * module's selection rule on chain, records winners, prices and the table digest, and serves the
 * full equilibrium table by recomputing it.
 */
package io.sfsbroker.chaincode.selection;
