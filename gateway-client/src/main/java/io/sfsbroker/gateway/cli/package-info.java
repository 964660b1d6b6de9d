/**
 * The operator's command line, {@code ./sfsbroker cli}: registers participants, mints credits and
 * reads what the ledger holds (participants, requests, offers, slices, tokens, balances, escrows,
 * auctions) or emits (chaincode events), as a table for people or as JSON with {@code --json}.
 * Every call goes through the gateway client library; {@link io.sfsbroker.gateway.cli.SfsbCli} is
 * the entry point, {@code docs/cli.md} the manual.
 */
package io.sfsbroker.gateway.cli;
