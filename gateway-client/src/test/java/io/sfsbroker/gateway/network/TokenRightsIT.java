package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
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
 * Tokens are rights, on the real network: fog A's slice token and application token are transferred
 * to fog B by A's signed {@code nft-transfer}; A is then refused the endpoints, the confirmation
 * and the decommission (or release), B gets and does them; a transfer by a non-owner and of a token
 * that does not exist are refused.
 */
class TokenRightsIT {

  private static NetworkClients clients;
  private static ChaincodeClient bridge;

  @BeforeAll
  static void connect() {
    clients = new NetworkClients();
    bridge = clients.bridge();
  }

  @AfterAll
  static void close() {
    clients.close();
  }

  @Test
  void sliceTokenTransferred_theOldOwnerIsRefused_theNewOneReadsEndpointsAndDecommissions()
      throws Exception {
    NetworkDevice fogA = NetworkDevice.register(clients.tenantsAdmin(), "fog-a", "FOG_NODE");
    NetworkDevice fogB = NetworkDevice.register(clients.tenantsAdmin(), "fog-b", "FOG_NODE");
    NetworkDevice rp = NetworkDevice.register(clients.providersAdmin(), "rp", "RESOURCE_PROVIDER");
    clients.fund(fogA, 100_000);
    String id = activeSlice(fogA, rp);
    String token = "bundle:" + id + ":cpu-millicores";
    assertThat(endpoints(id, fogA.account()).getAsJsonArray("endpoints")).hasSize(1);

    transfer(fogA, fogA.account(), fogB.account(), token);

    assertThat(owner(token)).isEqualTo(fogB.account());
    assertRejected(() -> endpoints(id, fogA.account()), "FORBIDDEN");
    assertRejected(() -> service(fogA, id, "RECEIVED"), "FORBIDDEN");
    assertRejected(() -> service(fogA, id, "RELEASED"), "FORBIDDEN");
    assertRejected(() -> transfer(fogA, fogB.account(), fogA.account(), token), "FORBIDDEN");
    assertRejected(
        () -> transfer(fogB, fogB.account(), fogA.account(), token + "-none"), "NOT_FOUND");
    assertThat(state(id)).isEqualTo("ACTIVE");
    assertThat(owner(token)).isEqualTo(fogB.account());

    JsonObject held = endpoints(id, fogB.account());
    assertThat(held.get("holder").getAsString()).isEqualTo(fogB.account());
    JsonObject endpoint = held.getAsJsonArray("endpoints").get(0).getAsJsonObject();
    assertThat(endpoint.get("host").getAsString()).isEqualTo("127.0.0.1");
    assertThat(endpoint.get("rpId").getAsString()).isEqualTo(rp.id());
    service(fogB, id, "RECEIVED");
    assertThat(state(id)).isEqualTo("IN_SERVICE");
    service(fogB, id, "RELEASED");
    assertThat(state(id)).isEqualTo("DECOMMISSIONED");
    assertRejected(() -> owner(token), "NOT_FOUND");
  }

  @Test
  void applicationTokenTransferred_theOldOwnerIsRefused_theNewOneConfirmsAndReleases()
      throws Exception {
    NetworkDevice fogA = NetworkDevice.register(clients.tenantsAdmin(), "fog-a", "FOG_NODE");
    NetworkDevice fogB = NetworkDevice.register(clients.tenantsAdmin(), "fog-b", "FOG_NODE");
    NetworkDevice rp = NetworkDevice.register(clients.providersAdmin(), "rp", "RESOURCE_PROVIDER");
    clients.fund(fogA, 10_000);
    String id = awardedApplication(fogA, rp);
    String token = "app:" + id;

    transfer(fogA, fogA.account(), fogB.account(), token);

    assertRejected(() -> application(fogA, id, "RECEIVED"), "FORBIDDEN");
    assertRejected(() -> application(fogA, id, "RELEASED"), "FORBIDDEN");
    assertRejected(() -> transfer(fogA, fogB.account(), fogA.account(), token), "FORBIDDEN");
    assertThat(applicationState(id)).isEqualTo("AWARDED");

    application(fogB, id, "RECEIVED");
    assertThat(applicationState(id)).isEqualTo("IN_SERVICE");
    assertThat(balance(rp.account())).isEqualTo(600);
    application(fogB, id, "RELEASED");
    assertThat(applicationState(id)).isEqualTo("RELEASED");
    assertThat(balance(rp.account())).isEqualTo(600);
    assertRejected(() -> owner(token), "NOT_FOUND");
  }

  /** A one-category slice of {@code fog} won by {@code rp}, its part confirmed: ACTIVE. */
  private static String activeSlice(final NetworkDevice fog, final NetworkDevice rp)
      throws InterruptedException {
    Map<String, Object> request =
        Map.of(
            "categories",
            List.of(Map.of("category", "cpu-millicores", "amount", 250, "maxUnitPrice", 20)),
            "offerWindowSeconds",
            5);
    JsonObject blueprint =
        Json.parseObject(
            bridge
                .submit(
                    TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                    fog.sign(MessageType.SLICE_REQUEST, request))
                .result());
    String id = blueprint.get("id").getAsString();
    Map<String, Object> line =
        Map.of("category", "cpu-millicores", "unitPrice", 10, "available", 500, "reservePrice", 4);
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        rp.sign(MessageType.OFFER, Map.of("blueprintId", id, "categories", List.of(line))));
    sleepUntil(Instant.parse(blueprint.get("offerDeadline").getAsString()).plusSeconds(2));
    bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id);
    Map<String, Object> part =
        Map.of(
            "category",
            "cpu-millicores",
            "host",
            "127.0.0.1",
            "ports",
            List.of(18998),
            "instanceId",
            "sfsb-" + id + "-cpu");
    bridge.submit(
        TransactionName.SLICE_CONFIRM_INSTANTIATION,
        rp.sign(
            MessageType.INSTANTIATION_CONFIRMATION, Map.of("sliceId", id, "parts", List.of(part))));
    assertThat(state(id)).isEqualTo("ACTIVE");
    return id;
  }

  /** A one-flow application of {@code fog}, its one interval bought from {@code rp} for 600. */
  private static String awardedApplication(final NetworkDevice fog, final NetworkDevice rp)
      throws InterruptedException {
    Map<String, Object> flow = new LinkedHashMap<>();
    flow.put("flowId", "haptics");
    flow.put("betaR", 0);
    flow.put("betaT", 1_000_000);
    flow.put("betaL", 0);
    flow.put("mu", 500_000);
    flow.put("qMin", 500_000);
    flow.put("pMax", 1000);
    flow.put("refThroughputKbps", 100_000);
    flow.put("refLatencyMicros", 10_000);
    flow.put("refLossPpm", 10_000);
    flow.put("intervals", List.of("t0"));
    String request =
        fog.sign(
            MessageType.APPLICATION_REQUEST, Map.of("flows", List.of(flow), "bidWindowSeconds", 5));
    JsonObject application =
        Json.parseObject(
            bridge.submit(TransactionName.MULTIFLOW_REQUEST_APPLICATION, request).result());
    String id = application.get("id").getAsString();
    Map<String, Object> bid = new LinkedHashMap<>();
    bid.put("applicationId", id);
    bid.put("flowId", "haptics");
    bid.put("interval", "t0");
    bid.put("throughputKbps", 20_000);
    bid.put("latencyMicros", 1_000);
    bid.put("lossPpm", 0);
    bid.put("price", 600);
    bridge.submit(TransactionName.MULTIFLOW_SUBMIT_FLOW_BID, rp.sign(MessageType.FLOW_BID, bid));
    sleepUntil(Instant.parse(application.get("bidDeadline").getAsString()).plusSeconds(2));
    bridge.submit(TransactionName.MULTIFLOW_CLOSE_APPLICATION, id);
    assertThat(applicationState(id)).isEqualTo("AWARDED");
    return id;
  }

  private static void transfer(
      final NetworkDevice signer, final String from, final String to, final String tokenId) {
    bridge.submit(
        TransactionName.NFT_APPLY_SIGNED,
        signer.sign(
            MessageType.NFT_TRANSFER,
            Map.of("action", "TRANSFER", "tokenId", tokenId, "from", from, "to", to)));
  }

  private static void service(final NetworkDevice fog, final String id, final String status) {
    TransactionName transaction =
        "RELEASED".equals(status)
            ? TransactionName.SLICE_DECOMMISSION
            : TransactionName.SLICE_CONFIRM_SERVICE;
    bridge.submit(
        transaction,
        fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id, "status", status)));
  }

  private static void application(final NetworkDevice fog, final String id, final String status) {
    TransactionName transaction =
        "RELEASED".equals(status)
            ? TransactionName.MULTIFLOW_RELEASE_APPLICATION
            : TransactionName.MULTIFLOW_CONFIRM_APPLICATION;
    bridge.submit(
        transaction,
        fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("applicationId", id, "status", status)));
  }

  private static JsonObject endpoints(final String id, final String account) {
    return Json.parseObject(
        bridge.evaluate(TransactionName.SLICE_GET_SLICE_ENDPOINTS, id, account));
  }

  private static String owner(final String tokenId) {
    return Json.parseObject(bridge.evaluate(TransactionName.NFT_OWNER_OF, tokenId))
        .get("owner")
        .getAsString();
  }

  private static String state(final String id) {
    return Json.parseObject(bridge.evaluate(TransactionName.SLICE_GET_SLICE, id))
        .get("state")
        .getAsString();
  }

  private static String applicationState(final String id) {
    return Json.parseObject(bridge.evaluate(TransactionName.MULTIFLOW_GET_APPLICATION, id))
        .get("state")
        .getAsString();
  }

  private static long balance(final String account) {
    return Json.parseObject(bridge.evaluate(TransactionName.CREDIT_BALANCE_OF, account))
        .get("balance")
        .getAsLong();
  }

  private static void assertRejected(final Runnable call, final String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static void sleepUntil(final Instant instant) throws InterruptedException {
    long millis = instant.toEpochMilli() - System.currentTimeMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
