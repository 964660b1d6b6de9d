package io.sfsbroker.gateway.system;

import static io.sfsbroker.gateway.system.WireTap.notice;
import static io.sfsbroker.gateway.system.WireTap.receiptTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.fog.ApplicationReport;
import io.sfsbroker.gateway.system.SystemStack.Fog;
import io.sfsbroker.gateway.system.SystemStack.Rp;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.multiflow.ApplicationRequestBody;
import io.sfsbroker.protocol.multiflow.FlowRequirement;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A multi-flow application on the real stack: the Fabric network, Mosquitto with TLS, the bridge,
 * two RP agents that bid with different flow terms and a fog-node agent, all in-process. The
 * expected winner of every flow is worked out here, by hand, from the configured terms with the
 * paper's utility u = µ(q − qmin) + (1 − µ)(pmax − p). Needs {@code -Dsfsbroker.network}, {@code
 * -Dsfsbroker.mqtt} and {@code -Dsfsbroker.docker} (fails without them).
 */
class MultiFlowOverMqttIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final long WINDOW_SECONDS = 6;

  /** Fast, clean and dear. */
  private static final Map<String, Long> FAST =
      Map.of("throughputKbps", 80_000L, "latencyMicros", 2_000L, "lossPpm", 100L, "price", 60L);

  /** Slower, lossier and cheap. */
  private static final Map<String, Long> CHEAP =
      Map.of("throughputKbps", 40_000L, "latencyMicros", 8_000L, "lossPpm", 1_000L, "price", 20L);

  /**
   * {@code video}: throughput only, and both RPs reach its reference, so their q is equal and the
   * lower price wins; {@code haptics}: latency and loss, where the faster RP's q is higher by far
   * more than its price. Both RPs meet both flows' qmin and pmax.
   */
  private static final String FLOWS =
      """
      [{"flowId":"video","betaR":1000000,"betaT":0,"betaL":0,"mu":500000,
        "qMin":300000,"pMax":100,"refThroughputKbps":40000,"refLatencyMicros":20000,
        "refLossPpm":10000,"intervals":["t0","t1"]},
       {"flowId":"haptics","betaR":0,"betaT":800000,"betaL":200000,"mu":500000,
        "qMin":500000,"pMax":80,"refThroughputKbps":100000,"refLatencyMicros":20000,
        "refLossPpm":10000,"intervals":["t0"]}]
      """;

  private static SystemStack stack;
  private static WireTap tap;

  @BeforeAll
  static void start() throws Exception {
    stack = new SystemStack("multiflow");
    stack.startBridge();
    tap = stack.tap();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void twoOperatorsBid_theBridgeClosesTheWindow_eachFlowGoesToTheHigherUtility_andIsPaid()
      throws Exception {
    Rp fast = stack.rp("rp-fast", SystemStack.terms(2000, 2048), FAST);
    Rp cheap = stack.rp("rp-cheap", SystemStack.terms(2000, 2048), CHEAP);
    Fog fog = stack.fog("fog-mf");
    JsonArray flows = Json.parse(FLOWS).getAsJsonArray();
    Map<String, String> expected = new TreeMap<>();
    for (JsonElement flow : flows) {
      JsonObject f = flow.getAsJsonObject();
      double fastU = utility(f, FAST);
      double cheapU = utility(f, CHEAP);
      assertThat(fastU).as("no tie in " + f.get("flowId")).isNotCloseTo(cheapU, offset(1e-6));
      expected.put(f.get("flowId").getAsString(), fastU > cheapU ? fast.id() : cheap.id());
    }
    assertThat(expected)
        .as("the flows are chosen so that each RP wins one")
        .containsEntry("video", cheap.id())
        .containsEntry("haptics", fast.id());
    long fogBefore = stack.balance(fog.id());
    long fastBefore = stack.balance(fast.id());
    long cheapBefore = stack.balance(cheap.id());

    // The fog node asks, waits for the award and confirms service (it blocks until then).
    long began = System.nanoTime();
    ApplicationReport report =
        fog.agent()
            .requestApplication(
                new ApplicationRequestBody(
                    List.of(Json.fromJson(flows.toString(), FlowRequirement[].class)),
                    WINDOW_SECONDS));
    long endToEnd = (System.nanoTime() - began) / 1_000_000;
    String id = report.applicationId();

    // The application was broadcast to the RPs with its bid window.
    WireTap.Message opened =
        tap.await(
            "the application to the RPs",
            WAIT,
            m -> m.topic().equals(Topics.APPLICATIONS) && id.equals(m.payload("id")));
    assertThat(opened.event()).isEqualTo("ApplicationOpened");
    JsonObject application = stack.read(TransactionName.MULTIFLOW_GET_APPLICATION, id);
    Instant deadline = Instant.parse(application.get("bidDeadline").getAsString());
    assertThat(Duration.between(Instant.parse(application.get("openedAt").getAsString()), deadline))
        .isEqualTo(Duration.ofSeconds(WINDOW_SECONDS));

    // Each RP sent one bid per flow and interval (three), each committed.
    for (Rp rp : List.of(fast, cheap)) {
      List<WireTap.Message> bids =
          tap.all(receiptTo(rp.id()).and(m -> "flow-bid".equals(m.field("messageType"))));
      assertThat(bids).as("flow-bid receipts of " + rp.id()).hasSize(3);
      assertThat(bids).allSatisfy(m -> assertThat(m.field("status")).isEqualTo("COMMITTED"));
      assertThat(bids)
          .extracting(m -> m.result("flowId") + "/" + m.result("interval"))
          .containsExactlyInAnyOrder("video/t0", "video/t1", "haptics/t0");
    }

    // The bridge closed the window: the selection names, per flow and interval, the expected
    // winner among the two bids, with its configured terms.
    JsonObject selection = stack.read(TransactionName.MULTIFLOW_GET_APPLICATION_SELECTION, id);
    assertThat(selection.get("bidCount").getAsInt()).isEqualTo(6);
    assertThat(Instant.parse(selection.get("selectedAt").getAsString())).isAfter(deadline);
    Map<String, Long> earned = new TreeMap<>();
    long total = 0;
    JsonArray outcomes = selection.getAsJsonArray("outcomes");
    assertThat(outcomes).hasSize(3);
    for (JsonElement element : outcomes) {
      JsonObject outcome = element.getAsJsonObject();
      String flowId = outcome.get("flowId").getAsString();
      assertThat(outcome.get("bidCount").getAsInt()).as(flowId).isEqualTo(2);
      JsonObject bid = outcome.getAsJsonObject("winner").getAsJsonObject("bid");
      String winner = bid.get("bidderId").getAsString();
      assertThat(winner).as("the winner of " + flowId).isEqualTo(expected.get(flowId));
      Map<String, Long> terms = winner.equals(fast.id()) ? FAST : CHEAP;
      for (String field : List.of("throughputKbps", "latencyMicros", "lossPpm", "price")) {
        assertThat(bid.get(field).getAsLong()).as(flowId + " " + field).isEqualTo(terms.get(field));
      }
      earned.merge(winner, terms.get("price"), Long::sum);
      total += terms.get("price");
    }
    assertThat(selection.get("totalPrice").getAsLong()).isEqualTo(total);
    assertThat(report.totalPrice()).isEqualTo(total);
    assertThat(report.flows())
        .allSatisfy(f -> assertThat(f.rpId()).as(f.flowId()).isEqualTo(expected.get(f.flowId())));

    // The award reached each winner and the tenant.
    for (String rpId : List.of(fast.id(), cheap.id())) {
      tap.await(
          "the award to " + rpId,
          WAIT,
          notice(rpId, Downlink.AWARD, "ApplicationAwarded", "applicationId", id));
    }

    // The fog node confirmed: IN_SERVICE, the escrow released to the operators.
    assertThat(report.confirmed()).isTrue();
    assertThat(report.state()).isEqualTo("IN_SERVICE");
    tap.await(
        "the in-service notice to the tenant",
        WAIT,
        m -> m.isTo(fog.id(), Downlink.STATUS) && "ApplicationInService".equals(m.event()));
    assertThat(stack.read(TransactionName.MULTIFLOW_GET_APPLICATION, id).get("state").getAsString())
        .isEqualTo("IN_SERVICE");
    JsonObject escrow = stack.read(TransactionName.CREDIT_GET_ESCROW, id);
    assertThat(escrow.get("amount").getAsLong()).isEqualTo(total);
    assertThat(escrow.get("state").getAsString()).isEqualTo("RELEASED");
    assertThat(stack.balance(fog.id())).isEqualTo(fogBefore - total);
    assertThat(stack.balance(fast.id())).isEqualTo(fastBefore + earned.get(fast.id()));
    assertThat(stack.balance(cheap.id())).isEqualTo(cheapBefore + earned.get(cheap.id()));

    System.out.printf(
        "%s: %s; receipt %d ms, award %d ms, confirmation %d ms, end to end %d ms (agent) / %d"
            + " ms (test)%n",
        getClass().getSimpleName(),
        id,
        report.timings().receipt(),
        report.timings().award(),
        report.timings().confirmation(),
        report.timings().endToEnd(),
        endToEnd);
  }

  /**
   * The utility of an RP's terms for a flow, worked out in floating point from the definitions in
   * docs/tokens.md: each of R, T, L normalised against the flow's reference (higher is better), q
   * their weighted sum, u = µ(q − qmin) + (1 − µ)(pmax − p) with q and qmin in millionths and p,
   * pmax in minor units (one millionth of quality trades against one minor unit of price).
   */
  private static double utility(final JsonObject flow, final Map<String, Long> terms) {
    double one = 1_000_000.0;
    double r =
        Math.min(terms.get("throughputKbps"), flow.get("refThroughputKbps").getAsLong())
            / (double) flow.get("refThroughputKbps").getAsLong();
    double t =
        Math.max(0, flow.get("refLatencyMicros").getAsLong() - terms.get("latencyMicros"))
            / (double) flow.get("refLatencyMicros").getAsLong();
    double l =
        Math.max(0, flow.get("refLossPpm").getAsLong() - terms.get("lossPpm"))
            / (double) flow.get("refLossPpm").getAsLong();
    double q =
        r * flow.get("betaR").getAsLong()
            + t * flow.get("betaT").getAsLong()
            + l * flow.get("betaL").getAsLong();
    double mu = flow.get("mu").getAsLong() / one;
    double qMin = flow.get("qMin").getAsLong();
    assertThat(q).as("q of " + terms + " for " + flow.get("flowId")).isGreaterThanOrEqualTo(qMin);
    return mu * (q - qMin) + (1 - mu) * (flow.get("pMax").getAsLong() - terms.get("price"));
  }
}
