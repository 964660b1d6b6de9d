package io.sfsbroker.rp;

import static io.sfsbroker.rp.ReceiptWatcher.millisSince;

import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.SliceState;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reconciliation with the ledger, at start-up and every {@code reconcileSeconds}: the agent asks
 * the ledger the state of every slice it has a container for and removes those that are not {@code
 * AWARDED}, {@code ACTIVE} or {@code IN_SERVICE}, so no orphan survives a crash; stopped containers
 * of live slices are started again, and an {@code AWARDED} slice whose confirmation the agent has
 * not seen committed is confirmed again (through the {@link SliceSide}). An award in the {@link
 * AwardJournal} without a container (the agent stopped between taking it on and starting it) is
 * brought up when the ledger has the slice live, and forgotten otherwise. Tenant networks left
 * without containers are removed at the end of every reconciliation. A reconciliation that cannot
 * reach the bridge is tried again after at most 15 s.
 */
final class Reconciler implements AutoCloseable {

  /** The ledger states in which a slice's container must run. */
  static final Set<String> LIVE_STATES =
      Set.of(SliceState.AWARDED.name(), SliceState.ACTIVE.name(), SliceState.IN_SERVICE.name());

  private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());
  private static final int QUERY_BATCH = 100;
  private static final Duration RECONCILE_RETRY = Duration.ofSeconds(15);

  private final RpConfig config;
  private final SliceRuntime runtime;
  private final Capacity capacity;
  private final SliceSide slicesSide;
  private final AwardJournal journal;
  private final Object lock;
  private final DeviceLink link;
  private final ScheduledExecutorService executor;
  private final CompletableFuture<RpAgent.Reconciliation> firstReconciliation;
  private volatile boolean closed;

  /** A reconciler that completes {@code firstReconciliation} with its first run. */
  Reconciler(
      final RpConfig config,
      final SliceRuntime runtime,
      final Capacity capacity,
      final SliceSide slicesSide,
      final AwardJournal journal,
      final Object lock,
      final DeviceLink link,
      final ScheduledExecutorService executor,
      final CompletableFuture<RpAgent.Reconciliation> firstReconciliation) {
    this.config = Objects.requireNonNull(config, "config");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.capacity = Objects.requireNonNull(capacity, "capacity");
    this.slicesSide = Objects.requireNonNull(slicesSide, "slicesSide");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.link = Objects.requireNonNull(link, "link");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.firstReconciliation = Objects.requireNonNull(firstReconciliation, "firstReconciliation");
  }

  /** Starts reconciling: now, then every {@code reconcileSeconds}. */
  void start() {
    executor.execute(() -> loop(true));
  }

  /** Stops reconciling. */
  @Override
  public void close() {
    closed = true;
    executor.shutdownNow();
  }

  /**
   * Compares the containers with the ledger and removes those of slices that are not live.
   *
   * @throws TimeoutException when the bridge does not answer
   */
  RpAgent.Reconciliation reconcile() throws TimeoutException, InterruptedException {
    long began = System.nanoTime();
    // The journal first: an award journalled after this has its bring-up running.
    List<AwardJournal.Entry> journalled = journal.entries();
    List<RunningSlice> own = runtime.list();
    Set<String> withContainer = new TreeSet<>();
    own.forEach(s -> withContainer.add(s.sliceId()));
    List<AwardJournal.Entry> unstarted =
        journalled.stream()
            .filter(e -> !withContainer.contains(e.sliceId()))
            .filter(e -> !slicesSide.isBringingUp(e.sliceId()))
            .toList();
    Set<String> all = new TreeSet<>(withContainer);
    unstarted.forEach(e -> all.add(e.sliceId()));
    List<String> ids = List.copyOf(all);
    Map<String, String> states = new TreeMap<>();
    for (int from = 0; from < ids.size(); from += QUERY_BATCH) {
      List<String> batch = ids.subList(from, Math.min(ids.size(), from + QUERY_BATCH));
      states.putAll(link.sliceStates(batch, config.receiptTimeout()));
    }
    List<String> kept = new ArrayList<>();
    SortedMap<String, String> removed = new TreeMap<>();
    List<String> restarted = new ArrayList<>();
    for (RunningSlice slice : own) {
      String id = slice.sliceId();
      String state = states.getOrDefault(id, "NOT_FOUND");
      if (!LIVE_STATES.contains(state)) {
        slicesSide.tearDown(id);
        removed.put(id, state);
        LOG.log(
            Level.INFO, config.rpId() + ": removed the container of " + id + ", which is " + state);
        continue;
      }
      kept.add(id);
      synchronized (lock) {
        capacity.adopt(id, slice.amounts());
      }
      boolean unconfirmed = SliceState.AWARDED.name().equals(state) && !slicesSide.isConfirmed(id);
      if (!slice.running() || unconfirmed) {
        if (!slice.running()) {
          restarted.add(id);
          LOG.log(
              Level.INFO,
              config.rpId() + ": starting the stopped container of " + id + " (" + state + ")");
        }
        List<Winner> won = new ArrayList<>();
        slice.amounts().forEach((c, a) -> won.add(new Winner(c, config.rpId(), 0, a, 0)));
        slicesSide.bringUp(
            id,
            slice.tenantId(),
            slice.amounts(),
            won,
            SliceState.AWARDED.name().equals(state),
            System.nanoTime());
      }
    }
    for (AwardJournal.Entry entry : unstarted) {
      bringUpJournalled(entry, states.getOrDefault(entry.sliceId(), "NOT_FOUND"), kept, removed);
    }
    List<String> removedNetworks;
    synchronized (lock) {
      removedNetworks = runtime.removeIdleNetworks();
    }
    RpAgent.Reconciliation result =
        new RpAgent.Reconciliation(kept, removed, restarted, removedNetworks);
    LOG.log(
        Level.INFO,
        String.format(
            "%s: reconciled %d container(s) with the ledger in %d ms: kept %s, removed %s,"
                + " restarted %s; unused networks removed %s",
            config.rpId(),
            own.size(),
            millisSince(began),
            kept,
            removed,
            restarted,
            removedNetworks));
    return result;
  }

  /**
   * Brings up the slice of a journalled award that has no container (the agent stopped before it
   * started it) when the ledger's {@code state} of it is live, else forgets the award.
   */
  private void bringUpJournalled(
      final AwardJournal.Entry entry,
      final String state,
      final List<String> kept,
      final SortedMap<String, String> removed)
      throws InterruptedException {
    String id = entry.sliceId();
    if (!LIVE_STATES.contains(state)) {
      slicesSide.tearDown(id);
      removed.put(id, state);
      LOG.log(Level.INFO, config.rpId() + ": dropped the unstarted award of " + id + ", " + state);
      return;
    }
    kept.add(id);
    synchronized (lock) {
      capacity.adopt(id, entry.amounts());
    }
    LOG.log(
        Level.INFO,
        config.rpId() + ": starting the journalled award of " + id + " (" + state + ")");
    List<Winner> won = new ArrayList<>();
    entry.amounts().forEach((c, a) -> won.add(new Winner(c, config.rpId(), 0, a, 0)));
    slicesSide.bringUp(
        id,
        entry.tenantId(),
        entry.amounts(),
        won,
        SliceState.AWARDED.name().equals(state),
        System.nanoTime());
  }

  private void loop(final boolean startUp) {
    if (closed) {
      return;
    }
    try {
      if (!link.awaitFirstConnection(config.receiptTimeout())) {
        throw new TimeoutException("the broker cannot be reached");
      }
      RpAgent.Reconciliation result = reconcile();
      if (startUp) {
        firstReconciliation.complete(result);
      }
      schedule(() -> loop(false), config.reconcileInterval());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (closed) {
        return;
      }
      Duration retry =
          config.reconcileInterval().compareTo(RECONCILE_RETRY) < 0
              ? config.reconcileInterval()
              : RECONCILE_RETRY;
      LOG.log(
          Level.WARNING,
          config.rpId()
              + ": cannot reconcile with the ledger now ("
              + e.getMessage()
              + "); trying again in "
              + retry.toSeconds()
              + " s");
      schedule(() -> loop(startUp), retry);
    }
  }

  private void schedule(final Runnable task, final Duration delay) {
    if (!closed) {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
