package io.sfsbroker.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.sfsbroker.device.MqttTls;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 7 against the real Mosquitto and the real bridge: retained uplinks are refused,
 * client ids are bound to the certificate's name (no device can take the bridge's or another
 * device's session), and one flooding device gets {@code RATE_LIMITED} receipts while another
 * device's QoS 1 request is answered.
 */
class MqttHardeningIT {

  private static TestBroker broker;
  private static BridgeConfig config;
  private static Bridge bridge;

  @BeforeAll
  static void start() throws Exception {
    broker = new TestBroker();
    config =
        broker.bridgeConfig(
            "it-hardening-" + System.nanoTime(), Files.createTempDirectory("sfsb-hardening-it"));
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

  /** A client with the bridge's certificate on the bridge's listener, recording what it gets. */
  private static MqttClient bridgeIdentity(
      final String clientId, final boolean cleanSession, final List<String> topics)
      throws MqttException {
    MqttClient client = new MqttClient(broker.bridgeUrl(), clientId, new MemoryPersistence());
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(final Throwable cause) {}

          @Override
          public void messageArrived(final String topic, final MqttMessage message) {
            topics.add(topic + (message.isRetained() ? " (retained)" : ""));
          }

          @Override
          public void deliveryComplete(final IMqttDeliveryToken token) {}
        });
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(cleanSession);
    options.setSocketFactory(
        MqttTls.socketFactory(broker.caFile(), broker.bridgeCertFile(), broker.bridgeKeyFile()));
    client.connect(options);
    return client;
  }

  @Test
  void retainedUplink_disconnectsThePublisher_andIsNeverDeliveredAtASubscribe() throws Exception {
    TestDevice fog = broker.device("retain", "fog-node", false);
    MqttClient client = fog.newClient(fog.id);
    String topic = Topics.uplink(fog.id, Uplink.REQUEST);
    MqttMessage retained =
        new MqttMessage(
            fog.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", "s-none"))
                .getBytes(StandardCharsets.UTF_8));
    retained.setQos(1);
    retained.setRetained(true);
    assertThatThrownBy(() -> client.getTopic(topic).publish(retained).waitForCompletion(20_000))
        .isInstanceOf(MqttException.class);
    assertThat(client.isConnected()).isFalse();
    client.close(true);

    // What a bridge sees when it subscribes afresh: no stored message on the device's topics.
    List<String> seen = new CopyOnWriteArrayList<>();
    MqttClient observer = bridgeIdentity("it-retain-obs-" + System.nanoTime(), true, seen);
    observer.subscribe(Topics.ROOT + "/in/" + fog.id + "/#", 1);
    Thread.sleep(2_000);
    assertThat(seen).isEmpty();
    observer.disconnect();
    observer.close();
  }

  @Test
  void deviceTakingTheBridgesClientId_getsItsOwnName_andTheBridgesSessionSurvives()
      throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    String bridgeId = "it-victim-" + System.nanoTime();
    MqttClient victim = bridgeIdentity(bridgeId, false, seen);
    victim.subscribe(Topics.ALL_UPLINKS, 1);
    TestDevice thief = broker.device("thief", "fog-node", false);
    TestDevice other = broker.device("other", "rp", false).connect();

    // The device certificate cannot reach the bridge's listener at all.
    MqttClient onBridgeListener =
        new MqttClient(broker.bridgeUrl(), bridgeId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setConnectionTimeout(10);
    options.setSocketFactory(MqttTls.socketFactory(broker.caFile(), thief.certFile, thief.keyFile));
    assertThatThrownBy(() -> onBridgeListener.connect(options)).isInstanceOf(MqttException.class);
    onBridgeListener.close(true);

    // On the devices' listener it asks for the bridge's, the running bridge's and another
    // device's client id; each time the broker names the client after its certificate.
    MqttClient asBridge = thief.newClient(bridgeId);
    MqttClient asRealBridge = thief.newClient(config.clientId());
    MqttClient asOther = thief.newClient(other.id);
    Thread.sleep(1_000);
    assertThat(victim.isConnected()).isTrue();
    assertThat(other.isConnectedForTest()).isTrue();

    // The bridge's session still gets uplinks: the other device's message reaches it.
    other.publish(Uplink.OFFER, "{}");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (seen.stream().noneMatch(t -> t.contains(other.id)) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(seen).anyMatch(t -> t.equals(Topics.uplink(other.id, Uplink.OFFER)));
    // And the running bridge still answers (the malformed offer gets its receipt).
    assertThat(
            other
                .await("a receipt", Duration.ofSeconds(60), r -> r.topic().endsWith("/receipt"))
                .body()
                .get("code")
                .getAsString())
        .isEqualTo("MALFORMED");

    for (MqttClient c : List.of(asBridge, asRealBridge, asOther)) {
      if (c.isConnected()) {
        c.disconnect();
      }
      c.close(true);
    }
    other.close();
    victim.disconnect();
    victim.close();
    broker.dropSession(bridgeId, broker.bridgeCertFile(), broker.bridgeKeyFile());
  }

  @Test
  void floodingDevice_isRateLimited_andAnotherDevicesRequestIsAnswered() throws Exception {
    TestDevice flooder = broker.device("flooder", "fog-node", true).connect();
    TestDevice quiet = broker.device("quiet", "fog-node", true).connect();
    int flood = 200;
    long started = System.nanoTime();
    for (int i = 0; i < flood; i++) {
      flooder.publish(
          Uplink.SERVICE,
          flooder.sign(MessageType.SERVICE_CONFIRMATION, Map.of("sliceId", "s-flood-" + i)));
    }
    String request = quiet.sign(MessageType.SLICE_REQUEST, MqttBridgeIT.request(60));
    long sent = System.nanoTime();
    quiet.publish(Uplink.REQUEST, request);
    JsonObject receipt = quiet.receipt(MqttBridgeIT.nonce(request));
    long answered = System.nanoTime();
    MqttBridgeIT.assertCommitted(receipt);
    System.out.printf(
        "flood of %d messages published in %d ms; the other device's request answered %d ms"
            + " after it was sent%n",
        flood, (sent - started) / 1_000_000, (answered - sent) / 1_000_000);

    // Every flood message is answered, most of them RATE_LIMITED without reaching the ledger.
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (flooder.receiptsSoFar().size() < flood && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    List<JsonObject> receipts = flooder.receiptsSoFar();
    long limited =
        receipts.stream()
            .filter(r -> r.has("code") && "RATE_LIMITED".equals(r.get("code").getAsString()))
            .count();
    System.out.printf("the flooder got %d receipts, %d RATE_LIMITED%n", receipts.size(), limited);
    assertThat(receipts).hasSize(flood);
    // At most the burst plus what the rate refilled while the flood was being published passed.
    long publishSeconds = (sent - started) / 1_000_000_000L + 1;
    assertThat(limited)
        .isGreaterThanOrEqualTo(
            flood - UplinkGuard.DEFAULT_BURST - UplinkGuard.DEFAULT_PER_SECOND * publishSeconds);
    assertThat(limited).isGreaterThan(0);
    assertThat(receipts)
        .filteredOn(r -> "RATE_LIMITED".equals(r.get("code").getAsString()))
        .allSatisfy(r -> assertThat(r.get("reason").getAsString()).contains(flooder.id));
    flooder.close();
    quiet.close();
  }
}
