package io.sfsbroker.protocol.governance;

/** Where a {@link Proposal} stands. */
public enum ProposalState {
  /** Collecting approvals; it may be applied once a majority approved. */
  OPEN,
  /** Applied: its value is (or was) in force. */
  APPLIED,
  /** Withdrawn by an admin of the proposer's organisation. */
  WITHDRAWN,
  /**
   * Open, but past its expiry: it can no longer be approved or applied. Only views report it; the
   * stored state stays {@link #OPEN}.
   */
  EXPIRED,
  /**
   * Open, but its setting changed since it was proposed: applying it would change a value other
   * than the one its approvers saw, so it can never be applied. Only views report it.
   */
  STALE
}
