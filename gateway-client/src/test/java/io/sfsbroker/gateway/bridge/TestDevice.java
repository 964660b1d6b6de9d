package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonObject;
import io.sfsbroker.device.MqttTls;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.MessageType;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A device for the tests: its MQTT certificate and key (the same key signs its envelopes), a Paho
 * client subscribed to everything addressed to it (and to blueprints, for an RP), and what it
 * received.
 */
public final class TestDevice implements AutoCloseable {

  /** A message the device received. */
  record Received(String topic, JsonObject body) {}

  public final String id;
  public final String role;
  public final Path keyFile;
  public final Path certFile;
  private final TestBroker broker;
  private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
  private final List<Received> seen = new ArrayList<>();
  private MqttClient client;

  TestDevice(
      final String id,
      final String role,
      final Path keyFile,
      final Path certFile,
      final TestBroker broker) {
    this.id = id;
    this.role = role;
    this.keyFile = keyFile;
    this.certFile = certFile;
    this.broker = broker;
  }

  public TestDevice connect() throws MqttException {
    client = newClient(id);
    client.setCallback(
        new MqttCallback() {
          @Override
          public void connectionLost(final Throwable cause) {}

          @Override
          public void messageArrived(final String topic, final MqttMessage message) {
            try {
              inbox.add(
                  new Received(
                      topic,
                      Json.parseObject(new String(message.getPayload(), StandardCharsets.UTF_8))));
            } catch (RuntimeException e) {
              // not JSON: not from the bridge
            }
          }

          @Override
          public void deliveryComplete(final IMqttDeliveryToken token) {}
        });
    client.subscribe(Topics.allDownlinks(id), 1);
    if (role.equals("rp")) {
      client.subscribe(Topics.BLUEPRINTS, 1);
    }
    return this;
  }

  /** A new connected client with this device's certificate (clean session). */
  public MqttClient newClient(final String clientId) throws MqttException {
    MqttClient c = new MqttClient(broker.url(), clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setSocketFactory(MqttTls.socketFactory(broker.caFile(), certFile, keyFile));
    c.connect(options);
    return c;
  }

  /** Whether the device's main client is connected. */
  boolean isConnectedForTest() {
    return client != null && client.isConnected();
  }

  EnvelopeSigner signer() {
    try {
      ECPrivateKey key = Pem.parsePrivateKey(Files.readString(keyFile));
      return new EnvelopeSigner(id, key, Clock.systemUTC());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String sign(final MessageType type, final Object body) {
    return signer().sign(type, body);
  }

  void publish(final Uplink uplink, final String payload) throws MqttException {
    publish(Topics.uplink(id, uplink), payload.getBytes(StandardCharsets.UTF_8));
  }

  void publish(final String topic, final byte[] payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    client.publish(topic, message);
  }

  /** The first received message (now or later) that matches; fails after {@code timeout}. */
  Received await(final String what, final Duration timeout, final Predicate<Received> match)
      throws InterruptedException {
    synchronized (seen) {
      for (Received r : seen) {
        if (match.test(r)) {
          return r;
        }
      }
      Instant deadline = Instant.now().plus(timeout);
      while (Instant.now().isBefore(deadline)) {
        Received r =
            inbox.poll(
                Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                TimeUnit.MILLISECONDS);
        if (r == null) {
          break;
        }
        seen.add(r);
        if (match.test(r)) {
          return r;
        }
      }
      throw new AssertionError(
          id + " did not receive " + what + " within " + timeout + "; received: " + seen);
    }
  }

  /** The receipt of the message with this nonce. */
  JsonObject receipt(final String nonce) throws InterruptedException {
    return await(
            "the receipt of " + nonce,
            Duration.ofSeconds(90),
            r ->
                r.topic().endsWith("/receipt")
                    && r.body().has("nonce")
                    && !r.body().get("nonce").isJsonNull()
                    && r.body().get("nonce").getAsString().equals(nonce))
        .body();
  }

  /** All receipts received so far (after draining the inbox). */
  List<JsonObject> receiptsSoFar() {
    synchronized (seen) {
      inbox.drainTo(seen);
      return seen.stream().filter(r -> r.topic().endsWith("/receipt")).map(Received::body).toList();
    }
  }

  /** Everything received so far (after draining the inbox). */
  List<Received> allSoFar() {
    synchronized (seen) {
      inbox.drainTo(seen);
      return List.copyOf(seen);
    }
  }

  @Override
  public void close() throws MqttException {
    if (client != null) {
      client.disconnect();
      client.close();
    }
  }
}
