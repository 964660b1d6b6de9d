package io.sfsbroker.chaincode.auction;

/** Where one round of an auction stands. */
public enum RoundStatus {
  /** The round takes bids. */
  OPEN,
  /** The round was closed and its outcome recorded. */
  CLOSED
}
