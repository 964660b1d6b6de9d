/**
 * The global slice manager and the slice lifecycle: {@link io.sfsbroker.protocol.slice.SliceState}
 * (the state machine), {@link io.sfsbroker.protocol.slice.Slice} and {@link
 * io.sfsbroker.chaincode.slice.Slices} (the slice, its by-state index and its history on the
 * ledger, shared by every broker contract), and the contract {@code slice} ({@link
 * io.sfsbroker.chaincode.slice.SliceContract}): confirmations, failure, expiry, decommission and
 * the slice queries.
 */
package io.sfsbroker.chaincode.slice;
