package io.sfsbroker.rp;

import static io.sfsbroker.rp.ReceiptWatcher.millisSince;

import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.FailureReportBody;
import io.sfsbroker.protocol.slice.InstantiationConfirmationBody;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The agent's slice side, the one place where a slice's container is started ({@link #bringUp}) and
 * removed ({@link #tearDown}).
 *
 * <ul>
 *   <li><b>Award</b> (the categories this RP won): the amounts are held, the container started with
 *       {@link SliceLimits}, every published port must answer HTTP, and the instantiation
 *       confirmation lists the endpoints. A slice that cannot start is removed and a failure report
 *       sent.
 *   <li><b>End</b> (decommissioned, failed, timed out): the container is stopped and removed, its
 *       amounts freed.
 * </ul>
 *
 * Every change of holds and reservations happens under {@code lock}, and nothing slow does. On the
 * thread that hears an award only the bookkeeping is done: the checks, and under the lock the hold
 * of the amounts and the {@linkplain SliceRuntime#reserve reservation} of the slice's host ports
 * and tenant network; then the award is written to the {@link AwardJournal}, so the notice is
 * acknowledged only once the award is on the disk (a crash after that leaves the entry, from which
 * the reconciliation brings the slice up). The container's create and start, the wait for its
 * services and the confirmation run on {@code bringUps}, a small pool, so slices awarded together
 * are created, started and waited for at the same time instead of queueing behind each other. A
 * slice is brought up by one task at a time: an award heard again while its first bring-up runs is
 * dropped, and so is a reconciliation's bring-up of it; a slice that ends while it is brought up is
 * removed as soon as its container exists.
 */
final class SliceSide {

  /** Refusals of a confirmation that mean the slice is over or not this RP's: nothing to report. */
  private static final Set<String> SLICE_NOT_OURS =
      Set.of("INVALID_STATE", "NOT_FOUND", "FORBIDDEN");

  private static final System.Logger LOG = System.getLogger(SliceSide.class.getName());

  private final RpConfig config;
  private final Clock clock;
  private final Capacity capacity;
  private final SliceRuntime runtime;
  private final AwardJournal journal;
  private final Object lock;
  private final DeviceLink link;
  private final ReceiptWatcher receipts;
  private final Executor bringUps;
  private final PortProbe probe = new PortProbe();

  /** Slices whose instantiation confirmation the ledger has. */
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

  /** Slices being brought up now. */
  private final Set<String> bringing = ConcurrentHashMap.newKeySet();

  /** Slices that ended while they were brought up: removed once their container exists. */
  private final Set<String> endedMeanwhile = ConcurrentHashMap.newKeySet();

  /**
   * A slice side that keeps the awards it takes on in {@code journal} and brings them up on {@code
   * bringUps} ({@code Runnable::run}: on the thread that hears the award).
   */
  SliceSide(
      final RpConfig config,
      final Clock clock,
      final Capacity capacity,
      final SliceRuntime runtime,
      final AwardJournal journal,
      final Object lock,
      final DeviceLink link,
      final ReceiptWatcher receipts,
      final Executor bringUps) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.capacity = Objects.requireNonNull(capacity, "capacity");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.link = Objects.requireNonNull(link, "link");
    this.receipts = Objects.requireNonNull(receipts, "receipts");
    this.bringUps = Objects.requireNonNull(bringUps, "bringUps");
  }

  /** Whether the ledger has the instantiation confirmation of slice {@code id}. */
  boolean isConfirmed(final String id) {
    return confirmed.contains(id);
  }

  /** Whether slice {@code id} is being brought up now. */
  boolean isBringingUp(final String id) {
    return bringing.contains(id);
  }

  /**
   * Acts on an award: checks it, holds the amounts won here, reserves the slice's ports and network
   * and journals the award; then creates and starts the container, waits for its services and
   * confirms it on the pool. A failure is reported to the ledger.
   */
  void onAward(final SliceAwarded award) {
    List<Winner> won = award.wonBy(config.rpId());
    if (won.isEmpty()) {
      LOG.log(Level.DEBUG, config.rpId() + ": " + award.sliceId() + " was awarded to others");
      return;
    }
    long began = System.nanoTime();
    String id = award.sliceId();
    Map<String, Long> amounts = new LinkedHashMap<>();
    won.forEach(a -> amounts.merge(a.category(), a.amount(), Math::addExact));
    LOG.log(Level.INFO, config.rpId() + ": won " + amounts + " of " + id);
    if (!bringing.add(id)) {
      LOG.log(Level.INFO, config.rpId() + ": " + id + " is being brought up already");
      return;
    }
    Instant now = clock.instant();
    if (award.instantiationDeadline() != null && now.isAfter(award.instantiationDeadline())) {
      LOG.log(
          Level.WARNING,
          config.rpId()
              + ": the award of "
              + id
              + " came after its instantiation deadline "
              + award.instantiationDeadline()
              + "; not starting it");
      capacity.release(id);
      bringing.remove(id);
      return;
    }
    List<String> unserved = amounts.keySet().stream().filter(c -> config.terms(c) == null).toList();
    if (!unserved.isEmpty()) {
      capacity.release(id);
      bringing.remove(id);
      reportFailure(id, won, "this RP does not serve " + unserved);
      return;
    }
    SliceRuntime.Reservation reservation = reserve(id, award.tenantId(), amounts, won, now);
    if (reservation == null) {
      bringing.remove(id);
      return;
    }
    try {
      journal.write(new AwardJournal.Entry(id, award.tenantId(), amounts));
    } catch (RuntimeException e) {
      synchronized (lock) {
        runtime.cancel(reservation);
        capacity.release(id);
      }
      bringing.remove(id);
      reportFailure(id, won, "the agent cannot record the award: " + e.getMessage());
      return;
    }
    try {
      bringUps.execute(
          () -> {
            try {
              startAndConfirm(reservation, won, true, began);
            } catch (InterruptedException e) {
              // The agent is stopping; the next start's reconciliation brings the slice up.
              Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, config.rpId() + ": bringing up " + id + " failed", e);
            } finally {
              bringing.remove(id);
            }
          });
    } catch (RejectedExecutionException e) {
      // The agent is stopping; the journal keeps the award for the next start's reconciliation.
      runtime.cancel(reservation);
      bringing.remove(id);
    }
  }

  /**
   * Starts (or finds) the container of slice {@code id} of {@code tenantId}, whose amounts are held
   * already, waits until its services answer and, when {@code confirm}, sends the instantiation
   * confirmation; on the calling thread, unless the slice is being brought up already (then that
   * bring-up confirms it). On failure the container is removed, the amounts freed and a failure
   * report sent.
   */
  void bringUp(
      final String id,
      final String tenantId,
      final Map<String, Long> amounts,
      final List<Winner> won,
      final boolean confirm,
      final long began)
      throws InterruptedException {
    if (!bringing.add(id)) {
      LOG.log(Level.INFO, config.rpId() + ": " + id + " is being brought up already");
      return;
    }
    try {
      SliceRuntime.Reservation reservation = reserve(id, tenantId, amounts, won, null);
      if (reservation != null) {
        startAndConfirm(reservation, won, confirm, began);
      }
    } finally {
      bringing.remove(id);
    }
  }

  /**
   * Under the lock: holds {@code amounts} for slice {@code id} (unless {@code now} is null: they
   * are held already) and reserves its ports and network; {@code null} when either cannot be had
   * (then nothing is held, the award is given up and a failure report sent).
   */
  private SliceRuntime.Reservation reserve(
      final String id,
      final String tenantId,
      final Map<String, Long> amounts,
      final List<Winner> won,
      final Instant now) {
    synchronized (lock) {
      if (now != null && !capacity.hold(id, amounts, now)) {
        journal.remove(id);
        reportFailure(
            id,
            won,
            "not enough capacity for "
                + amounts
                + " (in use "
                + capacity.used(now)
                + " of "
                + config.capacities()
                + ")");
        return null;
      }
      try {
        return runtime.reserve(SliceSpec.of(id, tenantId, amounts, config));
      } catch (RuntimeException e) {
        capacity.release(id);
        journal.remove(id);
        reportFailure(id, won, "the container did not start: " + e.getMessage());
        return null;
      }
    }
  }

  /**
   * Creates and starts the reserved slice's container, without the lock, then waits for its
   * services and confirms it; when it does not start, its amounts are freed, its award given up and
   * a failure report sent.
   */
  private void startAndConfirm(
      final SliceRuntime.Reservation reservation,
      final List<Winner> won,
      final boolean confirm,
      final long began)
      throws InterruptedException {
    String id = reservation.spec().sliceId();
    RunningSlice running;
    try {
      running = runtime.start(reservation);
    } catch (RuntimeException e) {
      synchronized (lock) {
        capacity.release(id);
      }
      journal.remove(id);
      reportFailure(id, won, "the container did not start: " + e.getMessage());
      return;
    }
    // The container's labels carry the award from here on.
    journal.remove(id);
    if (endedMeanwhile.remove(id)) {
      tearDown(id);
      LOG.log(Level.INFO, config.rpId() + ": " + id + " ended while it started; removed it");
      return;
    }
    awaitAndConfirm(id, running, won, confirm, began);
  }

  /**
   * Waits, without the lock, until the services of {@code running} answer and, when {@code
   * confirm}, sends the instantiation confirmation; when they do not answer, the container is
   * removed, the amounts freed and a failure report sent.
   */
  private void awaitAndConfirm(
      final String id,
      final RunningSlice running,
      final List<Winner> won,
      final boolean confirm,
      final long began)
      throws InterruptedException {
    long started = System.nanoTime();
    List<Integer> silent =
        probe.await(config.bindAddress(), running.publishedPorts(), config.readyTimeout());
    if (!silent.isEmpty()) {
      tearDown(id);
      reportFailure(
          id,
          won,
          "the services on ports "
              + silent
              + " did not answer within "
              + config.readyTimeout().toSeconds()
              + " s");
      return;
    }
    long ready = System.nanoTime();
    String timing =
        String.format(
            "container %s started in %d ms, its %d port(s) %s answered in %d ms",
            running.name(),
            (started - began) / 1_000_000,
            running.publishedPorts().size(),
            running.publishedPorts(),
            (ready - started) / 1_000_000);
    if (!confirm) {
      LOG.log(Level.INFO, config.rpId() + ": " + id + ": " + timing);
      return;
    }
    InstantiationConfirmationBody body =
        new InstantiationConfirmationBody(id, running.parts(config.advertisedHost()));
    String what = "instantiation confirmation of " + id;
    String nonce = link.send(Uplink.INSTANTIATION, body).nonce();
    LOG.log(Level.INFO, config.rpId() + ": " + id + ": " + timing + "; " + what + " sent");
    receipts.watch(
        nonce,
        what,
        began,
        1,
        receipt -> {
          if (receipt.isCommitted() || "CONFLICT".equals(receipt.code())) {
            confirmed.add(id);
            return;
          }
          if ("UNAVAILABLE".equals(receipt.code())) {
            // The network did not take it; the next reconciliation confirms again.
            return;
          }
          // The ledger will not use this part: the slice has ended, or the confirmation is bad.
          tearDown(id);
          if (!SLICE_NOT_OURS.contains(String.valueOf(receipt.code()))) {
            reportFailure(id, won, "the confirmation was refused: " + receipt.reason());
          }
        });
  }

  void onEnded(final String event, final String id) {
    long began = System.nanoTime();
    if (bringing.contains(id)) {
      endedMeanwhile.add(id);
    }
    boolean removed = tearDown(id);
    LOG.log(
        Level.INFO,
        String.format(
            "%s: %s %s: %s in %d ms",
            config.rpId(),
            id,
            event,
            removed ? "container stopped and removed" : "no container to remove",
            millisSince(began)));
  }

  /**
   * Removes the container of slice {@code id} (and its tenant's network when no other container
   * uses it), frees its amounts and forgets its award; false when there was no container. The
   * amounts are freed first, under the lock, so no offer sees them before the removal is over, and
   * nobody who saw the container gone still finds them held.
   */
  boolean tearDown(final String id) {
    synchronized (lock) {
      confirmed.remove(id);
      capacity.release(id);
      journal.remove(id);
      return runtime.remove(id);
    }
  }

  private void reportFailure(final String id, final List<Winner> won, final String reason) {
    String category = won.size() == 1 ? won.get(0).category() : null;
    FailureReportBody report = FailureReportBody.fitting(id, category, reason);
    String what = "failure report of " + id;
    String nonce = link.send(Uplink.FAILURE, report).nonce();
    LOG.log(
        Level.WARNING, config.rpId() + ": " + id + ": " + report.reason() + "; " + what + " sent");
    receipts.watch(nonce, what, System.nanoTime(), 1, receipt -> {});
  }
}
