package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;

import io.sfsbroker.device.testing.FakeDeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.request.Blueprint;
import io.sfsbroker.protocol.selection.SliceAwarded;
import io.sfsbroker.protocol.slice.SliceState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RP agent's parts on their own, on in-process fakes: the offer side ({@link OfferSide}), the
 * slice side ({@link SliceSide}) and the reconciliation ({@link Reconciler}).
 */
class SidesTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private final RpConfig config =
      TestConfigs.config("rp-1", "\"readyTimeoutSeconds\": 5, \"receiptTimeoutSeconds\": 5");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeDeviceLink link = new FakeDeviceLink("rp-1");
  private final ExecutorService receipts = Executors.newCachedThreadPool();
  private final Capacity capacity = new Capacity(config.capacities());
  private final Object lock = new Object();
  private final ReceiptWatcher watcher = new ReceiptWatcher(config, link, receipts);
  private final AwardJournal journal =
      new AwardJournal(config.device().stateDir().resolve("awards"));
  private final SliceSide slices =
      new SliceSide(config, clock, capacity, runtime, journal, lock, link, watcher, Runnable::run);

  private final ExecutorService bringUps = Executors.newFixedThreadPool(4);

  {
    link.answer = m -> link.committed(m, null);
  }

  /** A slice side that waits for services and confirms on a pool of four, as the agent's does. */
  private SliceSide pooled(final RpConfig config) {
    return new SliceSide(config, clock, capacity, runtime, journal, lock, link, watcher, bringUps);
  }

  @AfterEach
  void stop() {
    bringUps.shutdownNow();
    receipts.shutdownNow();
    runtime.shutdown();
  }

  private static Blueprint blueprint(final String id, final long cpu) {
    return Json.fromJson(
        """
        {"id":"%s","tenantId":"fog-1","categories":[
           {"category":"cpu-millicores","amount":%d,"maxUnitPrice":10,"budget":%d}],
         "qoe":{},"strategy":"STACKELBERG","openedAt":"2025-03-01T09:59:50Z",
         "offerDeadline":"2025-03-01T10:00:30Z","validitySeconds":3600}
        """
            .formatted(id, cpu, cpu * 10),
        Blueprint.class);
  }

  private static SliceAwarded award(final String id, final long cpu) {
    return Json.fromJson(
        """
        {"sliceId":"%s","tenantId":"fog-1","strategy":"STACKELBERG",
         "winners":[{"category":"cpu-millicores","rpId":"rp-1","unitPrice":3,"amount":%d,"price":%d}],
         "totalPrice":%d,"federated":false,"tableDigest":"d",
         "instantiationDeadline":"2025-03-01T10:05:00Z"}
        """
            .formatted(id, cpu, 3 * cpu, 3 * cpu),
        SliceAwarded.class);
  }

  private static void eventually(final BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not hold within 10 s");
      }
      Thread.sleep(20);
    }
  }

  @Test
  void offerSide_aBlueprintItCanServe_sendsOneOffer_andReservesItsAmounts() {
    OfferSide offers = new OfferSide(config, clock, capacity, null, Map::of, lock, link, watcher);

    offers.onBlueprint(blueprint("s-1", 500));

    assertThat(link.sent(Uplink.OFFER)).hasSize(1);
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 500L);
    assertThat(runtime.started()).isEmpty();
  }

  @Test
  void offerSide_aRefusedOffer_cancelsItsReservation() throws Exception {
    link.answer = m -> link.rejected(m, "LATE_OFFER", "too late");
    OfferSide offers = new OfferSide(config, clock, capacity, null, Map::of, lock, link, watcher);

    offers.onBlueprint(blueprint("s-1", 500));

    eventually(() -> capacity.used(NOW).getOrDefault("cpu-millicores", 0L) == 0L);
  }

  @Test
  void sliceSide_anAward_startsTheContainer_andConfirmsItsEndpoints() throws Exception {
    slices.onAward(award("s-1", 500));

    assertThat(runtime.started()).hasSize(1);
    assertThat(link.sent(Uplink.INSTANTIATION)).hasSize(1);
    eventually(() -> slices.isConfirmed("s-1"));
  }

  @Test
  void sliceSide_twoAwards_waitForTheirServicesAtTheSameTime() throws Exception {
    SliceSide slices = pooled(config);
    runtime.holdServices = true;

    slices.onAward(award("s-1", 500));
    slices.onAward(award("s-2", 200));

    // Both containers started although the first one's services do not answer yet.
    eventually(() -> runtime.started().size() == 2);
    assertThat(runtime.started()).extracting(SliceSpec::sliceId).containsExactly("s-1", "s-2");
    assertThat(link.sent(Uplink.INSTANTIATION)).isEmpty();
    runtime.serveHeld();
    eventually(() -> slices.isConfirmed("s-1") && slices.isConfirmed("s-2"));
    assertThat(link.sent(Uplink.FAILURE)).isEmpty();
  }

  @Test
  void sliceSide_anAwardHeardAgainWhileItsServicesStart_startsOneContainer_andConfirmsOnce()
      throws Exception {
    SliceSide slices = pooled(config);
    runtime.holdServices = true;

    slices.onAward(award("s-1", 500));
    slices.onAward(award("s-1", 500));
    eventually(() -> runtime.started().size() == 1);
    runtime.serveHeld();

    eventually(() -> slices.isConfirmed("s-1"));
    assertThat(runtime.started()).hasSize(1);
    assertThat(link.sent(Uplink.INSTANTIATION)).hasSize(1);
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 500L);
  }

  @Test
  void sliceSide_aPooledBringUpWhoseServicesNeverAnswer_freesItsAmounts_andReportsTheFailure()
      throws Exception {
    SliceSide slices = pooled(TestConfigs.config("rp-1", "\"readyTimeoutSeconds\": 1"));
    runtime.silent = true;

    slices.onAward(award("s-1", 500));

    eventually(() -> link.sent(Uplink.FAILURE).size() == 1);
    assertThat(link.sent(Uplink.FAILURE).get(0).body().get("reason").getAsString())
        .isEqualTo("the services on ports [1] did not answer within 1 s");
    assertThat(runtime.list()).isEmpty();
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 0L);
    assertThat(link.sent(Uplink.INSTANTIATION)).isEmpty();
  }

  @Test
  void sliceSide_aContainerThatCannotStart_onThePool_freesItsAmounts_andReportsTheFailure()
      throws Exception {
    SliceSide slices = pooled(config);
    runtime.failure = "no such image";

    slices.onAward(award("s-1", 500));

    eventually(() -> link.sent(Uplink.FAILURE).size() == 1);
    assertThat(link.sent(Uplink.FAILURE).get(0).body().get("reason").getAsString())
        .isEqualTo("the container did not start: no such image");
    eventually(() -> capacity.used(NOW).get("cpu-millicores") == 0L);
    assertThat(journal.entries()).isEmpty();
    assertThat(runtime.reserved()).isEmpty();
  }

  @Test
  void sliceSide_anAwardWhosePortsCannotBeReserved_holdsNothing_journalsNothing_andReportsIt() {
    SliceSide slices = pooled(config);
    runtime.reserveFailure = "only 0 of the 1 ports needed are free";

    slices.onAward(award("s-1", 500));

    assertThat(link.sent(Uplink.FAILURE)).hasSize(1);
    assertThat(link.sent(Uplink.FAILURE).get(0).body().get("reason").getAsString())
        .isEqualTo("the container did not start: only 0 of the 1 ports needed are free");
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 0L);
    assertThat(journal.entries()).isEmpty();
    assertThat(runtime.started()).isEmpty();
  }

  @Test
  void sliceSide_anAward_isHeldReservedAndJournalled_beforeItsContainerStarts_withoutTheLock()
      throws Exception {
    SliceSide slices = pooled(config);
    OfferSide offers = new OfferSide(config, clock, capacity, null, Map::of, lock, link, watcher);
    runtime.holdStarts = true;

    slices.onAward(award("s-1", 500));
    assertThat(runtime.awaitHeldStart()).isTrue();
    // While the first container is being started, the next award and a blueprint are handled.
    slices.onAward(award("s-2", 200));
    CompletableFuture<Void> offered =
        CompletableFuture.runAsync(() -> offers.onBlueprint(blueprint("s-3", 100)));

    offered.get(5, TimeUnit.SECONDS);
    assertThat(journal.entries())
        .extracting(AwardJournal.Entry::sliceId)
        .containsExactly("s-1", "s-2");
    assertThat(runtime.reserved()).containsExactlyInAnyOrder("s-1", "s-2");
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 800L);
    assertThat(runtime.started()).isEmpty();
    runtime.releaseStarts();
    eventually(() -> slices.isConfirmed("s-1") && slices.isConfirmed("s-2"));
    assertThat(journal.entries()).isEmpty();
    assertThat(runtime.reserved()).isEmpty();
  }

  @Test
  void sliceSide_anAwardHeardAgainWhileItsContainerStarts_startsOneContainer() throws Exception {
    SliceSide slices = pooled(config);
    runtime.holdStarts = true;

    slices.onAward(award("s-1", 500));
    assertThat(runtime.awaitHeldStart()).isTrue();
    slices.onAward(award("s-1", 500));
    runtime.releaseStarts();

    eventually(() -> slices.isConfirmed("s-1"));
    assertThat(runtime.started()).hasSize(1);
    assertThat(link.sent(Uplink.INSTANTIATION)).hasSize(1);
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 500L);
  }

  @Test
  void sliceSide_aSliceThatEndsWhileItsContainerStarts_isRemovedOnceItExists() throws Exception {
    SliceSide slices = pooled(config);
    runtime.holdStarts = true;
    slices.onAward(award("s-1", 500));
    assertThat(runtime.awaitHeldStart()).isTrue();

    slices.onEnded("SliceDecommissioned", "s-1");
    runtime.releaseStarts();

    eventually(() -> runtime.started().size() == 1 && runtime.list().isEmpty());
    assertThat(link.sent(Uplink.INSTANTIATION)).isEmpty();
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 0L);
    assertThat(journal.entries()).isEmpty();
  }

  @Test
  void reconciler_anAwardJournalledBeforeTheAgentStopped_isBroughtUp_whenTheLedgerHasItAwarded()
      throws Exception {
    ExecutorService stopped = Executors.newSingleThreadExecutor();
    stopped.shutdown();
    new SliceSide(config, clock, capacity, runtime, journal, lock, link, watcher, stopped)
        .onAward(award("s-1", 500));
    assertThat(runtime.started()).isEmpty();
    // The agent starts again: a new accounting, and the journal as the disk has it.
    Capacity restarted = new Capacity(config.capacities());
    AwardJournal reread = new AwardJournal(config.device().stateDir().resolve("awards"));
    SliceSide slices =
        new SliceSide(config, clock, restarted, runtime, reread, lock, link, watcher, bringUps);
    link.states.put("s-1", SliceState.AWARDED.name());
    Reconciler reconciler =
        new Reconciler(
            config,
            runtime,
            restarted,
            slices,
            reread,
            lock,
            link,
            Executors.newSingleThreadScheduledExecutor(),
            new CompletableFuture<>());

    RpAgent.Reconciliation result = reconciler.reconcile();
    reconciler.close();

    assertThat(result.kept()).containsExactly("s-1");
    assertThat(runtime.started()).extracting(SliceSpec::sliceId).containsExactly("s-1");
    eventually(() -> slices.isConfirmed("s-1"));
    assertThat(restarted.used(NOW)).containsEntry("cpu-millicores", 500L);
    assertThat(reread.entries()).isEmpty();
  }

  @Test
  void reconciler_aJournalledAwardOfASliceTheLedgerEnded_isForgotten_andStartsNothing()
      throws Exception {
    journal.write(new AwardJournal.Entry("s-1", "fog-1", Map.of("cpu-millicores", 500L)));
    capacity.adopt("s-1", Map.of("cpu-millicores", 500L));
    link.states.put("s-1", SliceState.FAILED.name());
    Reconciler reconciler =
        new Reconciler(
            config,
            runtime,
            capacity,
            slices,
            journal,
            lock,
            link,
            Executors.newSingleThreadScheduledExecutor(),
            new CompletableFuture<>());

    RpAgent.Reconciliation result = reconciler.reconcile();
    reconciler.close();

    assertThat(result.removed()).containsEntry("s-1", "FAILED");
    assertThat(runtime.started()).isEmpty();
    assertThat(journal.entries()).isEmpty();
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 0L);
  }

  @Test
  void reconciler_whileAnAwardedSliceWaitsForItsServices_leavesItToThatBringUp() throws Exception {
    SliceSide slices = pooled(config);
    runtime.holdServices = true;
    slices.onAward(award("s-1", 500));
    eventually(() -> runtime.started().size() == 1);
    link.states.put("s-1", SliceState.AWARDED.name());
    Reconciler reconciler =
        new Reconciler(
            config,
            runtime,
            capacity,
            slices,
            journal,
            lock,
            link,
            Executors.newSingleThreadScheduledExecutor(),
            new CompletableFuture<>());

    RpAgent.Reconciliation result = reconciler.reconcile();
    reconciler.close();
    runtime.serveHeld();

    assertThat(result.kept()).containsExactly("s-1");
    eventually(() -> slices.isConfirmed("s-1"));
    assertThat(link.sent(Uplink.INSTANTIATION)).hasSize(1);
  }

  @Test
  void sliceSide_theEndOfASlice_removesItsContainer_andFreesItsAmounts() throws Exception {
    slices.onAward(award("s-1", 500));

    slices.onEnded("SliceDecommissioned", "s-1");

    assertThat(runtime.list()).isEmpty();
    assertThat(capacity.used(NOW)).containsEntry("cpu-millicores", 0L);
  }

  @Test
  void reconciler_removesTheContainerOfASliceTheLedgerEnded_andKeepsALiveOne() throws Exception {
    slices.onAward(award("s-1", 500));
    slices.onAward(award("s-2", 200));
    link.states.put("s-1", SliceState.DECOMMISSIONED.name());
    link.states.put("s-2", SliceState.ACTIVE.name());
    Reconciler reconciler =
        new Reconciler(
            config,
            runtime,
            capacity,
            slices,
            journal,
            lock,
            link,
            Executors.newSingleThreadScheduledExecutor(),
            new CompletableFuture<>());

    RpAgent.Reconciliation result = reconciler.reconcile();
    reconciler.close();

    assertThat(result.removed()).containsEntry("s-1", "DECOMMISSIONED");
    assertThat(result.kept()).containsExactly("s-2");
    assertThat(runtime.list()).extracting(RunningSlice::sliceId).containsExactly("s-2");
  }
}
