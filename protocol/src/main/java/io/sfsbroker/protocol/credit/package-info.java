/**
 * Credits and escrow as the ledger stores and reports them: balances, transfers, the treasury
 * setting and escrows.
 */
package io.sfsbroker.protocol.credit;
