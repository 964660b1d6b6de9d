package io.sfsbroker.fog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.google.gson.JsonObject;
import io.sfsbroker.device.testing.FakeDeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.id.Ids;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.multiflow.ApplicationRequestBody;
import io.sfsbroker.protocol.request.SliceRequestBody;
import io.sfsbroker.protocol.slice.Endpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FogNodeAgentTest {

  /** The fog node of these tests. */
  static final String FOG = "fog-7";

  private final FakeDeviceLink bridge = new FakeDeviceLink(FOG);
  private final TestServers servers = new TestServers();
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopServers() throws Exception {
    servers.close();
  }

  @Test
  void requestSlice_handedOverAndAnswering_confirmsServiceAndReportsTheSlice() throws Exception {
    int cpuPort = servers.http(200);
    int memoryPort = servers.http(200);
    bridge.script = happyBridge(cpuPort, memoryPort);

    SliceReport report;
    try (FogNodeAgent agent = agent(config())) {
      report = agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 20_000));
    }

    FakeDeviceLink.Message request = bridge.sent(Uplink.REQUEST).get(0);
    assertThat(request.body())
        .isEqualTo(Json.parseObject("{\"serviceClass\":\"ar-vr\",\"budget\":20000}"));
    assertThat(report.sliceId()).isEqualTo(Ids.slice(FOG, request.nonce()));
    assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.CONFIRMED);
    assertThat(report.state()).isEqualTo("IN_SERVICE");
    assertThat(report.parts())
        .containsExactly(
            new SliceReport.Part("cpu-millicores", "rp-1", 2000, 3, 6000),
            new SliceReport.Part("memory-mib", "rp-2", 2048, 2, 4096));
    assertThat(report.totalPrice()).isEqualTo(10_096);
    assertThat(report.federated()).isTrue();
    assertThat(report.ports())
        .extracting(SliceReport.PortCheck::port, SliceReport.PortCheck::httpStatus)
        .containsExactly(tuple(cpuPort, 200), tuple(memoryPort, 200));
    assertThat(report.ports()).allMatch(SliceReport.PortCheck::reached);
    assertThat(report.timings().receipt()).isNotNull();
    assertThat(report.timings().award()).isNotNull();
    assertThat(report.timings().handover()).isNotNull();
    assertThat(report.timings().confirmation()).isNotNull();
    assertThat(report.timings().endToEnd()).isGreaterThanOrEqualTo(report.timings().handover());
    assertThat(report.confirmBy()).isNull();
    assertThat(report.confirmTransaction()).isNotNull();

    List<FakeDeviceLink.Message> confirmations = bridge.sent(Uplink.SERVICE);
    assertThat(confirmations).hasSize(1);
    assertThat(confirmations.get(0).body())
        .isEqualTo(
            Json.parseObject("{\"sliceId\":\"" + report.sliceId() + "\",\"status\":\"RECEIVED\"}"));
    assertThat(bridge.closed()).isTrue();
  }

  @Test
  void requestSlice_noticesComeOnTheirOwnThreadAfterTheReceipt_stillFollowsThem() throws Exception {
    int port = servers.http(200);
    bridge.script =
        m -> {
          if (m.uplink() == Uplink.SERVICE) {
            bridge.commit(m, Map.of("state", "IN_SERVICE"));
            return;
          }
          String id = Ids.slice(FOG, m.nonce());
          Thread later =
              new Thread(
                  () -> {
                    sleep(50);
                    bridge.commit(m, Map.of("id", id));
                    sleep(100);
                    bridge.notice("SliceAwarded", award(id));
                    sleep(100);
                    bridge.notice("SliceReady", slice(id, port, port));
                  });
          later.start();
        };

    try (FogNodeAgent agent = agent(config())) {
      SliceReport report =
          agent.requestSlice(
              SliceRequestBody.ofCategories(List.of(RequestText.category("cpu=2@5")), null));

      assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.CONFIRMED);
      assertThat(report.timings().award()).isGreaterThanOrEqualTo(report.timings().receipt());
      assertThat(report.timings().handover()).isGreaterThanOrEqualTo(report.timings().award());
    }
  }

  @Test
  void requestSlice_rejected_throwsTheReceiptsCodeAndReason() throws Exception {
    bridge.script =
        m ->
            bridge.reject(
                m,
                "INVALID_ARGUMENT",
                "INVALID_ARGUMENT: unknown service class 'vr'; the classes are ar-vr, digital-twin");

    try (FogNodeAgent agent = agent(config())) {
      assertThatThrownBy(() -> agent.requestSlice(SliceRequestBody.ofClass("vr", 10)))
          .isInstanceOfSatisfying(
              AgentException.class,
              e -> {
                assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
                assertThat(e.describe())
                    .isEqualTo(
                        "INVALID_ARGUMENT: unknown service class 'vr'; the classes are ar-vr,"
                            + " digital-twin");
              });
    }
    assertThat(bridge.sent(Uplink.SERVICE)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "SelectionFailed, SELECTION_FAILED",
    "SelectionUnfunded, SELECTION_UNFUNDED",
    "SliceFailed, SLICE_FAILED",
    "SliceTimedOut, SLICE_TIMED_OUT",
    "SliceDecommissioned, SLICE_DECOMMISSIONED"
  })
  void requestSlice_endedByANotice_throwsItsCodeWithTheLedgersReason(
      final String event, final String code) throws Exception {
    bridge.script =
        m -> {
          String id = Ids.slice(FOG, m.nonce());
          bridge.commit(m, Map.of("id", id));
          if (event.startsWith("Slice")) {
            bridge.notice("SliceAwarded", award(id));
          }
          JsonObject payload = new JsonObject();
          payload.addProperty(event.startsWith("Selection") ? "sliceId" : "id", id);
          payload.addProperty("tenantId", FOG);
          payload.addProperty("reason", "because of " + event);
          bridge.notice(event, payload);
        };

    try (FogNodeAgent agent = agent(config())) {
      assertThatThrownBy(() -> agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 10_000)))
          .isInstanceOfSatisfying(
              AgentException.class,
              e -> {
                assertThat(e.code()).isEqualTo(code);
                assertThat(e.getMessage()).endsWith(": because of " + event);
              });
    }
    assertThat(bridge.sent(Uplink.SERVICE)).isEmpty();
  }

  @Test
  void requestSlice_noticesOfOtherSlices_areNotTakenForThisOne() throws Exception {
    int port = servers.http(200);
    bridge.script =
        m -> {
          if (m.uplink() == Uplink.SERVICE) {
            bridge.commit(m, Map.of("state", "IN_SERVICE"));
            return;
          }
          String id = Ids.slice(FOG, m.nonce());
          JsonObject other = new JsonObject();
          other.addProperty("sliceId", "s-000000000000000000000000");
          other.addProperty("reason", "not this one");
          bridge.notice("SelectionFailed", other);
          bridge.commit(m, Map.of("id", id));
          bridge.notice("SliceReady", slice(id, port, port));
        };

    try (FogNodeAgent agent = agent(config())) {
      SliceReport report = agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 10_000));

      assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.CONFIRMED);
      assertThat(report.timings().award()).as("no award notice came").isNull();
    }
  }

  @Test
  void requestSlice_aPortDoesNotAnswer_doesNotConfirmService() throws Exception {
    int answering = servers.http(200);
    int closed = TestServers.closedPort();
    bridge.script = happyBridge(answering, closed);
    FogConfig config =
        new FogConfig(
            config().device(), Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ZERO, true);

    try (FogNodeAgent agent = agent(config)) {
      SliceReport report = agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 20_000));

      assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.UNREACHABLE);
      assertThat(report.state()).isEqualTo("ACTIVE");
      assertThat(report.confirmBy()).isEqualTo(Instant.parse("2025-03-01T10:06:00Z"));
      assertThat(report.unreached())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.port()).isEqualTo(closed);
                assertThat(p.category()).isEqualTo("memory-mib");
                assertThat(p.detail()).isNotBlank();
              });
      assertThat(report.timings().confirmation()).isNull();
    }
    assertThat(bridge.sent(Uplink.SERVICE)).isEmpty();
  }

  @Test
  void requestSlice_withoutConfirmation_checksPortsButSendsNoConfirmation() throws Exception {
    int port = servers.http(200);
    bridge.script = happyBridge(port, port);

    try (FogNodeAgent agent = agent(config())) {
      SliceReport report = agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 20_000), false);

      assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.NOT_CONFIRMED);
      assertThat(report.ports()).hasSize(2).allMatch(SliceReport.PortCheck::reached);
    }
    assertThat(bridge.sent(Uplink.SERVICE)).isEmpty();
  }

  @Test
  void requestSlice_noHandoverInTime_timesOutSayingHowFarItGot() throws Exception {
    bridge.script =
        m -> {
          String id = Ids.slice(FOG, m.nonce());
          bridge.commit(m, Map.of("id", id));
          bridge.notice("SliceAwarded", award(id));
        };
    FogConfig config = config().withRequestTimeout(Duration.ofSeconds(1));

    try (FogNodeAgent agent = agent(config)) {
      assertThatThrownBy(() -> agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 20_000)))
          .isInstanceOfSatisfying(
              AgentException.class,
              e -> {
                assertThat(e.code()).isEqualTo("TIMEOUT");
                assertThat(e.getMessage())
                    .contains("no handover")
                    .contains("the RPs have until 2025-03-01T10:05:30Z");
              });
    }
  }

  @Test
  void requestSlice_whileTheLinkIsDown_saysItIsQueuedAndCompletesOnReconnect() throws Exception {
    int port = servers.http(200);
    bridge.script = happyBridge(port, port);
    bridge.disconnect();
    Thread reconnect =
        new Thread(
            () -> {
              sleep(600);
              bridge.reconnect();
            });
    reconnect.start();

    try (FogNodeAgent agent = agent(config())) {
      SliceReport report = agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 20_000));

      assertThat(report.outcome()).isEqualTo(SliceReport.Outcome.CONFIRMED);
    }
    reconnect.join();
    assertThat(progress)
        .anyMatch(line -> line.contains("queued in the outbox; will be sent on reconnect"));
    assertThat(bridge.sent(Uplink.REQUEST)).hasSize(1);
    assertThat(bridge.delivered()).filteredOn(m -> m.uplink() == Uplink.REQUEST).hasSize(1);
  }

  @Test
  void requestSlice_linkStaysDown_timesOutSayingTheRequestStaysInTheOutbox() throws Exception {
    bridge.disconnect();
    FogConfig config = config().withRequestTimeout(Duration.ofSeconds(1));

    try (FogNodeAgent agent = agent(config)) {
      assertThatThrownBy(() -> agent.requestSlice(SliceRequestBody.ofClass("ar-vr", 20_000)))
          .isInstanceOfSatisfying(
              AgentException.class,
              e -> {
                assertThat(e.code()).isEqualTo("TIMEOUT");
                assertThat(e.getMessage()).contains("stays in the outbox");
              });
    }
    assertThat(bridge.pending()).isEqualTo(1);
  }

  @Test
  void decommission_sendsAReleaseOnTheDecommissionUplink() throws Exception {
    bridge.script = m -> bridge.commit(m, Map.of("state", "DECOMMISSIONED"));
    String sliceId = "s-0123456789abcdef01234567";

    try (FogNodeAgent agent = agent(config())) {
      StepReport report = agent.decommission(sliceId);

      assertThat(report.state()).isEqualTo("DECOMMISSIONED");
      assertThat(report.step()).isEqualTo("RELEASED");
      assertThat(report.transactionId()).isNotBlank();
    }
    assertThat(bridge.sent(Uplink.DECOMMISSION))
        .singleElement()
        .extracting(FakeDeviceLink.Message::body)
        .isEqualTo(Json.parseObject("{\"sliceId\":\"" + sliceId + "\",\"status\":\"RELEASED\"}"));
  }

  @Test
  void decommission_ofSomethingThatIsNoSliceId_isRefusedBeforeSending() {
    try (FogNodeAgent agent = agent(config())) {
      assertThatThrownBy(() -> agent.decommission("m-0123456789abcdef01234567"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a slice id");
    }
    assertThat(bridge.sent()).isEmpty();
  }

  @Test
  void decommission_rejected_throwsTheReceiptsCode() throws Exception {
    bridge.script = m -> bridge.reject(m, "INVALID_STATE", "INVALID_STATE: slice is FAILED");

    try (FogNodeAgent agent = agent(config())) {
      assertThatThrownBy(() -> agent.decommission("s-0123456789abcdef01234567"))
          .isInstanceOfSatisfying(
              AgentException.class, e -> assertThat(e.code()).isEqualTo("INVALID_STATE"));
    }
  }

  @Test
  void requestApplication_awarded_confirmsOnTheApplicationServiceUplink() throws Exception {
    bridge.script =
        m -> {
          switch (m.uplink()) {
            case APPLICATION -> {
              String id = Ids.application(FOG, m.nonce());
              bridge.commit(m, Map.of("id", id, "bidDeadline", "2025-03-01T10:00:20Z"));
              JsonObject opened = new JsonObject();
              opened.addProperty("id", id);
              opened.addProperty("state", "OPEN");
              bridge.notice("ApplicationOpened", opened);
              bridge.notice("ApplicationAwarded", applicationSelection(id));
            }
            case APPLICATION_SERVICE -> bridge.commit(m, Map.of("state", "IN_SERVICE"));
            default -> bridge.reject(m, "WRONG_TOPIC", "WRONG_TOPIC: not here");
          }
        };

    ApplicationReport report;
    try (FogNodeAgent agent = agent(config())) {
      report = agent.requestApplication(flows());
    }

    FakeDeviceLink.Message request = bridge.sent(Uplink.APPLICATION).get(0);
    assertThat(request.body().getAsJsonArray("flows")).isEqualTo(Json.toJsonTree(flows().flows()));
    assertThat(request.body().get("bidWindowSeconds").getAsLong()).isEqualTo(20);
    assertThat(report.applicationId()).isEqualTo(Ids.application(FOG, request.nonce()));
    assertThat(report.confirmed()).isTrue();
    assertThat(report.state()).isEqualTo("IN_SERVICE");
    assertThat(report.totalPrice()).isEqualTo(700);
    assertThat(report.flows())
        .containsExactly(
            new ApplicationReport.Flow(
                "video", "t0", "rp-1", 700, 80_000, 3_000, 100, 812_345, 123_456, 2, null),
            new ApplicationReport.Flow(
                "video", "t1", null, 0, 0, 0, 0, 0, 0, 0, "no bid for this interval"));
    assertThat(bridge.sent(Uplink.APPLICATION_SERVICE))
        .singleElement()
        .extracting(FakeDeviceLink.Message::body)
        .isEqualTo(
            Json.parseObject(
                "{\"applicationId\":\"" + report.applicationId() + "\",\"status\":\"RECEIVED\"}"));
  }

  @Test
  void requestApplication_failed_throwsApplicationFailed() throws Exception {
    bridge.script =
        m -> {
          String id = Ids.application(FOG, m.nonce());
          bridge.commit(m, Map.of("id", id));
          JsonObject failed = new JsonObject();
          failed.addProperty("id", id);
          failed.addProperty("state", "FAILED");
          failed.addProperty("reason", "no flow interval had an acceptable bid");
          bridge.notice("ApplicationFailed", failed);
        };

    try (FogNodeAgent agent = agent(config())) {
      assertThatThrownBy(() -> agent.requestApplication(flows()))
          .isInstanceOfSatisfying(
              AgentException.class,
              e -> {
                assertThat(e.code()).isEqualTo("APPLICATION_FAILED");
                assertThat(e.getMessage()).contains("no flow interval had an acceptable bid");
              });
    }
    assertThat(bridge.sent(Uplink.APPLICATION_SERVICE)).isEmpty();
  }

  @Test
  void status_connected_reportsOutboxAndTheAskedSlicesStates() throws Exception {
    bridge.states.put("s-0123456789abcdef01234567", "IN_SERVICE");

    try (FogNodeAgent agent = agent(config())) {
      AgentStatus status = agent.status(List.of("s-0123456789abcdef01234567"));

      assertThat(status.connected()).isTrue();
      assertThat(status.pending()).isZero();
      assertThat(status.slices()).containsEntry("s-0123456789abcdef01234567", "IN_SERVICE");
      assertThat(status.note()).isNull();
    }
  }

  @Test
  void status_ofASliceItHolds_reportsItsEndpoints() throws Exception {
    String sliceId = "s-0123456789abcdef01234567";
    bridge.states.put(sliceId, "ACTIVE");
    bridge.endpoints.put(
        sliceId,
        List.of(new Endpoint("cpu-millicores", "rp-1", "127.0.0.1", List.of(21001), "sfsb-x-cpu")));

    try (FogNodeAgent agent = agent(config())) {
      AgentStatus status = agent.status(List.of(sliceId));

      assertThat(status.endpoints().get(sliceId))
          .singleElement()
          .satisfies(e -> assertThat(e.ports()).containsExactly(21001));
      assertThat(TextReports.status(status))
          .contains(sliceId + "  ACTIVE  (held by this node)")
          .contains("127.0.0.1:21001");
    }
  }

  @Test
  void transfer_ofASlice_sendsOneSignedTransferPerBundleTokenOnTheTokenUplink() throws Exception {
    String sliceId = "s-0123456789abcdef01234567";
    bridge.states.put(sliceId, "ACTIVE");
    bridge.endpoints.put(
        sliceId,
        List.of(
            new Endpoint("cpu-millicores", "rp-1", "127.0.0.1", List.of(21001), "i-cpu"),
            new Endpoint("memory-mib", "rp-2", "127.0.0.1", List.of(21002), "i-mem")));
    bridge.script = m -> bridge.commit(m, Map.of());

    try (FogNodeAgent agent = agent(config())) {
      List<TokenTransfer> done = agent.transfer(agent.bundleTokens(sliceId), "fog-2");

      assertThat(done)
          .extracting(TokenTransfer::tokenId)
          .containsExactly(
              "bundle:" + sliceId + ":cpu-millicores", "bundle:" + sliceId + ":memory-mib");
    }
    assertThat(bridge.sent(Uplink.TOKEN))
        .extracting(FakeDeviceLink.Message::body)
        .first()
        .isEqualTo(
            Json.parseObject(
                "{\"action\":\"TRANSFER\",\"tokenId\":\"bundle:"
                    + sliceId
                    + ":cpu-millicores\",\"from\":\"device:"
                    + FOG
                    + "\",\"to\":\"device:fog-2\"}"));
  }

  @Test
  void bundleTokens_ofASliceItDoesNotHold_isNotHeld_andNothingIsSent() {
    String sliceId = "s-0123456789abcdef01234567";
    bridge.states.put(sliceId, "NOT_FOUND");

    try (FogNodeAgent agent = agent(config())) {
      assertThatThrownBy(() -> agent.bundleTokens(sliceId))
          .isInstanceOfSatisfying(
              AgentException.class, e -> assertThat(e.code()).isEqualTo("NOT_HELD"));
    }
    assertThat(bridge.sent()).isEmpty();
  }

  @Test
  void releaseApplication_sendsARelease_onTheApplicationReleaseUplink() throws Exception {
    String id = "m-0123456789abcdef01234567";
    bridge.script = m -> bridge.commit(m, Map.of("state", "RELEASED"));

    try (FogNodeAgent agent = agent(config())) {
      ApplicationStep step = agent.releaseApplication(id);

      assertThat(step.state()).isEqualTo("RELEASED");
      assertThat(step.step()).isEqualTo("RELEASED");
    }
    assertThat(bridge.sent(Uplink.APPLICATION_RELEASE))
        .singleElement()
        .extracting(FakeDeviceLink.Message::body)
        .isEqualTo(Json.parseObject("{\"applicationId\":\"" + id + "\",\"status\":\"RELEASED\"}"));
  }

  @Test
  void confirmApplication_refusedAsNotTheHolder_throwsForbidden() {
    bridge.script = m -> bridge.reject(m, "FORBIDDEN", "FORBIDDEN: token app:m-… is owned by …");

    try (FogNodeAgent agent = agent(config())) {
      assertThatThrownBy(() -> agent.confirmApplication("m-0123456789abcdef01234567"))
          .isInstanceOfSatisfying(
              AgentException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
    }
    assertThat(bridge.sent(Uplink.APPLICATION_SERVICE)).hasSize(1);
  }

  @Test
  void status_offline_saysTheLedgerWasNotAsked() throws Exception {
    bridge.disconnect();

    try (FogNodeAgent agent = agent(config())) {
      AgentStatus status = agent.status(List.of("s-0123456789abcdef01234567"));

      assertThat(status.connected()).isFalse();
      assertThat(status.slices()).isEmpty();
      assertThat(status.note()).contains("cannot be reached");
    }
  }

  // ---- the bridge's side ----------------------------------------------------------------------

  private FogNodeAgent agent(final FogConfig config) {
    return agentOn(bridge, config).onProgress(progress::add);
  }

  /** A configuration of {@value #FOG} whose files are never read (the link is a fake). */
  static FogConfig config() {
    return FogConfig.of(FakeDeviceLink.config(FOG, Topics.ROLE_FOG_NODE));
  }

  /** The agent of {@code config} on {@code link}, which plays the bridge. */
  static FogNodeAgent agentOn(final FakeDeviceLink link, final FogConfig config) {
    return new FogNodeAgent(config, Clock.systemUTC(), link.opener(), Duration.ofMillis(100));
  }

  /** A bridge on which every request is awarded to rp-1 and rp-2 and handed over at once. */
  private Consumer<FakeDeviceLink.Message> happyBridge(final int cpuPort, final int memoryPort) {
    return m -> {
      switch (m.uplink()) {
        case REQUEST -> {
          String id = Ids.slice(FOG, m.nonce());
          bridge.commit(m, Map.of("id", id, "offerDeadline", "2025-03-01T10:00:30Z"));
          bridge.notice("SliceAwarded", award(id));
          bridge.notice("SliceReady", slice(id, cpuPort, memoryPort));
        }
        case SERVICE ->
            bridge.commit(
                m, Map.of("id", m.body().get("sliceId").getAsString(), "state", "IN_SERVICE"));
        default -> bridge.reject(m, "WRONG_TOPIC", "WRONG_TOPIC: not here");
      }
    };
  }

  static final String WINNERS =
      """
      [{"category":"cpu-millicores","rpId":"rp-1","unitPrice":3,"amount":2000,"price":6000},
       {"category":"memory-mib","rpId":"rp-2","unitPrice":2,"amount":2048,"price":4096}]""";

  static JsonObject award(final String sliceId) {
    return Json.parseObject(
        """
        {"sliceId":"%s","tenantId":"fog-7","strategy":"STACKELBERG","winners":%s,
         "totalPrice":10096,"federated":true,"tableDigest":"ab12",
         "instantiationDeadline":"2025-03-01T10:05:30Z"}"""
            .formatted(sliceId, WINNERS));
  }

  static JsonObject slice(final String sliceId, final int cpuPort, final int memoryPort) {
    return Json.parseObject(
        """
        {"id":"%s","tenantId":"fog-7","tenantOrg":"TenantsMSP","state":"ACTIVE",
         "createdAt":"2025-03-01T10:00:00Z","offerDeadline":"2025-03-01T10:00:30Z",
         "validitySeconds":3600,"winners":%s,"totalPrice":10096,"federated":true,
         "confirmationDeadline":"2025-03-01T10:06:00Z","activatedAt":"2025-03-01T10:01:00Z",
         "validUntil":"2025-03-01T11:01:00Z",
         "endpoints":[
           {"category":"cpu-millicores","rpId":"rp-1","host":"127.0.0.1","ports":[%d],
            "instanceId":"sfsb-%s-cpu"},
           {"category":"memory-mib","rpId":"rp-2","host":"127.0.0.1","ports":[%d],
            "instanceId":"sfsb-%s-mem"}],
         "reason":"every part is instantiated; waiting for the fog node to confirm service",
         "updatedAt":"2025-03-01T10:01:00Z"}"""
            .formatted(sliceId, WINNERS, cpuPort, sliceId, memoryPort, sliceId));
  }

  static ApplicationRequestBody flows() {
    return ApplicationFile.load(
        writeTemp(
            """
            {"flows":[{"flowId":"video","betaR":500000,"betaT":500000,"betaL":0,"mu":500000,
              "qMin":500000,"pMax":1000,"refThroughputKbps":100000,"refLatencyMicros":10000,
              "refLossPpm":10000,"intervals":["t0","t1"]}],
             "bidWindowSeconds":20}"""));
  }

  static JsonObject applicationSelection(final String id) {
    return Json.parseObject(
        """
        {"applicationId":"%s","tenantId":"fog-7","outcomes":[
          {"flowId":"video","interval":"t0","winner":{"bid":{"bidderId":"rp-1","flowId":"video",
            "interval":"t0","throughputKbps":80000,"latencyMicros":3000,"lossPpm":100,
            "price":700},"throughputScore":800000,"latencyScore":700000,"lossScore":990000,
            "quality":812345,"utility":123456,"acceptable":true},"bidCount":2},
          {"flowId":"video","interval":"t1","bidCount":0,"reason":"no bid for this interval"}],
         "totalPrice":700,"bidCount":2,"selectedAt":"2025-03-01T10:00:21Z","txId":"tx-9"}"""
            .formatted(id));
  }

  private static Path writeTemp(final String text) {
    try {
      Path file = Files.createTempFile("flows", ".json");
      file.toFile().deleteOnExit();
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(final long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
