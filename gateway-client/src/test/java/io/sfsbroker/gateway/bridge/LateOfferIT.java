package io.sfsbroker.gateway.bridge;

import static io.sfsbroker.gateway.bridge.MqttBridgeIT.assertCommitted;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.assertRejected;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.nonce;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.offer;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.offerLine;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.deadline.Windows;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An offer over MQTT more than {@link Windows#LATE_COMMIT} after the blueprint's offer deadline,
 * while the window is still open on the ledger: the bridge answers {@code LATE_OFFER} and nothing
 * is stored. Its bridge only relays ({@code fireDeadlines} false: no keeper), so that the offer
 * meets an open but expired window (the keeper closes a window when it is due, and an offer to a
 * closed one is {@code INVALID_STATE}); no other bridge runs meanwhile.
 */
class LateOfferIT {

  private static TestBroker broker;
  private static BridgeConfig config;
  private static Bridge bridge;

  @BeforeAll
  static void start() throws Exception {
    broker = new TestBroker();
    BridgeConfig base =
        broker.bridgeConfig(
            "it-late-" + System.nanoTime(), Files.createTempDirectory("sfsb-bridge-late"));
    config = base.relayOnly();
    bridge = Bridge.start(config);
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
      broker.dropSession(config);
    }
    broker.close();
  }

  @Test
  void offerAfterTheDeadline_isRejectedAsLate_andNotStored() throws Exception {
    try (TestDevice fog = broker.device("fog-late", "fog-node", true).connect();
        TestDevice rp = broker.device("rp-late", "rp", true).connect()) {
      String requestEnvelope = fog.sign(MessageType.SLICE_REQUEST, request(5));
      fog.publish(Uplink.REQUEST, requestEnvelope);
      JsonObject receipt = fog.receipt(nonce(requestEnvelope));
      assertCommitted(receipt);
      String id = receipt.getAsJsonObject("result").get("id").getAsString();
      Instant deadline =
          Instant.parse(receipt.getAsJsonObject("result").get("offerDeadline").getAsString());

      // Past the deadline and the time late commits are taken (with two seconds for the clocks),
      // the window not yet closed.
      long wait =
          Duration.between(Instant.now(), deadline.plus(Windows.LATE_COMMIT).plusSeconds(2))
              .toMillis();
      if (wait > 0) {
        Thread.sleep(wait);
      }
      String late =
          rp.sign(
              MessageType.OFFER,
              offer(id, offerLine("cpu-millicores", 10, 800), offerLine("memory-mib", 2, 512)));
      rp.publish(Uplink.OFFER, late);

      assertRejected(rp.receipt(nonce(late)), "LATE_OFFER");
      assertThat(broker.ledger.evaluate(TransactionName.SLICE_GET_SLICE, id))
          .contains("\"state\":\"OFFERING\"");
      assertThatThrownBy(() -> broker.ledger.evaluate(TransactionName.OFFER_GET_OFFER, id, rp.id))
          .isInstanceOfSatisfying(
              LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
      assertThat(
              Json.parseObject(
                      broker.ledger.evaluate(
                          TransactionName.OFFER_LIST_OFFERS,
                          Json.toJson(Map.of("blueprintId", id))))
                  .getAsJsonArray("items"))
          .isEmpty();
    }
  }
}
