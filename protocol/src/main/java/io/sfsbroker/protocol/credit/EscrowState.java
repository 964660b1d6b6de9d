package io.sfsbroker.protocol.credit;

/** Where an escrow stands; {@link #RELEASED} and {@link #REFUNDED} are final. */
public enum EscrowState {
  /** The payer's credits are held. */
  LOCKED,
  /** Paid to the payees. Final. */
  RELEASED,
  /** Returned to the payer. Final. */
  REFUNDED
}
