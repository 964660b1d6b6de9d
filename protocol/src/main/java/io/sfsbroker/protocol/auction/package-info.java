/**
 * The bodies of the auction's device messages: a group's bid, its confirmation of an allocation, a
 * Planet's failure report. The auction's ledger records, built from the market module's types, stay
 * with the chaincode's auction contract.
 */
package io.sfsbroker.protocol.auction;
