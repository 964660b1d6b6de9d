package io.sfsbroker.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.gateway.ledger.Stage;
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
 * The QoE screen on the real network (docs/selection.md, <i>QoE</i>): offers carry per-category QoE
 * terms, malformed terms are refused by the endorsing peers, and an offer that cannot meet the
 * request's QoE needs never wins, with the reason in the committed selection record.
 */
class QoeSelectionIT {

  private static final long WINDOW_SECONDS = 5;

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

  private static Map<String, Object> cpu(final long ask, final Map<String, Object> qoe) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("category", "cpu-millicores");
    line.put("unitPrice", ask);
    line.put("available", 1000);
    line.put("reservePrice", 1);
    if (qoe != null) {
      line.put("qoe", qoe);
    }
    return line;
  }

  private static String offer(
      final NetworkDevice rp, final String blueprintId, final Map<String, Object> line) {
    return rp.sign(
        MessageType.OFFER, Map.of("blueprintId", blueprintId, "categories", List.of(line)));
  }

  @Test
  void offerThatMissesTheLatencyNeed_isExcludedWithItsReason_andTheOtherWins() throws Exception {
    NetworkDevice fog = NetworkDevice.register(clients.tenantsAdmin(), "fog-qoe", "FOG_NODE");
    NetworkDevice far =
        NetworkDevice.register(clients.providersAdmin(), "rp-far", "RESOURCE_PROVIDER");
    NetworkDevice near =
        NetworkDevice.register(clients.providersAdmin(), "rp-near", "RESOURCE_PROVIDER");
    clients.fund(fog, 1_000_000);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put(
        "categories",
        List.of(Map.of("category", "cpu-millicores", "amount", 500, "maxUnitPrice", 20)));
    request.put("qoe", Map.of("maxLatencyMicros", 1500, "peakDataRateMbps", 100));
    request.put("offerWindowSeconds", WINDOW_SECONDS);
    JsonObject blueprint =
        Json.parseObject(
            bridge
                .submit(
                    TransactionName.REQUEST_SUBMIT_SLICE_REQUEST,
                    fog.sign(MessageType.SLICE_REQUEST, request))
                .result());
    String id = blueprint.get("id").getAsString();

    assertThatThrownBy(
            () ->
                bridge.submit(
                    TransactionName.OFFER_SUBMIT_OFFER,
                    offer(far, id, cpu(5, Map.of("latencyMicros", -1)))))
        .isInstanceOfSatisfying(
            LedgerException.class,
            e -> {
              assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
              assertThat(e.stage()).isEqualTo(Stage.ENDORSE);
              assertThat(e.getMessage()).contains("latencyMicros");
            });
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        offer(far, id, cpu(5, Map.of("latencyMicros", 20_000, "bandwidthMbps", 1000))));
    bridge.submit(
        TransactionName.OFFER_SUBMIT_OFFER,
        offer(near, id, cpu(15, Map.of("latencyMicros", 900, "bandwidthMbps", 100))));
    long millis =
        Instant.parse(blueprint.get("offerDeadline").getAsString()).plusSeconds(2).toEpochMilli()
            - System.currentTimeMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }

    JsonObject selection =
        Json.parseObject(bridge.submit(TransactionName.SELECTION_CLOSE_AND_SELECT, id).result());

    assertThat(selection.get("status").getAsString()).isEqualTo("SELECTED");
    JsonObject winner = selection.getAsJsonArray("winners").get(0).getAsJsonObject();
    assertThat(winner.get("rpId").getAsString()).isEqualTo(near.id());
    JsonArray excluded = selection.getAsJsonArray("qoeExcluded");
    assertThat(excluded).hasSize(1);
    assertThat(excluded.get(0).getAsJsonObject().get("rpId").getAsString()).isEqualTo(far.id());
    assertThat(excluded.get(0).getAsJsonObject().get("reason").getAsString())
        .isEqualTo("guarantees 20000 µs latency, the tenant needs at most 1500 µs");
    // The table is recomputed from the same screened offers on the peers: its digest matches.
    JsonObject table =
        Json.parseObject(bridge.evaluate(TransactionName.SELECTION_GET_EQUILIBRIUM_TABLE, id));
    assertThat(table.toString()).contains(near.id()).doesNotContain(far.id());
  }
}
