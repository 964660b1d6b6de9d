package io.sfsbroker.chaincode.deadline;

import io.sfsbroker.chaincode.common.ErrorCode;
import io.sfsbroker.chaincode.common.Ledger;
import io.sfsbroker.chaincode.common.Page;
import io.sfsbroker.protocol.deadline.Deadline;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger's schedule: one {@link Deadline} per subject. A contract calls {@link #set} when a
 * subject starts waiting for time (its deadline replaces the subject's previous one) and {@link
 * #clear} when the wait ends; both in the transaction that changes the subject, so the schedule is
 * never out of step with the state.
 *
 * <p>Keys: {@code deadline~<due, epoch nanoseconds, 19 digits>~<subject>} holds the {@link
 * Deadline}, so that a range scan lists them earliest first; {@code deadline-subject~<subject>}
 * holds the same record, to find and replace a subject's entry.
 */
public final class Deadlines {

  /** The object type of the by-time entries. */
  public static final String DUE_INDEX = "deadline";

  /** The object type of the by-subject entries. */
  public static final String SUBJECT_INDEX = "deadline-subject";

  private Deadlines() {}

  /**
   * Schedules {@code transaction(arguments…)} for {@code subject} after {@code due}, replacing the
   * subject's previous deadline.
   */
  public static void set(
      final Ledger ledger,
      final String subject,
      final Instant due,
      final TransactionName transaction,
      final String... arguments) {
    Objects.requireNonNull(transaction, "transaction");
    if (transaction.kind() != TransactionName.Kind.SUBMIT) {
      throw ErrorCode.INTERNAL.reject("a deadline settles by a submitted transaction");
    }
    Optional<Deadline> previous = find(ledger, subject);
    Deadline deadline =
        new Deadline(
            subject,
            transaction.contract(),
            transaction.function(),
            List.of(arguments),
            due,
            ledger.txTime());
    if (previous.isPresent()
        && previous.get().due().equals(due)
        && previous.get().transaction().equals(deadline.transaction())
        && previous.get().arguments().equals(deadline.arguments())) {
      return;
    }
    previous.ifPresent(old -> ledger.stub().delState(dueKey(ledger, old)));
    ledger.put(subjectKey(ledger, subject), deadline);
    ledger.put(dueKey(ledger, deadline), deadline);
  }

  /** Ends the wait of {@code subject}: its deadline, if it has one, is deleted. */
  public static void clear(final Ledger ledger, final String subject) {
    Optional<Deadline> previous = find(ledger, subject);
    if (previous.isPresent()) {
      ledger.stub().delState(dueKey(ledger, previous.get()));
      ledger.stub().delState(subjectKey(ledger, subject));
    }
  }

  /** The deadline of {@code subject}, if it waits. */
  public static Optional<Deadline> find(final Ledger ledger, final String subject) {
    return ledger.get(subjectKey(ledger, subject), Deadline.class);
  }

  /**
   * One page of the deadlines due at or before {@code until} ({@code null}: all), earliest first.
   * The page's bookmark is empty once the listing has passed {@code until} or the last deadline.
   */
  public static Page<Deadline> due(
      final Ledger ledger, final Instant until, final int pageSize, final String bookmark) {
    Page<Deadline> page =
        ledger.page(
            DUE_INDEX,
            List.of(),
            pageSize,
            bookmark,
            entry -> ledger.decode(entry, Deadline.class));
    List<Deadline> items = new ArrayList<>();
    for (Deadline deadline : page.items()) {
      if (until != null && deadline.due().isAfter(until)) {
        return new Page<>(items, "");
      }
      items.add(deadline);
    }
    return new Page<>(items, page.items().size() < pageSize ? "" : page.bookmark());
  }

  private static String subjectKey(final Ledger ledger, final String subject) {
    return ledger.key(SUBJECT_INDEX, Objects.requireNonNull(subject, "subject"));
  }

  private static String dueKey(final Ledger ledger, final Deadline deadline) {
    Instant due = deadline.due();
    long nanos =
        Math.addExact(Math.multiplyExact(due.getEpochSecond(), 1_000_000_000L), due.getNano());
    return ledger.key(DUE_INDEX, String.format(Locale.ROOT, "%019d", nanos), deadline.subject());
  }
}
