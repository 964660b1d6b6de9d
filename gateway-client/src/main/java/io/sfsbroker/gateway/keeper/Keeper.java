package io.sfsbroker.gateway.keeper;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Deadline;
import io.sfsbroker.protocol.deadline.DuePage;
import io.sfsbroker.protocol.deadline.DueQuery;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Fires every deadline on the ledger: every {@code interval} it lists the deadlines of the next
 * quarter of an hour and submits the transaction of each that has been due for {@code grace}, one
 * at a time, earliest first (a window it saw being published, later by the time the publication
 * took to commit: {@link #fireAt}). A transaction that fails (the network did not answer, another
 * keeper was first, the peers' clock is behind) is tried again after a growing pause for as long as
 * the ledger lists the deadline; once the settlement commits, the chaincode deletes the deadline,
 * so each fires once. Several keepers (one per bridge) may run at once: a settlement another keeper
 * committed first is refused here ({@code INVALID_STATE}, or a read conflict when both raced), and
 * a refusal after which the ledger no longer lists the deadline counts as done ({@link
 * Outcome#SETTLED_ELSEWHERE}), not as a failure.
 */
public final class Keeper implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Keeper.class.getName());
  private static final int PAGE_SIZE = 100;

  /** How many settlements are submitted at once: one that hangs does not hold up the others. */
  private static final int SUBMITTERS = 4;

  /** How far ahead the keeper looks, to see each window when it is published. */
  private static final Duration HORIZON = Duration.ofMinutes(15);

  /**
   * The refusals a settlement gets when another keeper committed it first: the settled thing is no
   * longer in the state the transaction needs, or both transactions read the same keys.
   */
  private static final Set<String> SETTLED_BY_OTHERS =
      Set.of("INVALID_STATE", "NOT_FOUND", "MVCC_READ_CONFLICT", "PHANTOM_READ_CONFLICT");

  /** The windows the keeper extends by the time their publication took to commit. */
  private static final Set<TransactionName> WINDOWS =
      Set.of(
          TransactionName.SELECTION_CLOSE_AND_SELECT, TransactionName.MULTIFLOW_CLOSE_APPLICATION);

  /** How one try to fire a deadline ended. */
  enum Outcome {
    /** This keeper's transaction committed. */
    FIRED,
    /** It was refused, and the ledger no longer lists the deadline: another keeper settled it. */
    SETTLED_ELSEWHERE,
    /** It failed and the deadline is still due: it is tried again later. */
    FAILED
  }

  private final KeeperLedger ledger;
  private final Clock clock;
  private final Duration grace;
  private final Attempts attempts = new Attempts(Duration.ofSeconds(1), Duration.ofSeconds(60));
  private final ScheduledExecutorService timer;
  private final ExecutorService submitters;
  private final Set<Deadline> inFlight = ConcurrentHashMap.newKeySet();
  private final Instant started;
  private final Duration interval;
  private final Map<Deadline, Instant> firstSeen = new HashMap<>();
  private volatile boolean closed;

  private Keeper(
      final KeeperLedger ledger, final Clock clock, final Duration interval, final Duration grace) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.grace = Objects.requireNonNull(grace, "grace");
    this.interval = interval;
    this.started = clock.instant();
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("sfsb-keeper"));
    this.submitters = Executors.newFixedThreadPool(SUBMITTERS, daemon("sfsb-keeper-submit"));
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
    return start(KeeperLedger.of(Objects.requireNonNull(ledger, "ledger")), clock, interval, grace);
  }

  /** {@link #start(ChaincodeClient, Clock, Duration, Duration)} on any {@link KeeperLedger}. */
  static Keeper start(
      final KeeperLedger ledger, final Clock clock, final Duration interval, final Duration grace) {
    Keeper keeper = create(ledger, clock, interval, grace);
    keeper.timer.scheduleWithFixedDelay(
        keeper::safeRound, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.log(Level.INFO, "keeper started: every {0}, {1} after each deadline", interval, grace);
    return keeper;
  }

  /** A keeper that does nothing until its rounds are run ({@link #round}, {@link #fire}). */
  static Keeper create(
      final KeeperLedger ledger, final Clock clock, final Duration interval, final Duration grace) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the keeper's interval must be positive");
    }
    return new Keeper(ledger, clock, interval, grace);
  }

  private void safeRound() {
    try {
      round();
    } catch (RuntimeException e) {
      // The next round tries again; a keeper never stops on a failure.
      LOG.log(Level.WARNING, "keeper round failed: {0}", e.toString());
    }
  }

  /** Hands what is due now to the submitters; returns how many it handed over. */
  int round() {
    Instant now = clock.instant();
    List<Deadline> listed = listDue(now.plus(HORIZON));
    attempts.retainOnly(listed);
    firstSeen.keySet().retainAll(Set.copyOf(listed));
    int fired = 0;
    for (Deadline deadline : listed) {
      firstSeen.putIfAbsent(deadline, now);
      if (closed) {
        break;
      }
      boolean due = !now.isBefore(fireAt(deadline));
      if (due && attempts.due(deadline, clock.instant()) && inFlight.add(deadline)) {
        try {
          submitters.execute(
              () -> {
                try {
                  fire(deadline);
                } finally {
                  inFlight.remove(deadline);
                }
              });
          fired++;
        } catch (RejectedExecutionException e) {
          inFlight.remove(deadline);
        }
      }
    }
    return fired;
  }

  /**
   * When to fire {@code deadline}: {@code grace} after it is due; a window this keeper saw being
   * published, later by the time its publication took to commit (at most {@link
   * Windows#LATE_COMMIT}, the time the chaincode still takes contributions), so the RPs get the
   * window's full length after they could see it (issue 10 item 4).
   */
  Instant fireAt(final Deadline deadline) {
    return fireAt(deadline, grace, interval, started, firstSeen.get(deadline));
  }

  /**
   * {@link #fireAt(Deadline)} for a keeper that started at {@code started} and first listed the
   * deadline at {@code seen} ({@code null}: not yet), polling every {@code interval}.
   */
  static Instant fireAt(
      final Deadline deadline,
      final Duration grace,
      final Duration interval,
      final Instant started,
      final Instant seen) {
    Instant at = deadline.due().plus(grace);
    boolean window =
        TransactionName.of(deadline.contract(), deadline.function())
            .filter(WINDOWS::contains)
            .isPresent();
    if (!window || seen == null || !started.isBefore(deadline.since())) {
      return at;
    }
    Duration lag = Duration.between(deadline.since(), seen).minus(interval);
    Duration most = Windows.LATE_COMMIT.minus(grace).minusSeconds(2);
    if (lag.isNegative() || most.isNegative()) {
      return at;
    }
    return at.plus(lag.compareTo(most) > 0 ? most : lag);
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

  /** Submits the settlement of {@code deadline} once and says how it ended. */
  Outcome fire(final Deadline deadline) {
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
      return Outcome.FAILED;
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
      return Outcome.FIRED;
    } catch (LedgerException e) {
      if (closed) {
        return Outcome.FAILED;
      }
      if (SETTLED_BY_OTHERS.contains(e.code()) && !stillListed(deadline)) {
        attempts.succeeded(deadline);
        LOG.log(
            Level.INFO,
            "{0} of {1} (due {2}) was settled by another keeper ({3}); done",
            deadline.transaction(),
            deadline.subject(),
            deadline.due(),
            e.code());
        return Outcome.SETTLED_ELSEWHERE;
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
      return Outcome.FAILED;
    }
  }

  /**
   * Whether the ledger still lists {@code deadline}; true when it cannot tell (then the deadline is
   * tried again, which is harmless).
   */
  private boolean stillListed(final Deadline deadline) {
    try {
      return listDue(deadline.due().plusSeconds(1)).contains(deadline);
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static ThreadFactory daemon(final String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops at once; a deadline not fired yet is fired by the next keeper that runs. */
  @Override
  public void close() {
    closed = true;
    timer.shutdownNow();
    submitters.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
      submitters.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
