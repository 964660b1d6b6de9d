package io.sfsbroker.fog;

/**
 * The agent's own error codes, for what goes wrong after the ledger accepted a message. A rejected
 * message keeps the code of its receipt ({@code INVALID_ARGUMENT}, {@code BAD_SIGNATURE}, {@code
 * UNAVAILABLE}, …; docs/protocol.md) instead.
 */
public enum AgentError {
  /** No receipt, handover or outcome came within the timeout. */
  TIMEOUT,
  /** The selection found no slice in the offers ({@code SelectionFailed}). */
  SELECTION_FAILED,
  /**
   * Winners were found but the fog node's credits do not cover them ({@code SelectionUnfunded}).
   */
  SELECTION_UNFUNDED,
  /** A winner or the fog node reported the slice failed ({@code SliceFailed}). */
  SLICE_FAILED,
  /** The winners did not instantiate in time ({@code SliceTimedOut}). */
  SLICE_TIMED_OUT,
  /** The slice was ended before it was handed over ({@code SliceDecommissioned}). */
  SLICE_DECOMMISSIONED,
  /** No flow of a multi-flow application had an acceptable bid ({@code ApplicationFailed}). */
  APPLICATION_FAILED,
  /** The application's confirmation did not come in time ({@code ApplicationTimedOut}). */
  APPLICATION_TIMED_OUT,
  /** A port of the handed-over slice did not answer, so service was not confirmed. */
  UNREACHABLE,
  /**
   * The bridge gave no endpoints of a slice: this fog node does not hold its bundle tokens, or the
   * slice is not active.
   */
  NOT_HELD,
  /** The agent was interrupted while it waited. */
  INTERRUPTED
}
