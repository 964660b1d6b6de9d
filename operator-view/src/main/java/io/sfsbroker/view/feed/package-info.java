/**
 * The view's subscriptions to the ledger (chaincode and block events with checkpoints), the events
 * it keeps in memory and the per-block cache of paged queries.
 */
package io.sfsbroker.view.feed;
