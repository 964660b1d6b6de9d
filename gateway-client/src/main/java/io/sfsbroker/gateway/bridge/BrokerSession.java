package io.sfsbroker.gateway.bridge;

import io.sfsbroker.device.MqttTls;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The bridge's MQTT session (Paho glue, nothing else): with manual acknowledgements, subscribed to
 * the devices' uplinks (a persistent session for a bridge of its own, a clean one for a member of a
 * share group: {@link BridgeConfig#persistentSession}); every message that arrives goes to the
 * {@code inbox} as an {@link Arrival}, which must only hand it off. Publishing retries until the
 * broker has the message or the session is closed.
 */
final class BrokerSession implements Downlinks, AutoCloseable {

  /**
   * One message from the broker. Acknowledge it ({@link #acknowledge}) once it is answered: an
   * unacknowledged one comes again after a reconnect.
   */
  record Arrival(
      String topic, byte[] payload, boolean duplicate, boolean retained, int id, int qos) {}

  private static final System.Logger LOG = System.getLogger(BrokerSession.class.getName());
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final BridgeConfig config;
  private final String filter;
  private final MqttAsyncClient mqtt;
  private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
  private volatile boolean closed;

  private BrokerSession(
      final BridgeConfig config, final String filter, final MqttAsyncClient mqtt) {
    this.config = config;
    this.filter = filter;
    this.mqtt = mqtt;
  }

  /**
   * A session with the broker of {@code config}, not connected yet ({@link #connect}); {@code
   * inbox} gets every message on {@code filter}, on Paho's thread.
   */
  static BrokerSession create(
      final BridgeConfig config, final String filter, final Consumer<Arrival> inbox) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(inbox, "inbox");
    MqttAsyncClient client;
    try {
      client = new MqttAsyncClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalStateException("cannot create the MQTT client: " + e.getMessage(), e);
    }
    BrokerSession session = new BrokerSession(config, filter, client);
    client.setManualAcks(true);
    client.setCallback(session.new Callback(inbox));
    return session;
  }

  /**
   * Connects (and keeps reconnecting in the background) and subscribes.
   *
   * @throws IllegalStateException when the broker cannot be reached
   */
  void connect() {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(!config.persistentSession());
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(10_000);
    options.setKeepAliveInterval(30);
    options.setMaxInflight(200);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setSocketFactory(
        MqttTls.socketFactory(config.caFile(), config.certFile(), config.keyFile()));
    try {
      mqtt.connect(options).waitForCompletion(TIMEOUT.toMillis());
      subscribed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (MqttException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot connect to the MQTT broker " + config.brokerUrl() + ": " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to the MQTT broker", e);
    }
  }

  /** Checks the broker's answer to the subscription: a refused one (the ACL) is an error. */
  private final class Subscribed implements IMqttActionListener {

    @Override
    public void onSuccess(final IMqttToken token) {
      int[] granted = token.getGrantedQos();
      if (granted.length == 1 && granted[0] == 0x80) {
        String refused =
            "the MQTT broker refused the subscription to "
                + filter
                + " for the bridge's identity: its ACL must let the bridge read it";
        LOG.log(Level.ERROR, refused);
        subscribed.completeExceptionally(new IllegalStateException(refused));
      } else {
        subscribed.complete(null);
      }
    }

    @Override
    public void onFailure(final IMqttToken token, final Throwable cause) {
      LOG.log(Level.WARNING, "cannot subscribe to " + filter, cause);
      subscribed.completeExceptionally(
          new IllegalStateException("cannot subscribe to " + filter + ": " + cause, cause));
    }
  }

  /** Paho's callbacks: they only hand work on, never block and never throw. */
  private final class Callback implements MqttCallbackExtended {

    private final Consumer<Arrival> inbox;

    private Callback(final Consumer<Arrival> inbox) {
      this.inbox = inbox;
    }

    @Override
    public void connectComplete(final boolean reconnect, final String serverUri) {
      try {
        // The broker keeps the subscription of a persistent session; subscribing again is
        // harmless and covers a broker that lost its state. A clean session needs it anyway.
        mqtt.subscribe(filter, 1, null, new Subscribed());
      } catch (MqttException | RuntimeException e) {
        LOG.log(Level.WARNING, "cannot subscribe to " + filter, e);
      }
    }

    @Override
    public void connectionLost(final Throwable cause) {
      LOG.log(Level.WARNING, "lost the MQTT connection; reconnecting: {0}", String.valueOf(cause));
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
      try {
        inbox.accept(
            new Arrival(
                topic,
                message.getPayload(),
                message.isDuplicate(),
                message.isRetained(),
                message.getId(),
                message.getQos()));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "dropped a message on " + topic, e);
      }
    }

    @Override
    public void deliveryComplete(final IMqttDeliveryToken token) {}
  }

  @Override
  public boolean publish(final String topic, final String payload) throws InterruptedException {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    for (int attempt = 1; !closed; attempt++) {
      try {
        mqtt.publish(topic, message).waitForCompletion(TIMEOUT.toMillis());
        return true;
      } catch (MqttException e) {
        if (closed) {
          break;
        }
        LOG.log(Level.DEBUG, "publishing to {0} failed ({1}); retrying", topic, e.getMessage());
        Thread.sleep(RetryPolicy.DEFAULT.backoff(Math.min(attempt, 6)).toMillis());
      }
    }
    return false;
  }

  /** Tells the broker that {@code arrival} is handled; it is not delivered again. */
  void acknowledge(final Arrival arrival) {
    try {
      mqtt.messageArrivedComplete(arrival.id(), arrival.qos());
    } catch (MqttException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot acknowledge message {0}: {1}", arrival.id(), e.getMessage());
    }
  }

  /** The broker's address, for log lines. */
  String brokerUrl() {
    return config.brokerUrl();
  }

  /** Drops the connection at once, like a crash: unacknowledged messages come again. */
  @Override
  public void close() {
    closed = true;
    try {
      mqtt.disconnectForcibly(0, 1000, false);
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "disconnecting: {0}", e.getMessage());
    }
    try {
      mqtt.close(true);
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "closing the MQTT client: {0}", e.getMessage());
    }
  }
}
