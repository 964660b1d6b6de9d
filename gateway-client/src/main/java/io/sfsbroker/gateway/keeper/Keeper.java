package io.sfsbroker.gateway.keeper;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Deadline;
import io.sfsbroker.protocol.deadline.DuePage;
import io.sfsbroker.protocol.deadline.DueQuery;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires every deadline on the ledger: every {@code interval} it lists the deadlines due {@code
 * grace} ago or earlier and submits each one's transaction, one at a time, earliest first. A
 * transaction that fails (the network did not answer, another keeper was first, the peers' clock is
 * behind) is tried again after a growing pause for as long as the ledger lists the deadline; once
 * the settlement commits, the chaincode deletes the deadline, so each fires once.
 */
public final class Keeper implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Keeper.class.getName());
  private static final int PAGE_SIZE = 100;

  private final ChaincodeClient ledger;
  private final Clock clock;
  private final Duration grace;
  private final Attempts attempts = new Attempts(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private final ScheduledExecutorService timer;
  private volatile boolean closed;

  private Keeper(final ChaincodeClient ledger, final Clock clock, final Duration grace) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.grace = Objects.requireNonNull(grace, "grace");
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sfsb-keeper");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts a keeper that looks for due deadlines every {@code interval} and fires each {@code
   * grace} after it is due (room for the clocks of the keeper and the peers to differ).
   */
  public static Keeper start(
      final ChaincodeClient ledger,
      final Clock clock,
      final Duration interval,
      final Duration grace) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the keeper's interval must be positive");
    }
    Keeper keeper = new Keeper(ledger, clock, grace);
    keeper.timer.scheduleWithFixedDelay(
        keeper::safeRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.log(Level.INFO, "keeper started: every {0}, {1} after each deadline", interval, grace);
    return keeper;
  }

  private void safeRound() {
    try {
      round();
    } catch (RuntimeException e) {
      // The next round tries again; a keeper never stops on a failure.
      LOG.log(Level.WARNING, "keeper round failed: {0}", e.toString());
    }
  }

  /** Fires what is due now; returns how many deadlines committed. */
  int round() {
    Instant now = clock.instant();
    List<Deadline> due = listDue(now.minus(grace));
    attempts.retainOnly(due);
    int fired = 0;
    for (Deadline deadline : due) {
      if (closed) {
        break;
      }
      if (attempts.due(deadline, clock.instant()) && fire(deadline)) {
        fired++;
      }
    }
    return fired;
  }

  private List<Deadline> listDue(final Instant until) {
    List<Deadline> due = new ArrayList<>();
    String bookmark = "";
    do {
      DuePage page =
          Json.fromJson(
              ledger.evaluate(
                  TransactionName.DEADLINE_LIST_DUE,
                  Json.toJson(new DueQuery(until, PAGE_SIZE, bookmark))),
              DuePage.class);
      due.addAll(page.items());
      bookmark = page.bookmark();
    } while (!bookmark.isEmpty() && !closed);
    return due;
  }

  private boolean fire(final Deadline deadline) {
    Optional<TransactionName> transaction =
        TransactionName.of(deadline.contract(), deadline.function())
            .filter(t -> t.kind() == TransactionName.Kind.SUBMIT);
    if (transaction.isEmpty()) {
      int failures = attempts.failed(deadline, clock.instant());
      if (failures == 1) {
        LOG.log(
            Level.ERROR,
            "deadline {0} names {1}, which this keeper does not know; is it older than the"
                + " chaincode?",
            deadline.subject(),
            deadline.transaction());
      }
      return false;
    }
    try {
      Committed committed =
          ledger.submit(transaction.get(), deadline.arguments().toArray(String[]::new));
      attempts.succeeded(deadline);
      LOG.log(
          Level.INFO,
          "fired {0} of {1} (due {2}) in transaction {3}",
          deadline.transaction(),
          deadline.subject(),
          deadline.due(),
          committed.transactionId());
      return true;
    } catch (LedgerException e) {
      if (closed) {
        return false;
      }
      int failures = attempts.failed(deadline, clock.instant());
      LOG.log(
          failures < 5 ? Level.INFO : Level.WARNING,
          "{0} of {1} (due {2}) failed ({3}, try {4}); trying again: {5}",
          deadline.transaction(),
          deadline.subject(),
          deadline.due(),
          e.code(),
          failures,
          e.getMessage());
      return false;
    }
  }

  /** Stops at once; a deadline not fired yet is fired by the next keeper that runs. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
