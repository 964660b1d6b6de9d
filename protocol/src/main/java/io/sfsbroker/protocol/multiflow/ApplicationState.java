package io.sfsbroker.protocol.multiflow;

/** Where a multi-flow application stands. */
public enum ApplicationState {
  /** Its bid window is open (or due to be closed). */
  OPEN,
  /** Flows were bought; the payment is in escrow until the fog node confirms service. */
  AWARDED,
  /** The fog node confirmed service; the operators were paid. Final. */
  IN_SERVICE,
  /** No flow had an acceptable bid, or the tenant could not pay. Final. */
  FAILED,
  /** The fog node did not confirm in time; the tenant was refunded. Final. */
  TIMED_OUT,
  /**
   * The holder of its token released it ({@code multiflow:releaseApplication}): refunded if it was
   * not yet confirmed, its tokens burned. Final.
   */
  RELEASED
}
