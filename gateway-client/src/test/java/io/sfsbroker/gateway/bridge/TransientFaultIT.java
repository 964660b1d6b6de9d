package io.sfsbroker.gateway.bridge;

import static io.sfsbroker.gateway.bridge.MqttBridgeIT.nonce;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.request;
import static io.sfsbroker.gateway.bridge.MqttBridgeIT.sliceId;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.device.MqttDeviceLink;
import io.sfsbroker.gateway.network.TestNetwork;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing a device sends is lost to a transient fault (issue 10, items 3 and 5), on the real
 * network, the real Mosquitto and a real bridge: with 3 of 5 orderers stopped a device hears {@code
 * UNAVAILABLE} within the bridge's bound; after the orderers return, the same envelope sent again
 * is processed (not {@code REPLAY}), and a device link's outbox drains with each request on the
 * ledger exactly once. An envelope first sent on the wrong topic is processed on the right one.
 */
class TransientFaultIT {

  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static TestBroker broker;

  @BeforeAll
  static void connect() {
    broker = new TestBroker();
  }

  @AfterAll
  static void disconnect() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void envelopeRejectedOnTheWrongTopic_isProcessedOnTheRightOne() throws Exception {
    BridgeConfig config =
        broker.bridgeConfig(
            "it-topic-" + System.nanoTime(), Files.createTempDirectory("sfsb-bridge-topic"));
    Bridge bridge = Bridge.start(config);
    try (TestDevice fog = broker.device("fog-w", "fog-node", true).connect()) {
      String requested = fog.sign(MessageType.SLICE_REQUEST, request(25));
      fog.publish(Uplink.REQUEST, requested);
      MqttBridgeIT.assertCommitted(fog.receipt(nonce(requested)));
      String slice = sliceId(fog.id, nonce(requested));

      // A release is a service-confirmation; sent to `service`, slice:confirmService refuses it.
      String release =
          fog.sign(
              MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", slice, "status", "RELEASED"));
      String releaseNonce = nonce(release);
      fog.publish(Uplink.SERVICE, release);
      JsonObject wrong = fog.receipt(releaseNonce);
      System.out.printf("[transient] release on the service topic: %s%n", wrong);
      assertThat(wrong.get("status").getAsString()).isEqualTo("REJECTED");

      fog.publish(Uplink.DECOMMISSION, release);
      JsonObject right =
          fog.await(
                  "the receipt on the decommission topic",
                  WAIT,
                  r ->
                      r.topic().endsWith("/receipt")
                          && releaseNonce.equals(string(r.body(), "nonce"))
                          && Topics.uplink(fog.id, Uplink.DECOMMISSION)
                              .equals(string(r.body(), "topic")))
              .body();
      System.out.printf("[transient] the same envelope on the decommission topic: %s%n", right);
      assertThat(string(right, "code")).as(right.toString()).isNotEqualTo("REPLAY");
    } finally {
      bridge.close();
      broker.dropSession(config);
    }
  }

  @Test
  void threeOfFiveOrderersDown_unavailableWithinTheBound_thenEveryRequestCommitsExactlyOnce()
      throws Exception {
    TestNetwork network = TestNetwork.running();
    network.awaitStatus(
        "a Raft leader, every node at one height",
        Duration.ofSeconds(120),
        st -> network.raftLeader() != null && healed(st));
    BridgeConfig config =
        broker.bridgeConfig(
            "it-transient-" + System.nanoTime(),
            Files.createTempDirectory("sfsb-bridge-transient"),
            Duration.ofSeconds(1),
            ANSWER_WITHIN,
            Duration.ofSeconds(30));
    TestDevice linked = broker.device("fog-o", "fog-node", true);
    Path linkState = Files.createTempDirectory("sfsb-link-transient");
    DeviceConfig device =
        new DeviceConfig(
            linked.id,
            "fog-node",
            broker.url(),
            broker.caFile(),
            linked.certFile,
            linked.keyFile,
            linkState);
    List<String> stopped = new ArrayList<>();
    Bridge bridge = Bridge.start(config);
    MqttDeviceLink link = MqttDeviceLink.start(device, Clock.systemUTC(), notice -> {});
    try (TestDevice fog = broker.device("fog-t", "fog-node", true).connect()) {
      assertThat(link.awaitFirstConnection(Duration.ofSeconds(30))).isTrue();

      String leader = network.raftLeader();
      stopped.add(leader);
      network.orderers().stream()
          .map(o -> o.get("name").getAsString())
          .filter(n -> !n.equals(leader))
          .limit(2)
          .forEach(stopped::add);
      for (String name : stopped) {
        network.sfsbroker("network", "stop", name, "--kill");
        System.out.printf("[transient] killed %s%n", name);
      }

      // One raw envelope, and three requests through a device link with its outbox.
      String envelope = fog.sign(MessageType.SLICE_REQUEST, request(25));
      String nonce = nonce(envelope);
      Instant sent = Instant.now();
      fog.publish(Uplink.REQUEST, envelope);
      List<DeviceLink.Sent> requests = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        requests.add(link.send(Uplink.REQUEST, request(25)));
      }

      JsonObject unavailable =
          fog.await(
                  "UNAVAILABLE",
                  ANSWER_WITHIN.plus(WAIT),
                  r -> r.topic().endsWith("/receipt") && nonce.equals(string(r.body(), "nonce")))
              .body();
      Duration answered = Duration.between(sent, Instant.now());
      System.out.printf(
          "[transient] 3 of 5 orderers down: the device got %s after %.1f s (bound %d s): %s%n",
          string(unavailable, "code"),
          answered.toMillis() / 1000.0,
          ANSWER_WITHIN.toSeconds(),
          string(unavailable, "reason"));
      assertThat(string(unavailable, "code")).isEqualTo("UNAVAILABLE");
      assertThat(answered).isLessThan(ANSWER_WITHIN.plusSeconds(5));
      String topic = Topics.uplink(fog.id, Uplink.REQUEST);
      assertThat(bridge.inFlight(fog.id, nonce, topic))
          .as("the bridge goes on trying after answering UNAVAILABLE")
          .isTrue();
      assertThat(link.unanswered()).as("the link's messages wait for a verdict").isEqualTo(3);
      // The agent exits (as the fog-node agent's command did, with "error: UNAVAILABLE").
      link.close();

      // Let the bridge's own attempts for the raw envelope run out, so that the identical
      // envelope sent after the recovery has to be processed anew.
      Instant gaveUp = Instant.now().plusSeconds(300);
      while (bridge.inFlight(fog.id, nonce, topic) && Instant.now().isBefore(gaveUp)) {
        Thread.sleep(1000);
      }
      System.out.printf(
          "[transient] the bridge stopped trying the raw envelope %.1f s after it arrived%n",
          Duration.between(sent, Instant.now()).toMillis() / 1000.0);
      assertThat(bridge.inFlight(fog.id, nonce, topic)).isFalse();

      Instant restart = Instant.now();
      for (String name : List.copyOf(stopped)) {
        network.sfsbroker("network", "start", name);
        stopped.remove(name);
      }
      network.awaitStatus(
          "every orderer and peer running at one block height",
          Duration.ofSeconds(120),
          TransientFaultIT::healed);
      System.out.printf(
          "[transient] every node back at one height after %.1f s%n",
          Duration.between(restart, Instant.now()).toMillis() / 1000.0);

      // The same envelope again: processed, not REPLAY.
      fog.publish(Uplink.REQUEST, envelope);
      JsonObject verdict =
          fog.await(
                  "the verdict on the re-sent envelope",
                  Duration.ofSeconds(240),
                  r ->
                      r.topic().endsWith("/receipt")
                          && nonce.equals(string(r.body(), "nonce"))
                          && !"UNAVAILABLE".equals(string(r.body(), "code")))
              .body();
      System.out.printf(
          "[transient] the re-sent envelope: %s %s after %.1f s from the restart%n",
          string(verdict, "status"),
          string(verdict, "transactionId"),
          Duration.between(restart, Instant.now()).toMillis() / 1000.0);
      MqttBridgeIT.assertCommitted(verdict);
      assertOnLedgerOnce(sliceId(fog.id, nonce));

      // The agent's next run: its outbox drains, each request committed, once.
      link = MqttDeviceLink.start(device, Clock.systemUTC(), notice -> {});
      Set<String> slices = new TreeSet<>();
      for (DeviceLink.Sent request : requests) {
        Receipt receipt = link.awaitReceipt(request.nonce(), Duration.ofSeconds(300));
        assertThat(receipt.isCommitted()).as(receipt.toString()).isTrue();
        String slice = sliceId(linked.id, request.nonce());
        assertThat(receipt.result().getAsJsonObject().get("id").getAsString()).isEqualTo(slice);
        slices.add(slice);
      }
      Instant drainedBy = Instant.now().plusSeconds(30);
      while (link.unanswered() > 0 && Instant.now().isBefore(drainedBy)) {
        Thread.sleep(200);
      }
      System.out.printf(
          "[transient] the next run's outbox drained %.1f s after the restart; %d slices%n",
          Duration.between(restart, Instant.now()).toMillis() / 1000.0, slices.size());
      assertThat(link.unanswered()).isZero();
      assertThat(slices).hasSize(3);
      for (String slice : slices) {
        assertOnLedgerOnce(slice);
      }
    } finally {
      for (String name : stopped) {
        network.sfsbroker("network", "start", name);
      }
      link.close();
      bridge.close();
      broker.dropSession(config);
    }
  }

  @Test
  void transactionThatCommitsAfterUnavailable_isReportedToItsDevice_withoutASecondSend()
      throws Exception {
    TestNetwork network = TestNetwork.running();
    network.awaitStatus(
        "a Raft leader, every node at one height",
        Duration.ofSeconds(120),
        st -> network.raftLeader() != null && healed(st));
    BridgeConfig config =
        broker.bridgeConfig(
            "it-late-" + System.nanoTime(),
            Files.createTempDirectory("sfsb-bridge-late"),
            Duration.ofSeconds(1),
            ANSWER_WITHIN,
            Duration.ofSeconds(180));
    List<String> stopped = new ArrayList<>();
    Bridge bridge = Bridge.start(config);
    try (TestDevice fog = broker.device("fog-l", "fog-node", true).connect()) {
      String leader = network.raftLeader();
      stopped.add(leader);
      network.orderers().stream()
          .map(o -> o.get("name").getAsString())
          .filter(n -> !n.equals(leader))
          .limit(2)
          .forEach(stopped::add);
      for (String name : stopped) {
        network.sfsbroker("network", "stop", name, "--kill");
      }
      String envelope = fog.sign(MessageType.SLICE_REQUEST, request(25));
      String nonce = nonce(envelope);
      Instant sent = Instant.now();
      fog.publish(Uplink.REQUEST, envelope);
      JsonObject unavailable = fog.receipt(nonce);
      System.out.printf(
          "[transient] late case: %s after %.1f s%n",
          string(unavailable, "code"), Duration.between(sent, Instant.now()).toMillis() / 1000.0);
      assertThat(string(unavailable, "code")).isEqualTo("UNAVAILABLE");

      Instant restart = Instant.now();
      for (String name : List.copyOf(stopped)) {
        network.sfsbroker("network", "start", name);
        stopped.remove(name);
      }
      // The device sends nothing more; the bridge's flight commits and reports.
      JsonObject late =
          fog.await(
                  "the late verdict",
                  Duration.ofSeconds(200),
                  r ->
                      r.topic().endsWith("/receipt")
                          && nonce.equals(string(r.body(), "nonce"))
                          && !"UNAVAILABLE".equals(string(r.body(), "code")))
              .body();
      System.out.printf(
          "[transient] late verdict %s %.1f s after the orderers were started, %.1f s after the"
              + " envelope was sent%n",
          string(late, "status"),
          Duration.between(restart, Instant.now()).toMillis() / 1000.0,
          Duration.between(sent, Instant.now()).toMillis() / 1000.0);
      MqttBridgeIT.assertCommitted(late);
      assertOnLedgerOnce(sliceId(fog.id, nonce));
      network.awaitStatus(
          "every orderer and peer running at one block height",
          Duration.ofSeconds(120),
          TransientFaultIT::healed);
    } finally {
      for (String name : stopped) {
        network.sfsbroker("network", "start", name);
      }
      bridge.close();
      broker.dropSession(config);
    }
  }

  /**
   * The request is on the ledger, and its slice was created once. The commit status came from the
   * bridge's peer; the peer read here may take a few seconds more to get the block from the
   * orderers after their restart.
   */
  private static void assertOnLedgerOnce(final String slice) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        assertThat(broker.ledger.evaluate(TransactionName.REQUEST_GET_REQUEST, slice)).isNotBlank();
        break;
      } catch (io.sfsbroker.gateway.ledger.LedgerException e) {
        if (!"NOT_FOUND".equals(e.code()) || Instant.now().isAfter(deadline)) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
    assertThat(broker.ledger.evaluate(TransactionName.SLICE_GET_SLICE_HISTORY, slice))
        .containsOnlyOnce("\"BlueprintPublished\"");
  }

  /** Every orderer and peer runs, and all are at one block height. */
  private static boolean healed(final JsonObject status) {
    Set<String> heights = new TreeSet<>();
    for (String group : List.of("orderers", "peers")) {
      for (JsonElement node : status.getAsJsonArray(group)) {
        JsonObject n = node.getAsJsonObject();
        if (!n.get("running").getAsBoolean()) {
          return false;
        }
        heights.add(String.valueOf(n.get("height")));
      }
    }
    return heights.size() == 1 && !heights.contains("null");
  }

  private static String string(final JsonObject object, final String field) {
    JsonElement value = object.get(field);
    return value == null || value.isJsonNull() ? null : value.getAsString();
  }
}
