package io.sfsbroker.protocol.slice;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in the history of a slice, stored under {@code slice-event~<sliceId>~<19-digit epoch
 * nanoseconds>~<txId>}: a key per transaction, so steps never share a counter.
 *
 * @param sliceId the slice
 * @param event the name of the event the step emitted ({@code SliceAwarded} …)
 * @param from the state before; {@code null} for the first step
 * @param to the state after (equal to {@code from} for a step that changes no state)
 * @param at the transaction time
 * @param txId the transaction id
 * @param actor who caused it: a participant id, an MSP id, or {@code anyone} for an expiry
 * @param detail what happened, in words
 */
public record SliceHistoryEntry(
    String sliceId,
    String event,
    SliceState from,
    SliceState to,
    Instant at,
    String txId,
    String actor,
    String detail) {

  /** Checks for nulls. */
  public SliceHistoryEntry {
    Objects.requireNonNull(sliceId, "sliceId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(detail, "detail");
  }
}
