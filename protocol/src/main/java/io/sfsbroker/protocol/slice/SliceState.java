package io.sfsbroker.protocol.slice;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a slice, from its request to its end, as an explicit state machine: {@link
 * #canMoveTo} lists the allowed transitions, and the chaincode refuses every other transition with
 * {@code INVALID_STATE}. Slicing4Meta's phases map onto it as preparation = {@link #OFFERING},
 * planning = {@link #AWARDED}, run-time = {@link #ACTIVE} and {@link #IN_SERVICE}, decommission =
 * {@link #DECOMMISSIONED}; {@link #FAILED} and {@link #TIMED_OUT} are the abnormal ends.
 */
public enum SliceState {
  /** The blueprint is published and its offer window is open (or due to be closed). */
  OFFERING,
  /** Winners are chosen and instantiate their parts; waits for every instantiation confirmation. */
  AWARDED,
  /** Every part runs; the fog node has its endpoints and is to confirm service. */
  ACTIVE,
  /** The fog node confirmed service; the slice runs until decommissioned or its validity ends. */
  IN_SERVICE,
  /** Ended normally: released by the tenant or an admin, or its validity ended. Final. */
  DECOMMISSIONED,
  /** No offer could serve it, or a part failed. Final. */
  FAILED,
  /** A confirmation did not arrive in time. Final. */
  TIMED_OUT;

  /** Tells whether a slice in this state may move to {@code next}. */
  public boolean canMoveTo(final SliceState next) {
    return allowedNext().contains(next);
  }

  /** Returns the states a slice in this state may move to. */
  public Set<SliceState> allowedNext() {
    return switch (this) {
      case OFFERING -> EnumSet.of(AWARDED, FAILED);
      case AWARDED -> EnumSet.of(ACTIVE, FAILED, TIMED_OUT, DECOMMISSIONED);
      case ACTIVE -> EnumSet.of(IN_SERVICE, FAILED, TIMED_OUT, DECOMMISSIONED);
      case IN_SERVICE -> EnumSet.of(FAILED, DECOMMISSIONED);
      case DECOMMISSIONED, FAILED, TIMED_OUT -> EnumSet.noneOf(SliceState.class);
    };
  }

  /** Tells whether no transition leaves this state. */
  public boolean isFinal() {
    return allowedNext().isEmpty();
  }
}
