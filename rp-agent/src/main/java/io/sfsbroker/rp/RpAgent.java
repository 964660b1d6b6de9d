package io.sfsbroker.rp;

import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import io.sfsbroker.protocol.multiflow.FlowBidBody;
import io.sfsbroker.protocol.multiflow.FlowOutcome;
import io.sfsbroker.protocol.offer.OfferBody;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.selection.Winner;
import io.sfsbroker.protocol.slice.FailureReportBody;
import io.sfsbroker.protocol.slice.InstantiationConfirmationBody;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceState;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A resource provider's agent (docs/rp-agent.md): it hears every blueprint and offers what it can
 * serve, runs the slices it is awarded as locked-down Docker containers and confirms them with
 * their endpoints, and removes a slice's container when the slice ends.
 *
 * <ul>
 *   <li><b>Blueprint</b> ({@code BlueprintPublished}): the {@link OfferPlanner} decides per
 *       category from what is free ({@link Capacity}); the offered amounts stay reserved until the
 *       award, a rejection, or {@code offerHoldSeconds} after the deadline; the offer is signed and
 *       sent.
 *   <li><b>Award</b> ({@code SliceAwarded}, the categories this RP won): the amounts are held, the
 *       container started with {@link SliceLimits}, every published port must answer HTTP, and the
 *       instantiation confirmation lists the endpoints. A slice that cannot start is removed and a
 *       failure report sent.
 *   <li><b>End</b> ({@code SliceDecommissioned}, {@code SliceFailed}, {@code SliceTimedOut}): the
 *       container is stopped and removed, its amounts freed.
 *   <li><b>Application</b> ({@code ApplicationOpened}), only with {@code flows} configured: the
 *       {@link FlowBidder} scores the RP's flow terms against every flow with the ledger's scoring;
 *       for each flow they satisfy (q ≥ qmin, p ≤ pmax) one signed flow bid per interval is sent.
 *       {@code ApplicationAwarded} is logged: a flow is a network service, not a container.
 *   <li><b>Reconciliation</b>, at start-up and every {@code reconcileSeconds}: the agent asks the
 *       ledger the state of every slice it has a container for and removes those that are not
 *       {@code AWARDED}, {@code ACTIVE} or {@code IN_SERVICE}, so no orphan survives a crash;
 *       stopped containers of live slices are started again, and an {@code AWARDED} slice whose
 *       confirmation the agent has not seen committed (after a crash, or when the network did not
 *       take it) is confirmed again (one the ledger already has is refused as {@code CONFLICT},
 *       which is fine). Tenant networks left without containers are removed at start-up and at the
 *       end of every reconciliation.
 * </ul>
 *
 * <p>Notices are handled one at a time, in order, on the link's thread (a notice is acknowledged to
 * the broker only once handled, so a crash in between brings it again); receipts are awaited on
 * other threads. {@link #close} leaves the slices running: they belong to their tenants until the
 * ledger ends them.
 */
public final class RpAgent implements AutoCloseable {

  /** The ledger states in which a slice's container must run. */
  static final Set<String> LIVE_STATES =
      Set.of(SliceState.AWARDED.name(), SliceState.ACTIVE.name(), SliceState.IN_SERVICE.name());

  /**
   * What one reconciliation did.
   *
   * @param kept slices whose container stays
   * @param removed slices whose container was removed, with the ledger's state of them
   * @param restarted live slices whose stopped container was started again
   * @param removedNetworks tenant networks removed because no container was left on them
   */
  public record Reconciliation(
      List<String> kept,
      SortedMap<String, String> removed,
      List<String> restarted,
      List<String> removedNetworks) {

    /** Copies the collections. */
    public Reconciliation {
      kept = List.copyOf(kept);
      removed = new TreeMap<>(removed);
      restarted = List.copyOf(restarted);
      removedNetworks = List.copyOf(removedNetworks);
    }
  }

  /** Refusals of a confirmation that mean the slice is over or not this RP's: nothing to report. */
  private static final Set<String> SLICE_NOT_OURS =
      Set.of("INVALID_STATE", "NOT_FOUND", "FORBIDDEN");

  private static final System.Logger LOG = System.getLogger(RpAgent.class.getName());
  private static final int QUERY_BATCH = 100;
  private static final int SEND_ATTEMPTS = 3;
  private static final Duration RESEND_PAUSE = Duration.ofSeconds(5);
  private static final Duration RECONCILE_RETRY = Duration.ofSeconds(15);

  private final RpConfig config;
  private final Clock clock;
  private final Function<RpConfig, SliceRuntime> runtimes;
  private final DeviceLink.Opener links;
  private final Capacity capacity;
  private final OfferPlanner planner;
  private final FlowBidder bidder;
  private volatile Map<String, Long> perSliceCeiling = Map.of();
  private final PortProbe probe = new PortProbe();

  /** Serialises every change of containers and holds. */
  private final Object slices = new Object();

  /** Slices whose instantiation confirmation the ledger has. */
  private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

  private final CompletableFuture<Reconciliation> firstReconciliation = new CompletableFuture<>();
  private SliceRuntime runtime;
  private DeviceLink link;
  private ExecutorService receipts;
  private ScheduledExecutorService reconciler;
  private volatile boolean closed;

  /**
   * An agent for {@code config} on its Docker engine and MQTT broker; {@link #start} starts it.
   *
   * @param clock stamps envelopes and decides deadlines
   */
  public RpAgent(final RpConfig config, final Clock clock) {
    this(config, clock, SliceContainers::open, DeviceLink.MQTT);
  }

  /** An agent on the given runtime and link factories (tests use fakes). */
  RpAgent(
      final RpConfig config,
      final Clock clock,
      final Function<RpConfig, SliceRuntime> runtimes,
      final DeviceLink.Opener links) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.runtimes = Objects.requireNonNull(runtimes, "runtimes");
    this.links = Objects.requireNonNull(links, "links");
    this.capacity = new Capacity(config.capacities());
    this.planner = new OfferPlanner(config.categories(), config.offerFactor());
    this.bidder = config.flows() == null ? null : new FlowBidder(config.rpId(), config.flows());
  }

  /**
   * Checks the Docker engine, takes over the slice containers it already runs, opens the link to
   * the bridge (it connects in the background) and starts reconciling with the ledger.
   *
   * @throws IllegalStateException when the engine cannot be reached, or the agent was started
   * @throws IllegalArgumentException when the device's key or certificates cannot be read
   */
  public synchronized void start() {
    if (runtime != null || closed) {
      throw new IllegalStateException("the agent " + config.rpId() + " was started already");
    }
    long began = System.nanoTime();
    runtime = runtimes.apply(config);
    List<RunningSlice> own;
    try {
      EngineInfo engine = runtime.engine();
      LOG.log(
          Level.INFO,
          String.format(
              "%s: Docker %s, %d CPUs, %d MiB; image %s; ports %d-%d on %s",
              config.rpId(),
              engine.version(),
              engine.cpus(),
              engine.memoryBytes() >> 20,
              config.image(),
              config.portRange().first(),
              config.portRange().last(),
              config.bindAddress()));
      warnAboutCapacity(engine);
      warnAboutForwarding(engine);
      perSliceCeiling = ceilings(engine);
      if (!runtime.hasImage()) {
        throw new IllegalStateException(
            "the slice image "
                + config.image()
                + " is not on the Docker engine; build it with ./sfsbroker docker image (no image"
                + " is pulled)");
      }
      own = runtime.list();
      List<String> idle = runtime.removeIdleNetworks();
      if (!idle.isEmpty()) {
        LOG.log(Level.INFO, config.rpId() + ": removed the unused tenant networks " + idle);
      }
    } catch (RuntimeException e) {
      runtime.close();
      runtime = null;
      throw e;
    }
    for (RunningSlice slice : own) {
      capacity.adopt(slice.sliceId(), slice.amounts());
    }
    receipts = Executors.newCachedThreadPool(daemon("rp-receipts-" + config.rpId()));
    reconciler =
        Executors.newSingleThreadScheduledExecutor(daemon("rp-reconcile-" + config.rpId()));
    try {
      link = links.open(config.device(), clock, this::onNotice);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    reconciler.execute(() -> reconcileLoop(true));
    LOG.log(
        Level.INFO,
        String.format(
            "%s: started in %d ms with %d slice container(s) %s; in use %s of %s",
            config.rpId(),
            millisSince(began),
            own.size(),
            own.stream().map(RunningSlice::sliceId).toList(),
            capacity.used(clock.instant()),
            config.capacities()));
  }

  /** Completes with the first reconciliation with the ledger after {@link #start}. */
  public CompletableFuture<Reconciliation> firstReconciliation() {
    return firstReconciliation;
  }

  /** Per category what slices hold and open offers reserve now. */
  public SortedMap<String, Long> inUse() {
    return capacity.used(clock.instant());
  }

  /** Stops listening and reconciling; the slices keep running. */
  @Override
  public synchronized void close() {
    closed = true;
    if (reconciler != null) {
      reconciler.shutdownNow();
    }
    if (link != null) {
      link.close();
    }
    if (receipts != null) {
      receipts.shutdownNow();
    }
    if (runtime != null) {
      runtime.close();
    }
    firstReconciliation.cancel(false);
  }

  /** Acts on one notice; never throws. */
  void onNotice(final Notice notice) {
    try {
      EventName event = EventName.fromWireName(notice.event()).orElse(null);
      if (event == null) {
        LOG.log(Level.DEBUG, config.rpId() + ": ignoring " + notice.event());
        return;
      }
      switch (event) {
        case BLUEPRINT_PUBLISHED -> onBlueprint(notice.payloadAs(Blueprint.class));
        case SLICE_AWARDED -> onAward(notice.payloadAs(SliceAwarded.class));
        case APPLICATION_OPENED -> onApplication(notice.payloadAs(Application.class));
        case APPLICATION_AWARDED ->
            onApplicationAward(notice.payloadAs(ApplicationSelection.class));
        case SLICE_DECOMMISSIONED, SLICE_FAILED, SLICE_TIMED_OUT ->
            onEnded(notice.event(), notice.payloadAs(Slice.class).id());
        default -> LOG.log(Level.DEBUG, config.rpId() + ": ignoring " + notice.event());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          config.rpId()
              + ": could not act on "
              + notice.event()
              + " of transaction "
              + notice.transactionId(),
          e);
    }
  }

  /**
   * Compares the containers with the ledger and removes those of slices that are not live.
   *
   * @throws TimeoutException when the bridge does not answer
   */
  Reconciliation reconcile() throws TimeoutException, InterruptedException {
    long began = System.nanoTime();
    List<RunningSlice> own = runtime.list();
    List<String> ids = own.stream().map(RunningSlice::sliceId).distinct().toList();
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
        synchronized (slices) {
          runtime.remove(id);
          capacity.release(id);
        }
        removed.put(id, state);
        LOG.log(
            Level.INFO, config.rpId() + ": removed the container of " + id + ", which is " + state);
        continue;
      }
      kept.add(id);
      synchronized (slices) {
        capacity.adopt(id, slice.amounts());
      }
      boolean unconfirmed = SliceState.AWARDED.name().equals(state) && !confirmed.contains(id);
      if (!slice.running() || unconfirmed) {
        if (!slice.running()) {
          restarted.add(id);
          LOG.log(
              Level.INFO,
              config.rpId() + ": starting the stopped container of " + id + " (" + state + ")");
        }
        List<Winner> won = new ArrayList<>();
        slice.amounts().forEach((c, a) -> won.add(new Winner(c, config.rpId(), 0, a, 0)));
        bringUp(
            id,
            slice.tenantId(),
            slice.amounts(),
            won,
            SliceState.AWARDED.name().equals(state),
            System.nanoTime());
      }
    }
    List<String> removedNetworks;
    synchronized (slices) {
      removedNetworks = runtime.removeIdleNetworks();
    }
    Reconciliation result = new Reconciliation(kept, removed, restarted, removedNetworks);
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

  private void reconcileLoop(final boolean startUp) {
    if (closed) {
      return;
    }
    try {
      if (!link.awaitFirstConnection(config.receiptTimeout())) {
        throw new TimeoutException("the broker cannot be reached");
      }
      Reconciliation result = reconcile();
      if (startUp) {
        firstReconciliation.complete(result);
      }
      schedule(() -> reconcileLoop(false), config.reconcileInterval());
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
      schedule(() -> reconcileLoop(startUp), retry);
    }
  }

  private void onBlueprint(final Blueprint blueprint) {
    long began = System.nanoTime();
    Instant now = clock.instant();
    if (!Windows.inTime(blueprint.offerDeadline(), now)) {
      LOG.log(
          Level.INFO,
          config.rpId()
              + ": no offer for "
              + blueprint.id()
              + ": its window closed at "
              + blueprint.offerDeadline());
      return;
    }
    OfferPlanner.Plan plan;
    synchronized (slices) {
      plan =
          planner.plan(
              blueprint,
              category ->
                  Math.min(
                      capacity.free(category, now),
                      perSliceCeiling.getOrDefault(category, Long.MAX_VALUE)));
      if (plan.offer().isEmpty()) {
        LOG.log(
            Level.INFO, config.rpId() + ": no offer for " + blueprint.id() + ": " + plan.skipped());
        return;
      }
      Instant until = blueprint.offerDeadline().plus(config.offerHold());
      if (!capacity.reserve(blueprint.id(), plan.amounts(), until, now)) {
        LOG.log(
            Level.WARNING, config.rpId() + ": capacity changed while planning " + blueprint.id());
        return;
      }
    }
    OfferBody offer = plan.offer().get();
    String what = "offer for " + blueprint.id();
    String nonce = link.send(Uplink.OFFER, offer).nonce();
    LOG.log(
        Level.INFO,
        String.format(
            "%s: %s sent in %d ms: %s%s",
            config.rpId(),
            what,
            millisSince(began),
            Json.toJson(offer.categories()),
            plan.skipped().isEmpty() ? "" : "; left out " + plan.skipped()));
    watch(
        nonce,
        what,
        began,
        1,
        receipt -> {
          if (!receipt.isCommitted()) {
            capacity.cancelReservation(blueprint.id());
          }
        });
  }

  private void onApplication(final Application application) {
    if (bidder == null) {
      LOG.log(
          Level.DEBUG,
          config.rpId() + ": no flow bids for " + application.id() + ": no flows configured");
      return;
    }
    long began = System.nanoTime();
    if (clock.instant().isAfter(application.bidDeadline())) {
      LOG.log(
          Level.INFO,
          config.rpId()
              + ": no flow bids for "
              + application.id()
              + ": its window closed at "
              + application.bidDeadline());
      return;
    }
    FlowBidder.Plan plan = bidder.plan(application);
    if (plan.bids().isEmpty()) {
      LOG.log(
          Level.INFO,
          config.rpId() + ": no flow bids for " + application.id() + ": " + plan.skipped());
      return;
    }
    for (FlowBidBody bid : plan.bids()) {
      String what = "flow bid for " + application.id() + " " + bid.flowId() + "/" + bid.interval();
      String nonce = link.send(Uplink.FLOW_BID, bid).nonce();
      watch(nonce, what, began, 1, receipt -> {});
    }
    LOG.log(
        Level.INFO,
        String.format(
            "%s: %d flow bid(s) for %s sent in %d ms at price %d%s",
            config.rpId(),
            plan.bids().size(),
            application.id(),
            millisSince(began),
            config.flows().price(),
            plan.skipped().isEmpty() ? "" : "; left out " + plan.skipped()));
  }

  private void onApplicationAward(final ApplicationSelection award) {
    List<FlowOutcome> won = award.wonBy(config.rpId());
    if (won.isEmpty()) {
      LOG.log(
          Level.DEBUG,
          config.rpId() + ": no flow of " + award.applicationId() + " was won by this RP");
      return;
    }
    long earned = 0;
    List<String> flows = new ArrayList<>();
    for (FlowOutcome outcome : won) {
      earned = Math.addExact(earned, outcome.winner().bid().price());
      flows.add(outcome.flowId() + "/" + outcome.interval());
    }
    LOG.log(
        Level.INFO,
        String.format(
            "%s: won %d flow interval(s) of %s for %d: %s",
            config.rpId(), won.size(), award.applicationId(), earned, flows));
  }

  private void onAward(final SliceAwarded award) throws InterruptedException {
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
      return;
    }
    List<String> unserved = amounts.keySet().stream().filter(c -> config.terms(c) == null).toList();
    if (!unserved.isEmpty()) {
      capacity.release(id);
      reportFailure(id, won, "this RP does not serve " + unserved);
      return;
    }
    synchronized (slices) {
      if (!capacity.hold(id, amounts, now)) {
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
        return;
      }
    }
    bringUp(id, award.tenantId(), amounts, won, true, began);
  }

  /**
   * Starts (or finds) the container of slice {@code id} of {@code tenantId}, waits until its
   * services answer and, when {@code confirm}, sends the instantiation confirmation. On failure the
   * container is removed, the amounts freed and a failure report sent.
   */
  private void bringUp(
      final String id,
      final String tenantId,
      final Map<String, Long> amounts,
      final List<Winner> won,
      final boolean confirm,
      final long began)
      throws InterruptedException {
    RunningSlice running;
    synchronized (slices) {
      try {
        running = runtime.start(SliceSpec.of(id, tenantId, amounts, config));
      } catch (RuntimeException e) {
        capacity.release(id);
        reportFailure(id, won, "the container did not start: " + e.getMessage());
        return;
      }
    }
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
    watch(
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

  private void onEnded(final String event, final String id) {
    long began = System.nanoTime();
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

  private boolean tearDown(final String id) {
    synchronized (slices) {
      confirmed.remove(id);
      try {
        return runtime.remove(id);
      } finally {
        capacity.release(id);
      }
    }
  }

  private void reportFailure(final String id, final List<Winner> won, final String reason) {
    String category = won.size() == 1 ? won.get(0).category() : null;
    FailureReportBody report = FailureReportBody.fitting(id, category, reason);
    String what = "failure report of " + id;
    String nonce = link.send(Uplink.FAILURE, report).nonce();
    LOG.log(
        Level.WARNING, config.rpId() + ": " + id + ": " + report.reason() + "; " + what + " sent");
    watch(nonce, what, System.nanoTime(), 1, receipt -> {});
  }

  /**
   * Awaits the receipt of a message on another thread and logs it. {@code UNAVAILABLE} is no
   * verdict: the link sends that same message again (never a new envelope, which could be applied
   * twice), and the agent waits for its verdict a few times more. {@code onFinal} gets the last
   * receipt.
   */
  private void watch(
      final String nonce,
      final String what,
      final long began,
      final int attempt,
      final Consumer<Receipt> onFinal) {
    receipts.execute(
        () -> {
          try {
            Receipt receipt = link.awaitReceipt(nonce, config.receiptTimeout());
            if (receipt.isCommitted()) {
              LOG.log(
                  Level.INFO,
                  String.format(
                      "%s: %s committed in block %s after %d ms (transaction %s)",
                      config.rpId(),
                      what,
                      receipt.blockNumber(),
                      millisSince(began),
                      receipt.transactionId()));
            } else if (receipt.isUnavailable() && attempt < SEND_ATTEMPTS) {
              // No verdict. The link sends the same message again (same nonce, so the ledger
              // applies it once); a new envelope could be applied a second time if the first
              // commits late.
              LOG.log(
                  Level.WARNING,
                  config.rpId() + ": " + what + ": the network did not take it yet; waiting again");
              Thread.sleep(RESEND_PAUSE.toMillis());
              watch(nonce, what, began, attempt + 1, onFinal);
              return;
            } else {
              LOG.log(
                  Level.WARNING,
                  String.format(
                      "%s: %s refused after %d ms: %s",
                      config.rpId(), what, millisSince(began), receipt.reason()));
            }
            onFinal.accept(receipt);
          } catch (TimeoutException e) {
            LOG.log(Level.WARNING, config.rpId() + ": " + what + ": " + e.getMessage());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            LOG.log(Level.WARNING, config.rpId() + ": " + what, e);
          }
        });
  }

  private void schedule(final Runnable task, final Duration delay) {
    if (!closed) {
      reconciler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The most one slice's container may get of a category on this engine: Docker refuses a container
   * with more CPUs than the engine has, and more memory than it has cannot be used. Offers never
   * exceed these, whatever the configured capacity (which may be sold to several slices at once).
   */
  private static Map<String, Long> ceilings(final EngineInfo engine) {
    Map<String, Long> ceilings = new TreeMap<>();
    if (engine.cpus() > 0) {
      ceilings.put(SliceLimits.CPU, engine.cpus() * 1000L);
    }
    if (engine.memoryBytes() > 0) {
      ceilings.put(SliceLimits.MEMORY, engine.memoryBytes() >> 20);
    }
    return ceilings;
  }

  private void warnAboutCapacity(final EngineInfo engine) {
    CategoryTerms cpu = config.terms(SliceLimits.CPU);
    if (cpu != null && engine.cpus() > 0 && cpu.capacity() > engine.cpus() * 1000L) {
      LOG.log(
          Level.WARNING,
          config.rpId()
              + ": capacity "
              + cpu.capacity()
              + " cpu-millicores is more than the engine's "
              + engine.cpus()
              + " CPUs; Docker refuses a slice with more CPU than that");
    }
    CategoryTerms memory = config.terms(SliceLimits.MEMORY);
    if (memory != null
        && engine.memoryBytes() > 0
        && memory.capacity() > engine.memoryBytes() >> 20) {
      LOG.log(
          Level.WARNING,
          config.rpId()
              + ": capacity "
              + memory.capacity()
              + " memory-mib is more than the engine's "
              + (engine.memoryBytes() >> 20)
              + " MiB");
    }
  }

  private void warnAboutForwarding(final EngineInfo engine) {
    if (engine.ipv4Forwarding()) {
      LOG.log(
          Level.WARNING,
          config.rpId()
              + ": the engine's host forwards IPv4, so tenant networks are kept apart only by"
              + " dockerd's own iptables rules: run dockerd with iptables on, or with"
              + " --ip-forward=false on a host with net.ipv4.ip_forward=0 (docs/rp-agent.md)");
    }
  }

  private static long millisSince(final long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static ThreadFactory daemon(final String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
