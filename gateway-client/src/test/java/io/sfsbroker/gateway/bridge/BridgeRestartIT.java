package io.sfsbroker.gateway.bridge;

import static io.sfsbroker.gateway.bridge.MqttBridgeIT.isNotice;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.nonce;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.offer;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.offerLine;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.Transaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge stopped mid-flow (like a crash: nothing acknowledged, nothing flushed) and started
 * again with the same client id and state folder: every message sent before, during and after the
 * outage is committed exactly once, and chaincode events are relayed without gaps or repeats.
 */
class BridgeRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(120);

  private static TestBroker broker;

  @BeforeAll
  static void connect() {
    broker = new TestBroker();
  }

  @AfterAll
  static void close() {
    broker.close();
  }

  @Test
  void bridgeStoppedMidFlowAndRestarted_losesNothing_appliesNothingTwice() throws Exception {
    BridgeConfig config =
        broker.bridgeConfig(
            "it-restart-" + System.nanoTime(), Files.createTempDirectory("sfsb-bridge-restart"));
    Bridge first = Bridge.start(config);
    Bridge second = null;
    try (TestDevice fog = broker.device("fog-r", "fog-node", true).connect();
        TestDevice rpA = broker.device("rp-ra", "rp", true).connect();
        TestDevice rpB = broker.device("rp-rb", "rp", true).connect()) {

      // Before the outage: a request, committed and relayed.
      String request = fog.sign(MessageType.SLICE_REQUEST, request(25));
      fog.publish(Uplink.REQUEST, request);
      JsonObject receipt = fog.receipt(nonce(request));
      assertThat(receipt.get("status").getAsString()).isEqualTo("COMMITTED");
      String id = receipt.getAsJsonObject("result").get("id").getAsString();
      rpA.await("the blueprint", WAIT, r -> isNotice(r, "BlueprintPublished", "id", id));

      // Mid-flow: messages in flight when the bridge stops.
      List<String> sent = new ArrayList<>();
      Map<String, TestDevice> senders = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        String more = fog.sign(MessageType.SLICE_REQUEST, request(25));
        fog.publish(Uplink.REQUEST, more);
        sent.add(more);
        senders.put(nonce(more), fog);
      }
      String offerA =
          rpA.sign(
              MessageType.OFFER,
              offer(id, offerLine("cpu-millicores", 18, 800), offerLine("memory-mib", 4, 1024)));
      rpA.publish(Uplink.OFFER, offerA);
      senders.put(nonce(offerA), rpA);
      first.close();
      first = null;

      // During the outage: an offer queued by the broker for the bridge's persistent session, and
      // a blueprint committed directly on the ledger (its event must be relayed after restart).
      String offerB = rpB.sign(MessageType.OFFER, offer(id, offerLine("cpu-millicores", 12, 600)));
      rpB.publish(Uplink.OFFER, offerB);
      senders.put(nonce(offerB), rpB);
      String direct = fog.sign(MessageType.SLICE_REQUEST, request(25));
      String directId;
      try (GatewayConnection other =
          GatewayConnection.asUser(broker.profile.org("providers"), Deadlines.DEFAULT)) {
        directId =
            Json.parseObject(
                    new ChaincodeClient(
                            other.network(broker.profile.channel()), broker.profile.chaincode())
                        .submit(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, direct)
                        .result())
                .get("id")
                .getAsString();
      }

      second = Bridge.start(config);

      // Every message gets committed receipts only, all naming the same transaction.
      for (Map.Entry<String, TestDevice> entry : senders.entrySet()) {
        JsonObject answer = entry.getValue().receipt(entry.getKey());
        assertThat(answer.get("status").getAsString()).as(answer.toString()).isEqualTo("COMMITTED");
      }
      for (String envelope : sent) {
        String requestNonce = nonce(envelope);
        String requestId = MqttBridgeIT.sliceId(fog.id, requestNonce);
        assertThat(broker.ledger.evaluate(TransactionName.REQUEST_GET_REQUEST, requestId))
            .contains(requestId);
      }
      assertThat(broker.ledger.evaluate(TransactionName.OFFER_GET_OFFER, id, rpA.id))
          .contains(rpA.id);
      assertThat(broker.ledger.evaluate(TransactionName.OFFER_GET_OFFER, id, rpB.id))
          .contains(rpB.id);

      // The restarted bridge closes the window it learnt of before the outage.
      JsonObject selection = broker.awaitSelection(id);
      assertThat(selection.get("offerCount").getAsInt()).isEqualTo(2);
      JsonObject winner = selection.getAsJsonArray("winners").get(0).getAsJsonObject();
      TestDevice winnerDevice = winner.get("rpId").getAsString().equals(rpA.id) ? rpA : rpB;
      winnerDevice.await("the award", WAIT, r -> isNotice(r, "SliceAwarded", "sliceId", id));

      // Events are relayed in order by one reader, and one subscriber gets them in the order they
      // were published: the blueprint committed during the outage came before the award, so by
      // now it has arrived, once.
      assertThat(countNotices(winnerDevice, "BlueprintPublished", directId)).isEqualTo(1);
      Set<String> statuses =
          senders.entrySet().stream()
              .flatMap(
                  e ->
                      e.getValue().receiptsSoFar().stream()
                          .filter(r -> e.getKey().equals(r.get("nonce").getAsString())))
              .map(r -> r.get("status").getAsString())
              .collect(Collectors.toSet());
      assertThat(statuses).containsExactly("COMMITTED");
    } finally {
      if (first != null) {
        first.close();
      }
      if (second != null) {
        second.close();
      }
      broker.dropSession(config);
    }
  }

  @Test
  void transactionEndorsedBeforeACrash_isSubmittedAgainWithTheSameId_committedOrNot()
      throws Exception {
    BridgeConfig config =
        broker.bridgeConfig(
            "it-resume-" + System.nanoTime(), Files.createTempDirectory("sfsb-bridge-resume"));
    DedupeStore store = new DedupeStore(config.stateDir().resolve("messages"));
    try (TestDevice fog = broker.device("fog-e", "fog-node", true).connect();
        GatewayConnection asBridge =
            GatewayConnection.asUser(broker.profile.org("broker"), Deadlines.DEFAULT)) {
      ChaincodeClient client =
          new ChaincodeClient(
              asBridge.network(broker.profile.channel()), broker.profile.chaincode());

      // A crash after endorsing, before submitting: the record holds the signed transaction.
      String pending = fog.sign(MessageType.SLICE_REQUEST, request(25));
      Transaction neverSubmitted =
          client.endorse(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, pending);
      store.endorsed(
          fog.id, nonce(pending), Topics.uplink(fog.id, Uplink.REQUEST), neverSubmitted.getBytes());

      // A crash after the commit, before the receipt: the same, but it is on the ledger already.
      String applied = fog.sign(MessageType.SLICE_REQUEST, request(25));
      Transaction committed = client.endorse(TransactionName.REQUEST_SUBMIT_SLICE_REQUEST, applied);
      client.awaitCommit(client.submitEndorsed(committed), committed.getResult());
      store.endorsed(
          fog.id, nonce(applied), Topics.uplink(fog.id, Uplink.REQUEST), committed.getBytes());

      Bridge bridge = Bridge.start(config);
      try {
        fog.publish(Uplink.REQUEST, pending);
        fog.publish(Uplink.REQUEST, applied);
        JsonObject first = fog.receipt(nonce(pending));
        JsonObject second = fog.receipt(nonce(applied));

        assertThat(first.get("status").getAsString()).as(first.toString()).isEqualTo("COMMITTED");
        assertThat(first.get("transactionId").getAsString())
            .isEqualTo(neverSubmitted.getTransactionId());
        assertThat(second.get("status").getAsString()).as(second.toString()).isEqualTo("COMMITTED");
        assertThat(second.get("transactionId").getAsString())
            .isEqualTo(committed.getTransactionId());
        String appliedId = MqttBridgeIT.sliceId(fog.id, nonce(applied));
        assertThat(broker.ledger.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, appliedId))
            .containsOnlyOnce("\"OFFERING\"");
        assertThat(
                store
                    .find(fog.id, nonce(pending), Topics.uplink(fog.id, Uplink.REQUEST))
                    .get()
                    .state())
            .isEqualTo(DedupeStore.State.DONE);
      } finally {
        bridge.close();
        broker.dropSession(config);
      }
    }
  }

  private static long countNotices(final TestDevice device, final String event, final String id) {
    return device.allSoFar().stream().filter(r -> isNotice(r, event, "id", id)).count();
  }
}
