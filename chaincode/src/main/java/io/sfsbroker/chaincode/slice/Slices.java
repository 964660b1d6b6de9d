package io.sfsbroker.chaincode.slice;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.chaincode.deadline.Deadlines;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceHistoryEntry;
import io.sfsbroker.protocol.slice.SliceState;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The slices on the ledger, for every contract of the broker: reading them, moving them through
 * their {@link SliceState state machine}, the by-state index and the history.
 *
 * <p>Keys: {@code slice~<id>} holds the {@link Slice}; {@code slice-state~<STATE>~<id>} is an index
 * entry for listing by state (exactly one per slice); {@code slice-event~<id>~<time>~<txId>} holds
 * a {@link SliceHistoryEntry} per step.
 */
public final class Slices {

  /** The object type of slice keys. */
  public static final String KEY_TYPE = "slice";

  /** The object type of the by-state index. */
  public static final String STATE_INDEX = "slice-state";

  /** The object type of history entries. */
  public static final String HISTORY = "slice-event";

  private Slices() {}

  /**
   * Requires that a slice in state {@code from} may move to {@code next}.
   *
   * @param sliceId the slice, for the message
   * @param action what the caller tried, for the message ("confirm service")
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_STATE} otherwise
   */
  public static void requireMove(
      final SliceState from, final SliceState next, final String sliceId, final String action) {
    if (!from.canMoveTo(next)) {
      throw ErrorCode.INVALID_STATE.reject(
          "slice "
              + sliceId
              + " is "
              + from
              + ", so it cannot "
              + action
              + " (which would make it "
              + next
              + "); from "
              + from
              + " it may only become "
              + from.allowedNext());
    }
  }

  /**
   * Requires {@code id} to be of the form of a slice id.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} otherwise
   */
  public static String requireId(final String id) {
    if (!Ids.isSliceId(id)) {
      throw ErrorCode.INVALID_ARGUMENT.reject(
          "'" + id + "' is not a slice id; ids are 's-' and 24 lower-case hex digits");
    }
    return id;
  }

  /** Reads slice {@code id}, if there is one. */
  public static Optional<Slice> find(final Ledger ledger, final String id) {
    return ledger.get(key(ledger, id), Slice.class);
  }

  /**
   * Reads slice {@code id}.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the id is
   *     malformed, {@code NOT_FOUND} when there is no such slice
   */
  public static Slice require(final Ledger ledger, final String id) {
    requireId(id);
    return find(ledger, id)
        .orElseThrow(() -> ErrorCode.NOT_FOUND.reject("slice " + id + " does not exist"));
  }

  /** Stores a new slice with its index entry and the first history entry. */
  public static void create(
      final Ledger ledger, final Slice slice, final EventName event, final String actor) {
    ledger.put(key(ledger, slice.id()), slice);
    ledger.putMarker(stateIndexKey(ledger, slice.state(), slice.id()));
    schedule(ledger, slice);
    history(ledger, slice.id(), event, null, slice.state(), actor, slice.reason());
  }

  /**
   * Stores {@code after}, which replaces {@code before}: updates the index and adds a history
   * entry. The caller has checked the transition with {@link #requireMove}; this checks it again
   * and fails with {@code INTERNAL} if it is not allowed.
   */
  public static void move(
      final Ledger ledger,
      final Slice before,
      final Slice after,
      final EventName event,
      final String actor) {
    if (!before.id().equals(after.id()) || !before.state().canMoveTo(after.state())) {
      throw ErrorCode.INTERNAL.reject(
          "slice " + before.id() + " cannot move from " + before.state() + " to " + after.state());
    }
    ledger.put(key(ledger, after.id()), after);
    ledger.stub().delState(stateIndexKey(ledger, before.state(), before.id()));
    ledger.putMarker(stateIndexKey(ledger, after.state(), after.id()));
    schedule(ledger, after);
    history(ledger, after.id(), event, before.state(), after.state(), actor, after.reason());
  }

  /**
   * Keeps the slice's {@link Deadlines deadline} in step with its state: an {@code OFFERING} slice
   * waits for {@code selection:closeAndSelect} after its offer deadline, an {@code AWARDED} or
   * {@code ACTIVE} one for {@code slice:expire} after its confirmation deadline, an {@code
   * IN_SERVICE} one for {@code slice:expire} after its validity; an ended slice waits for nothing.
   */
  private static void schedule(final Ledger ledger, final Slice slice) {
    String subject = "slice:" + slice.id();
    Instant due =
        switch (slice.state()) {
          case OFFERING -> slice.offerDeadline();
          case AWARDED, ACTIVE -> slice.confirmationDeadline();
          case IN_SERVICE -> slice.validUntil();
          default -> null;
        };
    if (due == null) {
      Deadlines.clear(ledger, subject);
    } else if (slice.state() == SliceState.OFFERING) {
      Deadlines.set(ledger, subject, due, TransactionName.SELECTION_CLOSE_AND_SELECT, slice.id());
    } else {
      Deadlines.set(ledger, subject, due, TransactionName.SLICE_EXPIRE, slice.id());
    }
  }

  /** Adds a history entry for a step that changes no state. */
  public static void note(
      final Ledger ledger,
      final Slice slice,
      final EventName event,
      final String actor,
      final String detail) {
    history(ledger, slice.id(), event, slice.state(), slice.state(), actor, detail);
  }

  /**
   * Reads one page of the ids of slices in {@code state}, in id order, and maps each id.
   *
   * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the page
   *     size or bookmark is invalid
   */
  public static <T> Page<T> pageByState(
      final Ledger ledger,
      final SliceState state,
      final int pageSize,
      final String bookmark,
      final Function<String, T> mapper) {
    return ledger.page(
        STATE_INDEX,
        List.of(state.name()),
        pageSize,
        bookmark,
        entry -> {
          List<String> attributes = ledger.split(entry.getKey()).getAttributes();
          return mapper.apply(attributes.get(attributes.size() - 1));
        });
  }

  /** Returns every history entry of slice {@code id}, oldest first. */
  public static List<SliceHistoryEntry> history(final Ledger ledger, final String id) {
    return ledger.all(HISTORY, List.of(id), entry -> ledger.decode(entry, SliceHistoryEntry.class));
  }

  /** Returns the ledger key of slice {@code id}. */
  public static String key(final Ledger ledger, final String id) {
    return ledger.key(KEY_TYPE, Objects.requireNonNull(id, "id"));
  }

  static String stateIndexKey(final Ledger ledger, final SliceState state, final String id) {
    return ledger.key(STATE_INDEX, state.name(), id);
  }

  private static void history(
      final Ledger ledger,
      final String sliceId,
      final EventName event,
      final SliceState from,
      final SliceState to,
      final String actor,
      final String detail) {
    Instant at = ledger.txTime();
    long nanos =
        Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    String time = String.format(Locale.ROOT, "%019d", nanos);
    ledger.put(
        ledger.key(HISTORY, sliceId, time, ledger.txId()),
        new SliceHistoryEntry(
            sliceId, event.wireName(), from, to, at, ledger.txId(), actor, detail));
  }
}
