/** The ids the ledger derives from signed requests and transactions, written once. */
package io.sfsbroker.protocol.id;
