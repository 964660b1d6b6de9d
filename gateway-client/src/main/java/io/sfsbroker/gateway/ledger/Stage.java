package io.sfsbroker.gateway.ledger;

/** Where a transaction failed. */
public enum Stage {
  /** A query answered by one peer. */
  EVALUATE,
  /** Collecting endorsements: the chaincode ran and may have rejected the call. */
  ENDORSE,
  /** Handing the endorsed transaction to the ordering service. */
  SUBMIT,
  /** Waiting for the transaction's commit status. */
  COMMIT_STATUS,
  /** The transaction reached a block but was marked invalid (e.g. an MVCC read conflict). */
  COMMIT
}
