package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker's whole on-chain flow on the real network, driven by signed envelopes submitted
 * directly (no MQTT): register, request, offers, close and select, instantiation confirmations,
 * service confirmation — plus a replayed and a forged envelope, rejected by the endorsing peers.
 */
class BrokerFlowIT {

  private static final long WINDOW_SECONDS = 5;

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

  private static Map<String, Object> line(
      final String category, final long unitPrice, final long available, final long reserve) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("category", category);
    line.put("unitPrice", unitPrice);
    line.put("available", available);
    line.put("reservePrice", reserve);
    return line;
  }

  private static Map<String, Object> category(
      final String name, final long amount, final long maxUnitPrice) {
    Map<String, Object> category = new LinkedHashMap<>();
    category.put("category", name);
    category.put("amount", amount);
    category.put("maxUnitPrice", maxUnitPrice);
    return category;
  }

  @Test
  void wholeFlow_withSignedEnvelopes_endsInService_andRejectsReplaysAndForgeries()
      throws Exception {
    NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog", "FOG_NODE");
    NetworkDevice rpA =
        NetworkDevice.register(clients.providersAdmin(), "rp-a", "RESOURCE_PROVIDER");
    NetworkDevice rpB =
        NetworkDevice.register(clients.providersAdmin(), "rp-b", "RESOURCE_PROVIDER");
    clients.fund(fog, 1_000_000);

    // Steps 1-4: the fog node's signed request becomes a blueprint with an offer window.
    Map<String, Object> request = new LinkedHashMap<>();
    request.put(
        "categories", List.of(category("cpu-millicores", 500, 20), category("memory-mib", 256, 5)));
    request.put("offerWindowSeconds", WINDOW_SECONDS);
    String requestEnvelope = fog.sign(MessageType.SLICE_REQUEST, request);
    Committed submitted =
        bridge.submit(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, requestEnvelope);
    JsonObject blueprint = Json.parseObject(submitted.result());
    String id = blueprint.get("id").getAsString();
    Instant deadline = Instant.parse(blueprint.get("offerDeadline").getAsString());
    assertThat(blueprint.getAsJsonArray("categories")).hasSize(2);

    // Replayed request: refused by the endorsing peers, so nothing reaches the orderers.
    assertRejected(
        () -> bridge.submit(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, requestEnvelope),
        "REPLAY");
    // Forged request: claims to be the fog node but is signed with another key.
    NetworkDevice impostor = new NetworkDevice(fog.id(), P256.generateKeyPair());
    assertRejected(
        () ->
            bridge.submit(
                TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                impostor.sign(MessageType.SLICE_REQUEST, request)),
        "BAD_SIGNATURE");

    // Steps 5-7: two RPs offer; rp-b serves only the CPU category.
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        offer(rpA, id, line("cpu-millicores", 18, 800, 8), line("memory-mib", 4, 1024, 1)));
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER, offer(rpB, id, line("cpu-millicores", 12, 600, 5)));
    assertThat(
            Json.parseObject(bridge.evaluate(TransactionName.OFFER_GET_OFFER, id, rpB.id()))
                .get("rpId")
                .getAsString())
        .isEqualTo(rpB.id());

    // Step 8: after the window, anyone may close it; the selection runs on chain.
    sleepUntil(deadline.plusSeconds(2));
    JsonObject selection =
        Json.parseObject(bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id).result());
    assertThat(selection.get("status").getAsString()).isEqualTo("SELECTED");
    Map<String, List<String>> categoriesByWinner = new TreeMap<>();
    for (JsonElement element : selection.getAsJsonArray("winners")) {
      JsonObject winner = element.getAsJsonObject();
      assertThat(winner.get("unitPrice").getAsLong())
          .isLessThanOrEqualTo(
              winner.get("category").getAsString().equals("cpu-millicores") ? 20 : 5);
      categoriesByWinner
          .computeIfAbsent(winner.get("rpId").getAsString(), k -> new ArrayList<>())
          .add(winner.get("category").getAsString());
    }
    assertThat(categoriesByWinner.values().stream().mapToInt(List::size).sum()).isEqualTo(2);
    assertThat(categoriesByWinner.keySet()).isSubsetOf(rpA.id(), rpB.id());
    JsonObject table =
        Json.parseObject(bridge.evaluate(TransactionName.SELECTION_GET_EQUILIBRIUM_TABLE, id));
    assertThat(table.get("tableDigest").getAsString())
        .isEqualTo(selection.get("tableDigest").getAsString());

    // Late offer: the window has closed.
    assertRejected(
        () ->
            bridge.submit(
                TransactionName.OFFER_SUBMIT_OFFER, offer(rpB, id, line("memory-mib", 3, 512, 1))),
        "LATE_OFFER",
        "INVALID_STATE");

    // Steps 9-10: every winner confirms its part; the last one makes the slice ACTIVE.
    long firstConfirmationBlock = Long.MAX_VALUE;
    int port = 18080;
    Map<String, NetworkDevice> devices = Map.of(rpA.id(), rpA, rpB.id(), rpB);
    for (Map.Entry<String, List<String>> entry : categoriesByWinner.entrySet()) {
      List<Map<String, Object>> parts = new ArrayList<>();
      for (String category : entry.getValue()) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("category", category);
        part.put("host", "127.0.0.1");
        part.put("ports", List.of(port++));
        part.put("instanceId", "sfsb-" + id + "-" + category);
        parts.add(part);
      }
      Committed confirmed =
          bridge.submit(
              TransactionName.SLICE_CONFIRM_INSTANTIATION,
              devices
                  .get(entry.getKey())
                  .sign(
                      MessageType.INSTANTIATION_CONFIRMATION,
                      Map.of("sliceId", id, "parts", parts)));
      firstConfirmationBlock = Math.min(firstConfirmationBlock, confirmed.blockNumber());
    }
    JsonObject slice = Json.parseObject(bridge.evaluate(TransactionName.SLICE_GET_SLICE, id));
    assertThat(slice.get("state").getAsString()).isEqualTo("ACTIVE");
    assertThat(slice.getAsJsonArray("endpoints")).hasSize(2);
    assertThat(sliceReadyEvent(id, firstConfirmationBlock)).contains(id);

    // Steps 11-12: the fog node confirms service.
    bridge.submit(
        TransactionName.SLICE_CONFIRM_SERVICE,
        fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id, "status", "RECEIVED")));
    assertThat(
            Json.parseObject(bridge.evaluate(TransactionName.SLICE_GET_SLICE, id))
                .get("state")
                .getAsString())
        .isEqualTo("IN_SERVICE");
    assertThat(bridge.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, id))
        .contains("AWARDED", "ACTIVE", "IN_SERVICE");
  }

  private static String offer(
      final NetworkDevice rp, final String blueprintId, final Object... lines) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("blueprintId", blueprintId);
    body.put("categories", List.of(lines));
    return rp.sign(MessageType.OFFER, body);
  }

  private static String sliceReadyEvent(final String sliceId, final long fromBlock) {
    try (CloseableIterator<ChaincodeEvent> events =
        clients
            .bridgeConnection()
            .network(profile.channel())
            .newChaincodeEventsRequest(profile.chaincode())
            .startBlock(fromBlock)
            .build()
            .getEvents(options -> options.withDeadlineAfter(30, TimeUnit.SECONDS))) {
      while (events.hasNext()) {
        ChaincodeEvent event = events.next();
        String payload = new String(event.getPayload(), StandardCharsets.UTF_8);
        if (event.getEventName().equals("SliceReady") && payload.contains(sliceId)) {
          return payload;
        }
      }
    }
    return "";
  }

  private static void assertRejected(final Runnable call, final String... codes) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.code()).isIn((Object[]) codes);
              assertThat(e.stage()).isEqualTo(Stage.ENDORSE);
            });
  }

  private static void sleepUntil(final Instant instant) throws InterruptedException {
    long millis = instant.toEpochMilli() - System.currentTimeMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
