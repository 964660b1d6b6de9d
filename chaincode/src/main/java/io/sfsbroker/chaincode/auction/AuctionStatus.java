package io.sfsbroker.chaincode.auction;

/** Where an auction stands. */
public enum AuctionStatus {
  /** A round is open for bids. */
  OPEN,
  /** The allocation is final and recorded; no round is open. */
  SETTLED
}
