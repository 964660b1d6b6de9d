package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.envelope.UnverifiedEnvelope;
import io.sfsbroker.protocol.keys.P256;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge on the real network and the real Mosquitto, with devices as Paho clients holding
 * certificates from {@code ./sfsbroker mqtt issue}: the whole flow over MQTT, and bad input that
 * gets an error receipt (or is refused by the broker) and changes nothing on the ledger.
 */
class MqttBridgeIT {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private static TestBroker broker;
  private static BridgeConfig config;
  private static Bridge bridge;

  @BeforeAll
  static void start() throws Exception {
    broker = new TestBroker();
    config =
        broker.bridgeConfig(
            "it-bridge-" + System.nanoTime(), Files.createTempDirectory("sfsb-bridge-it"));
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

  static Map<String, Object> category(final String name, final long amount, final long max) {
    Map<String, Object> category = new LinkedHashMap<>();
    category.put("category", name);
    category.put("amount", amount);
    category.put("maxUnitPrice", max);
    return category;
  }

  static Map<String, Object> request(final long windowSeconds) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put(
        "categories", List.of(category("cpu-millicores", 500, 20), category("memory-mib", 256, 5)));
    request.put("offerWindowSeconds", windowSeconds);
    return request;
  }

  static Map<String, Object> offerLine(
      final String category, final long unitPrice, final long available) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("category", category);
    line.put("unitPrice", unitPrice);
    line.put("available", available);
    line.put("reservePrice", 1);
    return line;
  }

  static Map<String, Object> offer(final String blueprintId, final Object... lines) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("blueprintId", blueprintId);
    body.put("categories", List.of(lines));
    return body;
  }

  static String nonce(final String envelope) throws Exception {
    return UnverifiedEnvelope.parse(envelope).nonce();
  }

  /** The slice id the chaincode derives from a request envelope (docs/contracts.md). */
  static String sliceId(final String signer, final String nonce) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest((signer + "\0" + nonce).getBytes(StandardCharsets.UTF_8));
    return "s-" + HexFormat.of().formatHex(digest).substring(0, 24);
  }

  static void assertCommitted(final JsonObject receipt) {
    assertThat(receipt.get("status").getAsString()).as(receipt.toString()).isEqualTo("COMMITTED");
    assertThat(receipt.get("transactionId").getAsString()).isNotBlank();
  }

  static void assertRejected(final JsonObject receipt, final String code) {
    assertThat(receipt.get("status").getAsString()).as(receipt.toString()).isEqualTo("REJECTED");
    assertThat(receipt.get("code").getAsString()).as(receipt.toString()).isEqualTo(code);
    assertThat(receipt.get("reason").getAsString()).isNotBlank();
  }

  static void assertNotOnLedger(final TransactionName tx, final String... args) {
    assertThatThrownBy(() -> broker.ledger.evaluate(tx, args))
        .isInstanceOfSatisfying(
            LedgerException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));
  }

  @Test
  void wholeFlowOverMqtt_requestBlueprintOffersAwardConfirmationsHandover() throws Exception {
    try (TestDevice fog = broker.device("fog", "fog-node", true).connect();
        TestDevice rpA = broker.device("rp-a", "rp", true).connect();
        TestDevice rpB = broker.device("rp-b", "rp", true).connect()) {

      // Steps 1-4: the request's receipt carries the blueprint; the blueprint reaches the RPs.
      String requestEnvelope = fog.sign(MessageType.SLICE_REQUEST, request(8));
      fog.publish(Uplink.REQUEST, requestEnvelope);
      JsonObject requestReceipt = fog.receipt(nonce(requestEnvelope));
      assertCommitted(requestReceipt);
      String id = requestReceipt.getAsJsonObject("result").get("id").getAsString();
      assertThat(id).isEqualTo(sliceId(fog.id, nonce(requestEnvelope)));
      for (TestDevice rp : List.of(rpA, rpB)) {
        JsonObject blueprint =
            rp.await("the blueprint", WAIT, r -> isNotice(r, "BlueprintPublished", "id", id))
                .body();
        assertThat(blueprint.getAsJsonObject("payload").getAsJsonArray("categories")).hasSize(2);
      }

      // Steps 5-7: both RPs offer; rp-b only CPU.
      String offerA =
          rpA.sign(
              MessageType.OFFER,
              offer(id, offerLine("cpu-millicores", 18, 800), offerLine("memory-mib", 4, 1024)));
      String offerB = rpB.sign(MessageType.OFFER, offer(id, offerLine("cpu-millicores", 12, 600)));
      rpA.publish(Uplink.OFFER, offerA);
      rpB.publish(Uplink.OFFER, offerB);
      assertCommitted(rpA.receipt(nonce(offerA)));
      assertCommitted(rpB.receipt(nonce(offerB)));

      // Step 8: the bridge closes the window when it expires; the award reaches every winner.
      Map<String, List<String>> categoriesByWinner = new TreeMap<>();
      Map<String, TestDevice> rps = Map.of(rpA.id, rpA, rpB.id, rpB);
      JsonObject selection = broker.awaitSelection(id);
      assertThat(selection.get("status").getAsString()).isEqualTo("SELECTED");
      for (JsonElement element : selection.getAsJsonArray("winners")) {
        JsonObject winner = element.getAsJsonObject();
        categoriesByWinner
            .computeIfAbsent(winner.get("rpId").getAsString(), k -> new ArrayList<>())
            .add(winner.get("category").getAsString());
      }
      assertThat(categoriesByWinner.keySet()).isNotEmpty().isSubsetOf(rpA.id, rpB.id);

      // Steps 9-10: each winner hears its award and confirms its part over MQTT.
      int port = 19080;
      for (Map.Entry<String, List<String>> entry : categoriesByWinner.entrySet()) {
        TestDevice rp = rps.get(entry.getKey());
        JsonObject award =
            rp.await("the award", WAIT, r -> isNotice(r, "SliceAwarded", "sliceId", id)).body();
        assertThat(award.get("event").getAsString()).isEqualTo("SliceAwarded");
        List<Map<String, Object>> parts = new ArrayList<>();
        for (String category : entry.getValue()) {
          Map<String, Object> part = new LinkedHashMap<>();
          part.put("category", category);
          part.put("host", "127.0.0.1");
          part.put("ports", List.of(port++));
          part.put("instanceId", "sfsb-" + id + "-" + category);
          parts.add(part);
        }
        String confirmation =
            rp.sign(MessageType.INSTANTIATION_CONFIRMATION, Map.of("sliceId", id, "parts", parts));
        rp.publish(Uplink.INSTANTIATION, confirmation);
        assertCommitted(rp.receipt(nonce(confirmation)));
      }

      // Step 11: the fog node receives the handover with every endpoint.
      JsonObject handover =
          fog.await("the handover", WAIT, r -> isNotice(r, "SliceReady", "id", id)).body();
      assertThat(handover.get("event").getAsString()).isEqualTo("SliceReady");
      assertThat(handover.getAsJsonObject("payload").get("state").getAsString())
          .isEqualTo("ACTIVE");
      assertThat(handover.getAsJsonObject("payload").getAsJsonArray("endpoints")).hasSize(2);

      // Step 12: the fog node confirms service over MQTT.
      String service =
          fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id, "status", "RECEIVED"));
      fog.publish(Uplink.SERVICE, service);
      assertCommitted(fog.receipt(nonce(service)));
      assertThat(broker.ledger.evaluate(TransactionName.SLICE_GET_SLICE, id))
          .contains("\"state\":\"IN_SERVICE\"");
    }
  }

  @Test
  void badInputOverMqtt_getsErrorReceiptsAndChangesNothing() throws Exception {
    try (TestDevice fog = broker.device("fog-bad", "fog-node", true).connect();
        TestDevice other = broker.device("fog-other", "fog-node", true).connect();
        TestDevice ghost = broker.device("ghost", "fog-node", false).connect()) {

      // Garbage.
      fog.publish(Uplink.REQUEST, "this is not an envelope");
      // Oversize for an envelope, but within the broker's packet limit.
      byte[] big = new byte[200_000];
      Arrays.fill(big, (byte) 'A');
      fog.publish(Topics.uplink(fog.id, Uplink.REQUEST), big);
      List<String> codes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        JsonObject receipt =
            fog.await(
                    "an error receipt without a nonce",
                    WAIT,
                    r ->
                        r.topic().endsWith("/receipt")
                            && r.body().get("nonce") == null
                            && !codes.contains(r.body().get("code").getAsString()))
                .body();
        codes.add(receipt.get("code").getAsString());
        assertThat(receipt.get("status").getAsString()).isEqualTo("REJECTED");
      }
      assertThat(codes).containsExactlyInAnyOrder("MALFORMED", "TOO_LARGE");

      // Bad signature: claims to be the fog node, signed with another key.
      ECPrivateKey otherKey = (ECPrivateKey) P256.generateKeyPair().getPrivate();
      String forged =
          new EnvelopeSigner(fog.id, otherKey, Clock.systemUTC())
              .sign(MessageType.SLICE_REQUEST, request(20));
      fog.publish(Uplink.REQUEST, forged);
      assertRejected(fog.receipt(nonce(forged)), "BAD_SIGNATURE");
      assertNotOnLedger(TransactionName.REQUEST_GET_REQUEST, sliceId(fog.id, nonce(forged)));

      // Unknown device: a valid MQTT certificate, but not a registered participant.
      String unknown = ghost.sign(MessageType.SLICE_REQUEST, request(20));
      ghost.publish(Uplink.REQUEST, unknown);
      assertRejected(ghost.receipt(nonce(unknown)), "FORBIDDEN");
      assertNotOnLedger(TransactionName.REQUEST_GET_REQUEST, sliceId(ghost.id, nonce(unknown)));

      // Another device's envelope relayed by this one.
      String othersRequest = other.sign(MessageType.SLICE_REQUEST, request(20));
      fog.publish(Uplink.REQUEST, othersRequest);
      assertRejected(fog.receipt(nonce(othersRequest)), "SIGNER_MISMATCH");
      assertNotOnLedger(
          TransactionName.REQUEST_GET_REQUEST, sliceId(other.id, nonce(othersRequest)));

      // An envelope of the wrong type for the topic.
      String wrongType = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", "s-1"));
      fog.publish(Uplink.REQUEST, wrongType);
      assertRejected(fog.receipt(nonce(wrongType)), "WRONG_TOPIC");

      // A good request, then the same envelope again: a replay.
      String good = fog.sign(MessageType.SLICE_REQUEST, request(20));
      fog.publish(Uplink.REQUEST, good);
      JsonObject first = fog.receipt(nonce(good));
      assertCommitted(first);
      String id = first.getAsJsonObject("result").get("id").getAsString();
      String before = broker.ledger.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, id);
      String goodNonce = nonce(good);
      fog.publish(Uplink.REQUEST, good);
      JsonObject replay =
          fog.await(
                  "the replay's receipt",
                  WAIT,
                  r ->
                      r.topic().endsWith("/receipt")
                          && goodNonce.equals(string(r.body(), "nonce"))
                          && "REJECTED".equals(string(r.body(), "status")))
              .body();
      assertRejected(replay, "REPLAY");
      assertThat(broker.ledger.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, id))
          .isEqualTo(before);

      // An offer published with a fog node's certificate: the broker's ACL refuses it, on the
      // fog node's own topic and on an RP's topic alike; the bridge never sees it.
      String fogOffer =
          fog.sign(MessageType.OFFER, offer(id, offerLine("cpu-millicores", 10, 500)));
      fog.publish(Uplink.OFFER, fogOffer);
      fog.publish(
          Topics.uplink("some-rp", Uplink.OFFER), fogOffer.getBytes(StandardCharsets.UTF_8));
      // A later message from the same client is answered, so the offer would have been by now.
      String marker = fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", id));
      fog.publish(Uplink.SERVICE, marker);
      assertThat(fog.receipt(nonce(marker)).get("status").getAsString()).isEqualTo("REJECTED");
      String fogOfferNonce = nonce(fogOffer);
      assertThat(fog.receiptsSoFar()).noneMatch(r -> fogOfferNonce.equals(string(r, "nonce")));
      assertNotOnLedger(TransactionName.OFFER_GET_OFFER, id, fog.id);

      // Larger than the broker's max_packet_size: the broker drops the connection.
      // (Another device: on the devices' listener a client id is always the certificate's name,
      // so a second client of the fog node's certificate would take over its session.)
      TestDevice large = broker.device("big", "fog-node", false);
      MqttClient flooder = large.newClient(large.id);
      byte[] huge = new byte[300_000];
      Arrays.fill(huge, (byte) 'B');
      MqttMessage message = new MqttMessage(huge);
      message.setQos(1);
      assertThatThrownBy(
              () ->
                  flooder
                      .getTopic(Topics.uplink(large.id, Uplink.REQUEST))
                      .publish(message)
                      .waitForCompletion(60_000))
          .isInstanceOf(MqttException.class);
      flooder.close(true);
    }
  }

  private static String string(final JsonObject object, final String key) {
    JsonElement value = object.get(key);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }

  static boolean isNotice(
      final TestDevice.Received received,
      final String event,
      final String idField,
      final String id) {
    JsonObject body = received.body();
    return body.has("event")
        && body.get("event").getAsString().equals(event)
        && id.equals(string(body.getAsJsonObject("payload"), idField));
  }
}
