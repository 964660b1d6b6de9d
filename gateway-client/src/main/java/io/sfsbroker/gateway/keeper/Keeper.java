package io.sfsbroker.gateway.keeper;

import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Deadline;
import io.sfsbroker.protocol.deadline.DuePage;
import io.sfsbroker.protocol.deadline.DueQuery;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.request.Blueprint;
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
 * Fires every deadline on the ledger as soon as the ledger can accept its settlement. Every {@code
 * interval} it lists the deadlines of the next quarter of an hour, and it hears of each offer
 * window the moment its blueprint's publication commits ({@link #published}); each deadline it
 * knows of gets a timer for its fire time ({@link #fireAt}: the deadline itself, later by the time
 * a window's publication took to commit), so the polling only finds what no event announced (a
 * missed event, a restart). The transaction is submitted then, up to {@value #SUBMITTERS} at once.
 * The chaincode compares the deadline with the transaction's own timestamp; a settlement it still
 * refuses as early ({@code INVALID_STATE} with the deadline still listed: the bridge that stamped
 * the request runs its clock ahead of this one) is tried again every {@link #PROMPT_RETRY} for
 * {@code grace} after the deadline; any other failure (the network did not answer) after a growing
 * pause, for as long as the ledger lists the deadline. Once the settlement commits, the chaincode
 * deletes the deadline, so each fires once. Several keepers (one per bridge) may run at once: a
 * settlement another keeper committed first is refused here ({@code INVALID_STATE}, or a read
 * conflict when both raced), and a refusal after which the ledger no longer lists the deadline
 * counts as done ({@link Outcome#SETTLED_ELSEWHERE}), not as a failure.
 */
public final class Keeper implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Keeper.class.getName());
  private static final int PAGE_SIZE = 100;

  /** How many settlements are submitted at once: one that hangs does not hold up the others. */
  private static final int SUBMITTERS = 4;

  /** How soon a settlement the ledger refused as early is tried again, within the grace. */
  static final Duration PROMPT_RETRY = Duration.ofMillis(200);

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

  /** When each deadline was first heard of (an event or a listing); written on the timer thread. */
  private final Map<Deadline, Instant> firstSeen = new ConcurrentHashMap<>();

  /** The time each deadline's timer is set for; used on the timer thread only. */
  private final Map<Deadline, Instant> timers = new HashMap<>();

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
   * Starts a keeper that lists the deadlines every {@code interval}, fires each when it is due and
   * retries a settlement the ledger still refuses as early promptly for {@code grace} after the
   * deadline (room for the clocks of the bridges that stamp requests and settlements to differ).
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
    LOG.log(
        Level.INFO,
        "keeper started: lists deadlines every {0}, fires each when due, retries an early refusal"
            + " every {1} for {2}",
        interval,
        PROMPT_RETRY,
        grace);
    return keeper;
  }

  /**
   * A keeper that does nothing until its rounds are run ({@link #round}, {@link #fire}) or it hears
   * of a window ({@link #published}).
   */
  static Keeper create(
      final KeeperLedger ledger, final Clock clock, final Duration interval, final Duration grace) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the keeper's interval must be positive");
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the keeper's grace must not be negative");
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

  /**
   * Lists the deadlines, hands what is due now to the submitters and sets a timer for the rest;
   * returns how many it handed over.
   */
  int round() {
    Instant now = clock.instant();
    List<Deadline> listed = listDue(now.plus(HORIZON));
    attempts.retainOnly(listed);
    Set<Deadline> live = Set.copyOf(listed);
    firstSeen.keySet().retainAll(live);
    timers.keySet().retainAll(live);
    int fired = 0;
    for (Deadline deadline : listed) {
      if (closed) {
        break;
      }
      firstSeen.putIfAbsent(deadline, now);
      if (consider(deadline)) {
        fired++;
      }
    }
    return fired;
  }

  /**
   * Tells the keeper that the offer window of {@code blueprint} was published (its chaincode event
   * arrived now), so it fires the window's close on time without waiting for a listing. A window
   * opened before this keeper started is left to the listing: its event may be a replay.
   */
  public void published(final Blueprint blueprint) {
    Objects.requireNonNull(blueprint, "blueprint");
    Instant seen = clock.instant();
    Deadline window = offerWindow(blueprint);
    if (closed || !started.isBefore(window.since())) {
      return;
    }
    try {
      timer.execute(
          () -> {
            firstSeen.merge(window, seen, (a, b) -> a.isBefore(b) ? a : b);
            consider(window);
          });
    } catch (RejectedExecutionException e) {
      // Stopping: the next keeper lists it.
    }
  }

  /**
   * The deadline the chaincode writes for the offer window of {@code blueprint} (subject {@code
   * slice:<id>}, settled by {@code selection:closeAndSelect(id)}; chaincode {@code Slices}).
   */
  static Deadline offerWindow(final Blueprint blueprint) {
    TransactionName close = TransactionName.SELECTION_CLOSE_AND_SELECT;
    return new Deadline(
        "slice:" + blueprint.id(),
        close.contract(),
        close.function(),
        List.of(blueprint.id()),
        blueprint.offerDeadline(),
        blueprint.openedAt());
  }

  /**
   * On the timer thread: submits {@code deadline} when it is due and not waiting for a retry, or
   * sets a timer for when it will be; true when it was handed to a submitter.
   */
  private boolean consider(final Deadline deadline) {
    if (closed) {
      return false;
    }
    Instant now = clock.instant();
    Instant at = latest(fireAt(deadline), attempts.retryAt(deadline));
    if (now.isBefore(at)) {
      setTimer(deadline, at);
      return false;
    }
    if (!inFlight.add(deadline)) {
      return false;
    }
    try {
      submitters.execute(
          () -> {
            try {
              if (fire(deadline) == Outcome.FAILED) {
                retryLater(deadline);
              }
            } finally {
              inFlight.remove(deadline);
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      inFlight.remove(deadline);
      return false;
    }
  }

  /** Sets a timer for {@code deadline} at {@code at}, unless one is set for then or earlier. */
  private void setTimer(final Deadline deadline, final Instant at) {
    Instant set = timers.get(deadline);
    if (set != null && !set.isAfter(at)) {
      return;
    }
    timers.put(deadline, at);
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    try {
      timer.schedule(
          () -> {
            if (at.equals(timers.get(deadline))) {
              timers.remove(deadline);
              safely(() -> consider(deadline));
            }
          },
          delay,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      timers.remove(deadline);
    }
  }

  /** From a submitter: considers {@code deadline} again, on the timer thread. */
  private void retryLater(final Deadline deadline) {
    if (closed) {
      return;
    }
    try {
      timer.execute(() -> safely(() -> consider(deadline)));
    } catch (RejectedExecutionException e) {
      // Stopping: the next keeper lists it.
    }
  }

  private static void safely(final Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "keeper timer failed: {0}", e.toString());
    }
  }

  private static Instant latest(final Instant a, final Optional<Instant> b) {
    return b.isPresent() && b.get().isAfter(a) ? b.get() : a;
  }

  /**
   * When to fire {@code deadline}: when it is due, for the ledger takes the settlement from then
   * on; a window this keeper saw being published, later by the time its publication took to commit
   * (at most {@link Windows#LATE_COMMIT} less 2 s, while the chaincode still takes contributions),
   * so the RPs get the window's full length after they could see it (issue 10 item 4).
   */
  Instant fireAt(final Deadline deadline) {
    return fireAt(deadline, started, firstSeen.get(deadline));
  }

  /**
   * {@link #fireAt(Deadline)} for a keeper that started at {@code started} and first heard of the
   * deadline at {@code seen} ({@code null}: not yet).
   */
  static Instant fireAt(final Deadline deadline, final Instant started, final Instant seen) {
    Instant at = deadline.due();
    boolean window =
        TransactionName.of(deadline.contract(), deadline.function())
            .filter(WINDOWS::contains)
            .isPresent();
    if (!window || seen == null || !started.isBefore(deadline.since())) {
      return at;
    }
    Duration lag = Duration.between(deadline.since(), seen);
    Duration most = Windows.LATE_COMMIT.minusSeconds(2);
    if (lag.isNegative()) {
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
      Instant now = clock.instant();
      boolean early =
          "INVALID_STATE".equals(e.code()) && !now.isAfter(fireAt(deadline).plus(grace));
      int failures =
          early ? attempts.early(deadline, now, PROMPT_RETRY) : attempts.failed(deadline, now);
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
