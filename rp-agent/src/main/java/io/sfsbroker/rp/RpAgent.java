package io.sfsbroker.rp;

import static io.sfsbroker.rp.ReceiptWatcher.millisSince;

import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.multiflow.Application;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.slice.Slice;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
 * the broker only once handled, so a crash in between brings it again); for an award, handled means
 * its amounts held, its ports and network reserved and the award written to the {@link
 * AwardJournal}: the container's create and start, the wait for its services and its confirmation
 * run on a pool of {@code bringUps} threads, so slices awarded together do not wait for each
 * other's containers or services. Receipts are awaited on other threads. {@link #close} leaves the
 * slices running: they belong to their tenants until the ledger ends them.
 */
public final class RpAgent implements AutoCloseable {

  /** The ledger states in which a slice's container must run. */
  static final Set<String> LIVE_STATES = Reconciler.LIVE_STATES;

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

  private static final System.Logger LOG = System.getLogger(RpAgent.class.getName());

  private final RpConfig config;
  private final Clock clock;
  private final Function<RpConfig, SliceRuntime> runtimes;
  private final DeviceLink.Opener links;
  private final Capacity capacity;
  private final FlowBidder bidder;
  private volatile Map<String, Long> perSliceCeiling = Map.of();

  /** Serialises every change of containers and holds, by either side. */
  private final Object slices = new Object();

  private final CompletableFuture<Reconciliation> firstReconciliation = new CompletableFuture<>();
  private SliceRuntime runtime;
  private DeviceLink link;
  private ExecutorService receipts;
  private ExecutorService bringUps;
  private OfferSide offers;
  private SliceSide sliceSide;
  private Reconciler reconciler;
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
    AwardJournal journal = new AwardJournal(config.device().stateDir().resolve("awards"));
    List<AwardJournal.Entry> journalled = journal.entries();
    for (AwardJournal.Entry entry : journalled) {
      if (capacity.held(entry.sliceId()).isEmpty()) {
        capacity.adopt(entry.sliceId(), entry.amounts());
      }
    }
    receipts = Executors.newCachedThreadPool(daemon("rp-receipts-" + config.rpId()));
    try {
      link = links.open(config.device(), clock, this::onNotice);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    ReceiptWatcher watcher = new ReceiptWatcher(config, link, receipts);
    offers =
        new OfferSide(
            config, clock, capacity, bidder, () -> perSliceCeiling, slices, link, watcher);
    bringUps =
        Executors.newFixedThreadPool(config.bringUps(), daemon("rp-bring-up-" + config.rpId()));
    sliceSide =
        new SliceSide(config, clock, capacity, runtime, journal, slices, link, watcher, bringUps);
    reconciler =
        new Reconciler(
            config,
            runtime,
            capacity,
            sliceSide,
            journal,
            slices,
            link,
            Executors.newSingleThreadScheduledExecutor(daemon("rp-reconcile-" + config.rpId())),
            firstReconciliation);
    reconciler.start();
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
      reconciler.close();
    }
    if (link != null) {
      link.close();
    }
    if (bringUps != null) {
      bringUps.shutdownNow();
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
        case BLUEPRINT_PUBLISHED -> offers.onBlueprint(notice.payloadAs(Blueprint.class));
        case SLICE_AWARDED -> sliceSide.onAward(notice.payloadAs(SliceAwarded.class));
        case APPLICATION_OPENED -> offers.onApplication(notice.payloadAs(Application.class));
        case APPLICATION_AWARDED ->
            offers.onApplicationAward(notice.payloadAs(ApplicationSelection.class));
        case SLICE_DECOMMISSIONED, SLICE_FAILED, SLICE_TIMED_OUT ->
            sliceSide.onEnded(notice.event(), notice.payloadAs(Slice.class).id());
        default -> LOG.log(Level.DEBUG, config.rpId() + ": ignoring " + notice.event());
      }
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
    return reconciler.reconcile();
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

  private static ThreadFactory daemon(final String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
