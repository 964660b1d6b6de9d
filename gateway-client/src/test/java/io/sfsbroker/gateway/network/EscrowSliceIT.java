package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A slice paid from escrow on the real network: the treasury funds the fog node, the award locks
 * the price and mints the bundle tokens, the service confirmation pays each winning RP its price,
 * and the decommission burns the tokens without refunding the paid escrow.
 */
class EscrowSliceIT {

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

  private static long balance(final String account) {
    return Json.parseObject(bridge.evaluate(TransactionName.CREDIT_BALANCE_OF, account))
        .get("balance")
        .getAsLong();
  }

  private static long tokens(final String account) {
    return Json.parseObject(bridge.evaluate(TransactionName.NFT_BALANCE_OF, account))
        .get("balance")
        .getAsLong();
  }

  private static Map<String, Object> line(
      final String category, final long unitPrice, final long available, final long reserve) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("category", category);
    line.put("unitPrice", unitPrice);
    line.put("available", available);
    line.put("reservePrice", reserve);
    return line;
  }

  @Test
  void sliceBoughtFromEscrow_awardLocks_confirmationPaysTheRps_decommissionBurns()
      throws Exception {
    NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog", "FOG_NODE");
    NetworkDevice rpA =
        NetworkDevice.register(clients.providersAdmin(), "rp-a", "RESOURCE_PROVIDER");
    NetworkDevice rpB =
        NetworkDevice.register(clients.providersAdmin(), "rp-b", "RESOURCE_PROVIDER");
    clients.fund(fog, 1_000_000);
    assertThat(balance(fog.account())).isEqualTo(1_000_000);

    Map<String, Object> request = new LinkedHashMap<>();
    request.put(
        "categories",
        List.of(
            Map.of("category", "cpu-millicores", "amount", 500, "maxUnitPrice", 20),
            Map.of("category", "memory-mib", "amount", 256, "maxUnitPrice", 5)));
    request.put("offerWindowSeconds", 5);
    request.put("strategy", "LOWEST_OFFER");
    JsonObject blueprint =
        Json.parseObject(
            bridge
                .submit(
                    TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                    fog.sign(MessageType.SLICE_REQUEST, request))
                .result());
    String id = blueprint.get("id").getAsString();
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        rpA.sign(
            MessageType.OFFER,
            Map.of(
                "blueprintId",
                id,
                "categories",
                List.of(line("cpu-millicores", 18, 800, 8), line("memory-mib", 4, 1024, 1)))));
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        rpB.sign(
            MessageType.OFFER,
            Map.of("blueprintId", id, "categories", List.of(line("cpu-millicores", 12, 600, 5)))));
    sleepUntil(Instant.parse(blueprint.get("offerDeadline").getAsString()).plusSeconds(2));

    // Award: cpu 500 × 12 from rp-b, memory 256 × 4 from rp-a; the total is locked.
    JsonObject selection =
        Json.parseObject(bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id).result());
    assertThat(selection.get("status").getAsString()).isEqualTo("SELECTED");
    long total = selection.get("totalPrice").getAsLong();
    assertThat(total).isEqualTo(500 * 12 + 256 * 4);
    JsonObject escrow = Json.parseObject(bridge.evaluate(TransactionName.CREDIT_GET_ESCROW, id));
    assertThat(escrow.get("state").getAsString()).isEqualTo("LOCKED");
    assertThat(escrow.get("amount").getAsLong()).isEqualTo(total);
    assertThat(balance(fog.account())).isEqualTo(1_000_000 - total);
    assertThat(tokens(fog.account())).isEqualTo(2);
    assertThat(
            Json.parseObject(
                    bridge.evaluate(
                        TransactionName.NFT_OWNER_OF, "bundle:" + id + ":cpu-millicores"))
                .get("owner")
                .getAsString())
        .isEqualTo(fog.account());

    // Instantiation by both winners, then the fog node's service confirmation releases escrow.
    Map<String, NetworkDevice> devices = Map.of(rpA.id(), rpA, rpB.id(), rpB);
    Map<String, List<String>> won = new LinkedHashMap<>();
    for (JsonElement element : selection.getAsJsonArray("winners")) {
      JsonObject winner = element.getAsJsonObject();
      won.computeIfAbsent(winner.get("rpId").getAsString(), k -> new ArrayList<>())
          .add(winner.get("category").getAsString());
    }
    int port = 19080;
    for (Map.Entry<String, List<String>> entry : won.entrySet()) {
      List<Map<String, Object>> parts = new ArrayList<>();
      for (String category : entry.getValue()) {
        parts.add(
            Map.of(
                "category",
                category,
                "host",
                "127.0.0.1",
                "ports",
                List.of(port++),
                "instanceId",
                "sfsb-" + id + "-" + category));
      }
      bridge.submit(
          TransactionName.SLICE_CONFIRM_INSTANTIATION,
          devices
              .get(entry.getKey())
              .sign(MessageType.INSTANTIATION_CONFIRMATION, Map.of("sliceId", id, "parts", parts)));
    }
    bridge.submit(
        TransactionName.SLICE_CONFIRM_SERVICE,
        fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id, "status", "RECEIVED")));

    assertThat(
            Json.parseObject(bridge.evaluate(TransactionName.CREDIT_GET_ESCROW, id))
                .get("state")
                .getAsString())
        .isEqualTo("RELEASED");
    assertThat(balance(rpB.account())).isEqualTo(500 * 12);
    assertThat(balance(rpA.account())).isEqualTo(256 * 4);

    // Decommission after service: the payment stays with the RPs, the bundles are burned.
    bridge.submit(
        TransactionName.SLICE_DECOMMISSION,
        fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id, "status", "RELEASED")));
    assertThat(tokens(fog.account())).isZero();
    assertThat(balance(fog.account())).isEqualTo(1_000_000 - total);
    assertThat(balance(rpA.account()) + balance(rpB.account())).isEqualTo(total);
  }

  private static void sleepUntil(final Instant instant) throws InterruptedException {
    long millis = instant.toEpochMilli() - System.currentTimeMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
