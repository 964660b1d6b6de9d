/**
 * Transactions on the broker chaincode: submit and wait for the commit, evaluate, read chaincode
 * events. Every failure becomes one {@link io.sfsbroker.gateway.ledger.LedgerException} carrying
 * the chaincode's stable error code.
 */
package io.sfsbroker.gateway.ledger;
