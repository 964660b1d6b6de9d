/**
 * The keeper: makes every deadline on the ledger fire by itself. It lists what is due ({@code
 * deadline:listDue}) and submits each deadline's transaction — closing offer and bid windows and
 * auction rounds, expiring slices and applications, refunding allocation escrows — with retries.
 * The ledger is its only schedule, so a restarted keeper picks up where it stopped, and several
 * keepers may run at once: the chaincode applies each settlement once.
 */
package io.sfsbroker.gateway.keeper;
