package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A multi-flow application bought flow by flow on the real network: a latency-sensitive flow over
 * two intervals and a throughput-sensitive flow, two operators bidding on each, the highest utility
 * winning each flow interval, escrow locked on close and paid on the fog node's confirmation, and
 * the application and flow tokens owned by the tenant (one of them then transferred by signature).
 */
class MultiFlowApplicationIT {

  private static NetworkClients clients;
  private static NetworkProfile profile;
  private static ChaincodeClient bridge;

  @BeforeAll
  static void connect() {
    clients = new NetworkClients();
    profile = clients.profile();
    bridge = clients.bridge();
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  private static Map<String, Object> flow(
      final String id, final long betaR, final long betaT, final List<String> intervals) {
    Map<String, Object> flow = new LinkedHashMap<>();
    flow.put("flowId", id);
    flow.put("betaR", betaR);
    flow.put("betaT", betaT);
    flow.put("betaL", 1_000_000 - betaR - betaT);
    flow.put("mu", 500_000);
    flow.put("qMin", 500_000);
    flow.put("pMax", 1000);
    flow.put("refThroughputKbps", 100_000);
    flow.put("refLatencyMicros", 10_000);
    flow.put("refLossPpm", 10_000);
    flow.put("intervals", intervals);
    return flow;
  }

  private static void bid(
      final NetworkDevice rp,
      final String id,
      final String flow,
      final String interval,
      final long kbps,
      final long micros,
      final long price) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationId", id);
    body.put("flowId", flow);
    body.put("interval", interval);
    body.put("throughputKbps", kbps);
    body.put("latencyMicros", micros);
    body.put("lossPpm", 0);
    body.put("price", price);
    bridge.submit(TransactionName.MULTIFLOW_SUBMIT_FLOW_BID, rp.sign(MessageType.FLOW_BID, body));
  }

  private static long balance(final String account) {
    return Json.parseObject(bridge.evaluate(TransactionName.CREDIT_BALANCE_OF, account))
        .get("balance")
        .getAsLong();
  }

  private static String owner(final String tokenId) {
    return Json.parseObject(bridge.evaluate(TransactionName.NFT_OWNER_OF, tokenId))
        .get("owner")
        .getAsString();
  }

  @Test
  void applicationBoughtFlowByFlow_escrowPaysEachOperatorOnConfirmation() throws Exception {
    NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog", "FOG_NODE");
    NetworkDevice fast =
        NetworkDevice.register(clients.providersAdmin(), "rp-fast", "RESOURCE_PROVIDER");
    NetworkDevice wide =
        NetworkDevice.register(clients.providersAdmin(), "rp-wide", "RESOURCE_PROVIDER");
    clients.fund(fog, 10_000);

    String request =
        fog.sign(
            MessageType.APPLICATION_REQUEST,
            Map.of(
                "flows",
                List.of(
                    flow("haptics", 0, 1_000_000, List.of("t0", "t1")),
                    flow("video", 1_000_000, 0, List.of("t0"))),
                "bidWindowSeconds",
                30));
    JsonObject application =
        Json.parseObject(
            bridge.submit(TransactionName.MULTIFLOW_REQUEST_APPLICATION, request).result());
    String id = application.get("id").getAsString();
    for (String interval : List.of("t0", "t1")) {
      bid(fast, id, "haptics", interval, 20_000, 1_000, 600);
      bid(wide, id, "haptics", interval, 100_000, 8_000, 600);
    }
    bid(fast, id, "video", "t0", 20_000, 1_000, 600);
    bid(wide, id, "video", "t0", 100_000, 8_000, 700);
    sleepUntil(Instant.parse(application.get("bidDeadline").getAsString()).plusSeconds(2));

    JsonObject selection =
        Json.parseObject(bridge.submit(TransactionName.MULTIFLOW_CLOSE_APPLICATION, id).result());

    JsonArray outcomes = selection.getAsJsonArray("outcomes");
    assertThat(outcomes).hasSize(3);
    assertThat(winner(outcomes, 0)).isEqualTo(fast.id());
    assertThat(winner(outcomes, 1)).isEqualTo(fast.id());
    assertThat(winner(outcomes, 2)).isEqualTo(wide.id());
    assertThat(selection.get("totalPrice").getAsLong()).isEqualTo(600 + 600 + 700);
    assertThat(balance(fog.account())).isEqualTo(10_000 - 1900);
    assertThat(
            Json.parseObject(bridge.evaluate(TransactionName.CREDIT_GET_ESCROW, id))
                .get("state")
                .getAsString())
        .isEqualTo("LOCKED");
    assertThat(owner("app:" + id)).isEqualTo(fog.account());
    assertThat(owner("flow:" + id + ":haptics:t1")).isEqualTo(fog.account());
    assertThat(owner("flow:" + id + ":video:t0")).isEqualTo(fog.account());

    bridge.submit(
        TransactionName.MULTIFLOW_CONFIRM_APPLICATION,
        fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id)));

    assertThat(balance(fast.account())).isEqualTo(1200);
    assertThat(balance(wide.account())).isEqualTo(700);
    assertThat(
            Json.parseObject(bridge.evaluate(TransactionName.MULTIFLOW_GET_APPLICATION, id))
                .get("state")
                .getAsString())
        .isEqualTo("IN_SERVICE");

    // The tenant hands one bought flow interval on, by signature.
    String tokenId = "flow:" + id + ":haptics:t1";
    bridge.submit(
        TransactionName.NFT_APPLY_SIGNED,
        fog.sign(
            MessageType.NFT_TRANSFER,
            Map.of(
                "action",
                "TRANSFER",
                "tokenId",
                tokenId,
                "from",
                fog.account(),
                "to",
                wide.account())));
    assertThat(owner(tokenId)).isEqualTo(wide.account());
  }

  private static String winner(final JsonArray outcomes, final int index) {
    return outcomes
        .get(index)
        .getAsJsonObject()
        .getAsJsonObject("winner")
        .getAsJsonObject("bid")
        .get("bidderId")
        .getAsString();
  }

  private static void sleepUntil(final Instant instant) throws InterruptedException {
    long millis = instant.toEpochMilli() - System.currentTimeMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
