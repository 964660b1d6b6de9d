package io.sfsbroker.gateway.system;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.device.MqttTls;
import io.sfsbroker.gateway.bridge.TestBroker;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Sees what the bridge sends to devices: a Paho client with the bridge's certificate (whose ACL
 * reads {@code sfsb/v1/#}) and a client id of its own, subscribed to every downlink and broadcast.
 * Its session is persistent and it reconnects by itself, so it misses nothing across a restart of
 * Mosquitto.
 */
final class WireTap implements AutoCloseable {

  /** One message the bridge published. */
  record Message(String topic, JsonObject body) {

    /** The notice's event, or {@code null} for a receipt or an answer. */
    String event() {
      return text(body, "event");
    }

    /** A string field of the notice's payload, or {@code null}. */
    String payload(final String field) {
      JsonElement payload = body.get("payload");
      return payload != null && payload.isJsonObject()
          ? text(payload.getAsJsonObject(), field)
          : null;
    }

    /** A string field of the body, or {@code null}. */
    String field(final String name) {
      return text(body, name);
    }

    /** A string field of a receipt's result, or {@code null}. */
    String result(final String field) {
      JsonElement result = body.get("result");
      return result != null && result.isJsonObject() ? text(result.getAsJsonObject(), field) : null;
    }

    boolean isTo(final String deviceId, final Downlink downlink) {
      return topic.equals(Topics.downlink(deviceId, downlink));
    }
  }

  private final TestBroker broker;
  private final MqttClient client;
  private final List<Message> messages = new ArrayList<>();
  private final Path certFile;
  private final Path keyFile;

  private WireTap(final TestBroker broker, final MqttClient client) {
    this.broker = broker;
    this.client = client;
    JsonObject bridge = broker.mqtt.getAsJsonObject("bridge");
    this.certFile = Path.of(bridge.get("certFile").getAsString());
    this.keyFile = Path.of(bridge.get("keyFile").getAsString());
  }

  static WireTap open(final TestBroker broker) throws MqttException {
    MqttClient client =
        new MqttClient(broker.bridgeUrl(), "it-tap-" + System.nanoTime(), new MemoryPersistence());
    WireTap tap = new WireTap(broker, client);
    client.setCallback(tap.new Callback());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(2_000);
    options.setMaxInflight(1_000);
    options.setSocketFactory(MqttTls.socketFactory(broker.caFile(), tap.certFile, tap.keyFile));
    client.connect(options);
    client.subscribe(
        new String[] {Topics.ROOT + "/out/#", Topics.ROOT + "/broadcast/#"}, new int[] {1, 1});
    return tap;
  }

  /** Paho's callbacks: they only record. */
  private final class Callback implements MqttCallbackExtended {

    @Override
    public void connectComplete(final boolean reconnect, final String serverUri) {}

    @Override
    public void connectionLost(final Throwable cause) {}

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
      JsonObject body;
      try {
        body = Json.parseObject(new String(message.getPayload(), StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        return;
      }
      synchronized (messages) {
        messages.add(new Message(topic, body));
        messages.notifyAll();
      }
    }

    @Override
    public void deliveryComplete(final IMqttDeliveryToken token) {}
  }

  /** Every message seen so far that matches. */
  List<Message> all(final Predicate<Message> match) {
    synchronized (messages) {
      return messages.stream().filter(match).toList();
    }
  }

  /** The first message (seen already or later) that matches; fails after {@code timeout}. */
  Message await(final String what, final Duration timeout, final Predicate<Message> match)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (messages) {
      while (true) {
        for (Message m : messages) {
          if (match.test(m)) {
            return m;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the bridge did not send " + what + " within " + timeout);
        }
        messages.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** A notice {@code event} to {@code deviceId} on {@code downlink} about slice {@code sliceId}. */
  static Predicate<Message> notice(
      final String deviceId,
      final Downlink downlink,
      final String event,
      final String idField,
      final String sliceId) {
    return m ->
        m.isTo(deviceId, downlink) && event.equals(m.event()) && sliceId.equals(m.payload(idField));
  }

  /** The receipts sent to {@code deviceId}. */
  static Predicate<Message> receiptTo(final String deviceId) {
    return m -> m.isTo(deviceId, Downlink.RECEIPT);
  }

  @Override
  public void close() throws MqttException {
    String clientId = client.getClientId();
    try {
      client.disconnect();
    } finally {
      client.close();
    }
    broker.dropSession(clientId, certFile, keyFile);
  }

  private static String text(final JsonObject object, final String field) {
    JsonElement value = object.get(field);
    return value == null || value.isJsonNull() || !value.isJsonPrimitive()
        ? null
        : value.getAsString();
  }
}
