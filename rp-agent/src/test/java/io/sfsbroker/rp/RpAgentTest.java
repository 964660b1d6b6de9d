package io.sfsbroker.rp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.device.testing.FakeDeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.multiflow.ApplicationSelection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RpAgentTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private final FakeRuntime runtime = new FakeRuntime();
  private final FakeDeviceLink link = new FakeDeviceLink("rp-1");

  {
    // The bridge commits every message unless a test says otherwise.
    link.answer = m -> link.committed(m, null);
  }

  private Consumer<Notice> notices;
  private RpAgent agent;

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
    runtime.shutdown();
  }

  private RpAgent start(final String extra) {
    RpConfig config = TestConfigs.config("rp-1", extra);
    agent =
        new RpAgent(
            config,
            Clock.fixed(NOW, ZoneOffset.UTC),
            c -> runtime,
            (device, clock, consumer) -> {
              notices = consumer;
              return link;
            });
    agent.start();
    if (link.isConnected()) {
      // Nothing below races the first reconciliation.
      agent.firstReconciliation().orTimeout(10, TimeUnit.SECONDS).join();
    }
    return agent;
  }

  private RpAgent start() {
    return start("\"readyTimeoutSeconds\": 5, \"receiptTimeoutSeconds\": 5");
  }

  private void hear(final String event, final String payload) {
    notices.accept(new Notice(1, event, "tx-" + event, 3, Json.parse(payload)));
  }

  private void blueprint(final String id, final String deadline, final long cpu) {
    hear(
        "BlueprintPublished",
        """
        {"id":"%s","tenantId":"fog-1","categories":[
           {"category":"cpu-millicores","amount":%d,"maxUnitPrice":10,"budget":%d},
           {"category":"rendering-k","amount":40,"maxUnitPrice":10,"budget":400}],
         "qoe":{},"strategy":"STACKELBERG","openedAt":"2025-03-01T09:59:50Z",
         "offerDeadline":"%s","validitySeconds":3600}
        """
            .formatted(id, cpu, cpu * 10, deadline));
  }

  private void award(final String id, final String rpId, final long cpu, final String deadline) {
    hear(
        "SliceAwarded",
        """
        {"sliceId":"%s","tenantId":"fog-1","strategy":"STACKELBERG",
         "winners":[{"category":"cpu-millicores","rpId":"%s","unitPrice":3,"amount":%d,"price":%d},
                    {"category":"rendering-k","rpId":"rp-9","unitPrice":5,"amount":40,"price":200}],
         "totalPrice":%d,"federated":true,"tableDigest":"d","instantiationDeadline":"%s"}
        """
            .formatted(id, rpId, cpu, 3 * cpu, 3 * cpu + 200, deadline));
  }

  private void award(final String id, final long cpu) {
    award(id, "rp-1", cpu, "2025-03-01T10:05:00Z");
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
  void blueprint_withinCapacity_sendsAnOfferForWhatTheRpServes_andReservesIt() {
    start();

    blueprint("s-1", "2025-03-01T10:00:30Z", 500);

    assertThat(link.sent(Uplink.OFFER)).hasSize(1);
    assertThat(Json.toJson(link.sent(Uplink.OFFER).get(0).body()))
        .isEqualTo(
            "{\"blueprintId\":\"s-1\",\"categories\":[{\"category\":\"cpu-millicores\","
                + "\"unitPrice\":3,\"available\":500,\"reservePrice\":1}]}");
    // The blueprint asks for exactly 500 (no maxAmount): that is all the offer makes available.
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 500L);
  }

  @Test
  void blueprint_moreThanTheLateCommitToleranceAfterItsDeadline_sendsNothing() {
    start();

    blueprint("s-1", "2025-03-01T09:58:59Z", 500);

    assertThat(link.sent()).isEmpty();
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 0L);
  }

  @Test
  void blueprint_seenJustAfterItsDeadline_isStillOffered_theWindowMayBeOpenForALateCommit() {
    start();

    blueprint("s-1", "2025-03-01T09:59:59Z", 500);

    assertThat(link.sent(Uplink.OFFER)).hasSize(1);
  }

  @Test
  void blueprint_whileSlicesHoldTheCapacity_sendsNothing() {
    runtime.preexisting("s-0", Map.of("cpu-millicores", 1800L), true);
    link.states.put("s-0", "ACTIVE");
    start();

    blueprint("s-1", "2025-03-01T10:00:30Z", 500);

    assertThat(link.sent(Uplink.OFFER)).isEmpty();
  }

  @Test
  void offer_refusedByTheLedger_freesItsReservation() throws Exception {
    link.answer = m -> link.rejected(m, "LATE_OFFER", "LATE_OFFER: refused by the test");
    start();

    blueprint("s-1", "2025-03-01T10:00:30Z", 500);

    eventually(() -> agent.inUse().get("cpu-millicores") == 0L);
  }

  @Test
  void award_startsTheSliceWithItsLimits_andConfirmsItsEndpoints() throws Exception {
    start();
    blueprint("s-1", "2025-03-01T10:00:30Z", 500);

    award("s-1", 600);

    eventually(() -> runtime.started().size() == 1);
    SliceSpec spec = runtime.started().get(0);
    assertThat(spec.amounts()).containsExactly(Map.entry("cpu-millicores", 600L));
    assertThat(spec.limits().nanoCpus()).isEqualTo(600_000_000L);
    assertThat(spec.services()).containsExactly(new Service("cpu-millicores", 8000));
    int hostPort = runtime.slice("s-1").hostPorts().get(8000);
    eventually(() -> link.sent(Uplink.INSTANTIATION).size() == 1);
    assertThat(Json.toJson(link.sent(Uplink.INSTANTIATION).get(0).body()))
        .isEqualTo(
            "{\"sliceId\":\"s-1\",\"parts\":[{\"category\":\"cpu-millicores\",\"host\":\"127.0.0.1\","
                + "\"ports\":["
                + hostPort
                + "],\"instanceId\":\"sfsb-rp-1-s-1\"}]}");
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 600L);
  }

  @Test
  void award_heardTwice_startsOneContainer() throws Exception {
    start();

    award("s-1", 600);
    award("s-1", 600);

    eventually(() -> link.sent(Uplink.INSTANTIATION).size() == 1);
    assertThat(runtime.started()).hasSize(1);
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 600L);
  }

  @Test
  void award_toOtherRps_startsNothing() {
    start();

    award("s-1", "rp-2", 600, "2025-03-01T10:05:00Z");

    assertThat(runtime.list()).isEmpty();
    assertThat(link.sent()).isEmpty();
  }

  @Test
  void award_afterItsInstantiationDeadline_startsNothing() {
    start();

    award("s-1", "rp-1", 600, "2025-03-01T09:59:00Z");

    assertThat(runtime.list()).isEmpty();
    assertThat(link.sent()).isEmpty();
  }

  @Test
  void award_whenTheContainerCannotStart_reportsTheFailure_andFreesTheCapacity() throws Exception {
    runtime.failure = "the image sfsbroker/slice:1 is missing";
    start();
    blueprint("s-1", "2025-03-01T10:00:30Z", 500);

    award("s-1", 600);

    eventually(() -> link.sent(Uplink.FAILURE).size() == 1);
    assertThat(link.sent(Uplink.INSTANTIATION)).isEmpty();
    JsonObject report = link.sent(Uplink.FAILURE).get(0).body();
    assertThat(report.get("sliceId").getAsString()).isEqualTo("s-1");
    assertThat(report.get("category").getAsString()).isEqualTo("cpu-millicores");
    assertThat(report.get("reason").getAsString())
        .isEqualTo("the container did not start: the image sfsbroker/slice:1 is missing");
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 0L);
  }

  @Test
  void award_whoseServicesDoNotAnswer_removesTheSlice_andReportsTheFailure() throws Exception {
    runtime.silent = true;
    start("\"readyTimeoutSeconds\": 1");

    award("s-1", 600);

    eventually(() -> link.sent(Uplink.FAILURE).size() == 1);
    assertThat(runtime.list()).isEmpty();
    assertThat(link.sent(Uplink.FAILURE).get(0).body().get("reason").getAsString())
        .isEqualTo("the services on ports [1] did not answer within 1 s");
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 0L);
  }

  @Test
  void award_beyondTheCapacity_isReportedAsAFailure() {
    start();

    award("s-1", 2500);

    assertThat(runtime.list()).isEmpty();
    assertThat(link.sent(Uplink.FAILURE).get(0).body().get("reason").getAsString())
        .startsWith("not enough capacity for {cpu-millicores=2500}");
  }

  @Test
  void confirmation_refusedAsInvalidState_removesTheSliceWithoutAReport() throws Exception {
    link.answer =
        m ->
            m.uplink() == Uplink.INSTANTIATION
                ? link.rejected(m, "INVALID_STATE", "INVALID_STATE: refused by the test")
                : link.rejected(m, "UNEXPECTED", "UNEXPECTED: refused by the test");
    start();

    award("s-1", 600);

    eventually(() -> runtime.list().isEmpty());
    eventually(() -> agent.inUse().get("cpu-millicores") == 0L);
    assertThat(link.sent(Uplink.FAILURE)).isEmpty();
  }

  @Test
  void confirmation_thatTheNetworkCouldNotTake_isAwaitedAgain_neverSignedAnew() throws Exception {
    java.util.concurrent.atomic.AtomicInteger asked =
        new java.util.concurrent.atomic.AtomicInteger();
    link.answer =
        m -> {
          if (m.uplink() != Uplink.INSTANTIATION) {
            return null;
          }
          // UNAVAILABLE first (no verdict), then the ledger takes the same message.
          return asked.incrementAndGet() <= 1
              ? link.rejected(m, "UNAVAILABLE", "UNAVAILABLE: not taken yet")
              : link.committed(m, java.util.Map.of("id", "s-1", "state", "ACTIVE"));
        };
    start();

    award("s-1", 600);

    eventually(() -> asked.get() >= 2);
    // One envelope only: a second one with a new nonce could be applied twice.
    assertThat(link.sent(Uplink.INSTANTIATION)).hasSize(1);
    assertThat(link.sent(Uplink.FAILURE)).isEmpty();
    assertThat(runtime.list()).hasSize(1);
  }

  @Test
  void reconciliation_afterACommittedConfirmation_doesNotConfirmAgain() throws Exception {
    link.states.put("s-1", "AWARDED");
    start("\"reconcileSeconds\": 1");
    award("s-1", 600);
    int queries = link.queries().size();

    eventually(() -> link.queries().size() >= queries + 2);

    assertThat(link.sent(Uplink.INSTANTIATION)).hasSize(1);
    assertThat(runtime.list()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SliceDecommissioned", "SliceFailed", "SliceTimedOut"})
  void sliceEnded_removesTheContainer_andFreesItsAmounts(final String event) {
    start();
    award("s-1", 600);

    hear(
        event,
        """
        {"id":"s-1","tenantId":"fog-1","tenantOrg":"TenantsMSP","state":"DECOMMISSIONED",
         "createdAt":"2025-03-01T09:59:50Z","offerDeadline":"2025-03-01T10:00:30Z",
         "validitySeconds":3600,"winners":[],"totalPrice":0,"federated":false,"endpoints":[],
         "reason":"ended","updatedAt":"2025-03-01T10:01:00Z"}
        """);

    assertThat(runtime.list()).isEmpty();
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 0L);
  }

  @Test
  void start_takesOverRunningSlices_andReconciliationRemovesThoseThatEnded() throws Exception {
    runtime.preexisting("s-live", Map.of("cpu-millicores", 500L), true);
    runtime.preexisting("s-done", Map.of("cpu-millicores", 300L), true);
    runtime.preexisting("s-unknown", Map.of("memory-mib", 64L), true);
    runtime.preexisting("s-stopped", Map.of("cpu-millicores", 200L), false);
    link.states.put("s-live", "ACTIVE");
    link.states.put("s-done", "DECOMMISSIONED");
    link.states.put("s-stopped", "IN_SERVICE");

    start();
    RpAgent.Reconciliation result = agent.firstReconciliation().get(10, TimeUnit.SECONDS);

    assertThat(result.kept()).containsExactly("s-live", "s-stopped");
    assertThat(result.removed())
        .containsExactly(
            Map.entry("s-done", "DECOMMISSIONED"), Map.entry("s-unknown", "NOT_FOUND"));
    assertThat(result.restarted()).containsExactly("s-stopped");
    assertThat(runtime.list())
        .extracting(RunningSlice::sliceId, RunningSlice::running)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("s-live", true),
            org.assertj.core.groups.Tuple.tuple("s-stopped", true));
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 700L).containsEntry("memory-mib", 0L);
    assertThat(link.sent()).isEmpty();
  }

  @Test
  void award_startsTheContainerOnItsTenantsNetwork() throws Exception {
    start();

    award("s-1", 600);

    eventually(() -> runtime.started().size() == 1);
    assertThat(runtime.started()).extracting(SliceSpec::tenantId).containsExactly("fog-1");
    assertThat(runtime.slice("s-1").network()).isEqualTo(TenantNetworks.name("rp-1", "fog-1"));
  }

  @Test
  void reconciliation_removesTheNetworksOfTenantsWithoutSlices_andKeepsTheOthers()
      throws Exception {
    runtime.preexisting("s-a", "fog-a", Map.of("cpu-millicores", 100L), true);
    runtime.preexisting("s-b", "fog-b", Map.of("cpu-millicores", 100L), false);
    runtime.preexisting("s-b2", "fog-b", Map.of("cpu-millicores", 100L), true);
    link.states.put("s-b", "ACTIVE");

    start();
    RpAgent.Reconciliation result = agent.firstReconciliation().get(10, TimeUnit.SECONDS);

    // s-a and s-b2 are not on the ledger: fog-a has no slice left, fog-b still has s-b.
    assertThat(result.removed()).containsOnlyKeys("s-a", "s-b2");
    assertThat(result.removedNetworks()).containsExactly(TenantNetworks.name("rp-1", "fog-a"));
    assertThat(runtime.networks()).containsExactly(TenantNetworks.name("rp-1", "fog-b"));
  }

  @Test
  void start_removesNetworksLeftWithoutContainers_evenWhileTheBridgeIsAway() {
    runtime.preexisting("s-1", Map.of("cpu-millicores", 100L), true);
    runtime.remove("s-1");
    link.disconnect();

    start();

    assertThat(runtime.idleNetworkPasses).isEqualTo(1);
    assertThat(runtime.networks()).isEmpty();
  }

  @Test
  void reconciliation_atStartUp_confirmsAwardedSlicesAgain() throws Exception {
    runtime.preexisting("s-1", Map.of("cpu-millicores", 500L), true);
    link.states.put("s-1", "AWARDED");

    start();
    agent.firstReconciliation().get(10, TimeUnit.SECONDS);

    assertThat(link.sent(Uplink.INSTANTIATION)).hasSize(1);
    assertThat(link.sent(Uplink.INSTANTIATION).get(0).body().get("sliceId").getAsString())
        .isEqualTo("s-1");
  }

  @Test
  void reconciliation_whileTheBridgeIsAway_keepsEverything_andTriesAgain() throws Exception {
    runtime.preexisting("s-1", Map.of("cpu-millicores", 500L), true);
    link.disconnect();

    start("\"reconcileSeconds\": 1");
    Thread.sleep(300);

    assertThat(agent.firstReconciliation()).isNotDone();
    assertThat(runtime.list()).hasSize(1);
    assertThat(agent.inUse()).containsEntry("cpu-millicores", 500L);
    link.reconnect();
    RpAgent.Reconciliation result = agent.firstReconciliation().get(10, TimeUnit.SECONDS);
    assertThat(result.removed()).containsExactly(Map.entry("s-1", "NOT_FOUND"));
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void close_leavesTheSlicesRunning() throws Exception {
    start();
    award("s-1", 600);
    eventually(() -> runtime.started().size() == 1);

    agent.close();

    assertThat(runtime.list()).hasSize(1);
    assertThat(runtime.closed).isTrue();
  }

  @Test
  void aMalformedNotice_isLoggedAndIgnored() {
    start();

    hear("SliceAwarded", "{\"sliceId\":\"s-1\"}");
    hear("SomethingElse", "{}");

    assertThat(runtime.list()).isEmpty();
    assertThat(link.sent()).isEmpty();
  }

  @Test
  void probe_seesAServiceThatAnswers() throws Exception {
    start();
    award("s-1", 600);
    eventually(() -> runtime.started().size() == 1);
    int port = runtime.slice("s-1").hostPorts().get(8000);

    assertThat(new PortProbe().await("127.0.0.1", List.of(port), Duration.ofSeconds(2))).isEmpty();
  }

  // ---- multi-flow applications ---------------------------------------------------------------

  private static final String FLOW_TERMS =
      "\"receiptTimeoutSeconds\": 5, \"flows\": {\"throughputKbps\": 50000,"
          + " \"latencyMicros\": 5000, \"lossPpm\": 100, \"price\": 40}";

  /**
   * An application with three flows against rp-1's terms (50,000 kbit/s, 5,000 µs, 100 ppm, price
   * 40): {@code video} scores q = 0.5 ≥ 0.4 at p 40 ≤ 100 (feasible, two intervals); {@code
   * haptics} scores q = 0.5 < 0.8; {@code cheap} allows at most 30.
   */
  private void applicationOpened(final String id, final String deadline) {
    hear(
        "ApplicationOpened",
        """
        {"id":"%s","tenantId":"fog-1","flows":[
           {"flowId":"video","betaR":1000000,"betaT":0,"betaL":0,"mu":500000,"qMin":400000,
            "pMax":100,"refThroughputKbps":100000,"refLatencyMicros":10000,"refLossPpm":10000,
            "intervals":["t0","t1"]},
           {"flowId":"haptics","betaR":0,"betaT":1000000,"betaL":0,"mu":500000,"qMin":800000,
            "pMax":100,"refThroughputKbps":100000,"refLatencyMicros":10000,"refLossPpm":10000,
            "intervals":["t0"]},
           {"flowId":"cheap","betaR":1000000,"betaT":0,"betaL":0,"mu":500000,"qMin":0,
            "pMax":30,"refThroughputKbps":100000,"refLatencyMicros":10000,"refLossPpm":10000,
            "intervals":["t0"]}],
         "state":"OPEN","openedAt":"2025-03-01T09:59:50Z","bidDeadline":"%s","totalPrice":0,
         "reason":"opened","updatedAt":"2025-03-01T09:59:50Z"}
        """
            .formatted(id, deadline));
  }

  @Test
  void applicationOpened_sendsOneFlowBidPerIntervalOfEachFlowItsTermsMeet() throws Exception {
    start(FLOW_TERMS);

    applicationOpened("m-1", "2025-03-01T10:00:30Z");

    assertThat(link.sent(Uplink.FLOW_BID))
        .extracting(m -> Json.toJson(m.body()))
        .containsExactly(
            "{\"applicationId\":\"m-1\",\"flowId\":\"video\",\"interval\":\"t0\","
                + "\"throughputKbps\":50000,\"latencyMicros\":5000,\"lossPpm\":100,\"price\":40}",
            "{\"applicationId\":\"m-1\",\"flowId\":\"video\",\"interval\":\"t1\","
                + "\"throughputKbps\":50000,\"latencyMicros\":5000,\"lossPpm\":100,\"price\":40}");
    assertThat(link.sent()).hasSize(2);
    assertThat(agent.inUse().values()).as("flows reserve no capacity").allMatch(v -> v == 0);
  }

  @Test
  void applicationOpened_withoutFlowsConfigured_sendsNoBid() {
    start();

    applicationOpened("m-1", "2025-03-01T10:00:30Z");

    assertThat(link.sent()).isEmpty();
  }

  @Test
  void applicationOpened_afterItsBidDeadline_sendsNoBid() {
    start(FLOW_TERMS);

    applicationOpened("m-1", "2025-03-01T09:59:59Z");

    assertThat(link.sent()).isEmpty();
  }

  @Test
  void applicationAwarded_startsNothing_andSendsNothing() {
    start(FLOW_TERMS);

    hear(
        "ApplicationAwarded",
        """
        {"applicationId":"m-1","tenantId":"fog-1","outcomes":[
           {"flowId":"video","interval":"t0","bidCount":2,"winner":{
              "bid":{"bidderId":"rp-1","flowId":"video","interval":"t0","throughputKbps":50000,
                     "latencyMicros":5000,"lossPpm":100,"price":40},
              "throughputScore":500000,"latencyScore":0,"lossScore":0,"quality":500000,
              "utility":80000000000,"acceptable":true}},
           {"flowId":"haptics","interval":"t0","bidCount":0,"reason":"no bid"}],
         "totalPrice":40,"bidCount":2,"selectedAt":"2025-03-01T10:00:32Z","txId":"tx-9"}
        """);

    assertThat(link.sent()).isEmpty();
    assertThat(runtime.list()).isEmpty();
  }

  @Test
  void applicationAward_wonBy_listsOnlyTheOutcomesThisRpWon() {
    ApplicationSelection award =
        Json.fromJson(
            """
            {"applicationId":"m-1","tenantId":"fog-1","totalPrice":70,"outcomes":[
               {"flowId":"a","interval":"t0","bidCount":1,"winner":{"bid":{"bidderId":"rp-1",
                "flowId":"a","interval":"t0","throughputKbps":1,"latencyMicros":1,"lossPpm":1,
                "price":40},"quality":1,"utility":1,"acceptable":true}},
               {"flowId":"b","interval":"t0","bidCount":1,"winner":{"bid":{"bidderId":"rp-2",
                "flowId":"b","interval":"t0","throughputKbps":1,"latencyMicros":1,"lossPpm":1,
                "price":30},"quality":1,"utility":1,"acceptable":true}},
               {"flowId":"c","interval":"t0","bidCount":0,"reason":"no bid"}]}
            """,
            ApplicationSelection.class);

    assertThat(award.wonBy("rp-1")).extracting(o -> o.flowId()).containsExactly("a");
    assertThat(award.wonBy("rp-3")).isEmpty();
  }
}
