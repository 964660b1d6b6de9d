/**
 * The names of the chaincode's contracts ({@link io.sfsbroker.protocol.transaction.Contracts}) and
 * transactions ({@link io.sfsbroker.protocol.transaction.TransactionName}).
 */
package io.sfsbroker.protocol.transaction;
