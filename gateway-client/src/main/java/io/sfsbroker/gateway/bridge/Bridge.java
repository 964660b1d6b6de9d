package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.sfsbroker.device.MqttTls;
import io.sfsbroker.gateway.connection.Deadlines;
import io.sfsbroker.gateway.connection.GatewayConnection;
import io.sfsbroker.gateway.connection.NetworkProfile;
import io.sfsbroker.gateway.keeper.Keeper;
import io.sfsbroker.gateway.ledger.ChaincodeClient;
import io.sfsbroker.gateway.ledger.Committed;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.envelope.UnverifiedEnvelope;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.InboundTopic;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.transaction.TransactionName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.Transaction;

/**
 * The MQTT ↔ ledger bridge. {@link #start} connects to the network and the broker; from then on it
 * submits every device message on {@code sfsb/v1/in/+/+} and answers it with a {@link Receipt},
 * relays chaincode events as {@link Notice}s, and runs a {@link Keeper} that fires every deadline
 * on the ledger (offer and bid windows, timeouts, validity, escrow deadlines). {@link #close} stops
 * it at any point, as a crash would: what was not finished is redone by the next start, at most
 * once on the ledger.
 */
public final class Bridge implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Bridge.class.getName());
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration KEEPER_INTERVAL = Duration.ofSeconds(1);
  private static final int MAX_QUERY_IDS = 100;

  private final BridgeConfig config;
  private final GatewayConnection connection;
  private final ChaincodeClient ledger;
  private final LedgerSubmitter submitter;
  private final DedupeStore store;
  private final FileCheckpointer checkpointer;
  private final MqttAsyncClient mqtt;
  private final ExecutorService workers;
  private final Thread eventThread;
  private final UplinkGuard guard = UplinkGuard.standard();
  private final ExecutorService submitting;
  private final Map<String, Flight> flights = new ConcurrentHashMap<>();
  private volatile CloseableIterator<ChaincodeEvent> events;
  private volatile Keeper keeper;
  private volatile boolean closed;

  private Bridge(final BridgeConfig config) throws IOException, MqttException {
    this.config = config;
    NetworkProfile profile = NetworkProfile.load(config.network());
    Files.createDirectories(config.stateDir());
    this.connection = GatewayConnection.asUser(profile.org(config.org()), Deadlines.DEFAULT);
    this.ledger = new ChaincodeClient(connection.network(profile.channel()), profile.chaincode());
    this.submitter = new LedgerSubmitter(ledger, connection.gateway(), RetryPolicy.DEFAULT);
    this.store = new DedupeStore(config.stateDir().resolve("messages"));
    this.checkpointer = new FileCheckpointer(config.stateDir().resolve("events.checkpoint"));
    this.workers =
        Executors.newFixedThreadPool(config.workers(), daemonThreads("sfsb-bridge-worker"));
    // Submissions outlive the workers' wait (answerWithin); a pool of their own keeps the
    // workers free to answer other messages meanwhile.
    this.submitting =
        Executors.newFixedThreadPool(4 * config.workers(), daemonThreads("sfsb-bridge-submit"));
    this.mqtt = new MqttAsyncClient(config.brokerUrl(), config.clientId(), new MemoryPersistence());
    this.eventThread = daemonThreads("sfsb-bridge-events").newThread(this::relayEvents);
  }

  /**
   * Connects to the network and the broker and starts working.
   *
   * @throws IllegalStateException when the network or the broker cannot be reached
   */
  public static Bridge start(final BridgeConfig config) {
    Objects.requireNonNull(config, "config");
    Bridge bridge;
    try {
      bridge = new Bridge(config);
    } catch (IOException | MqttException e) {
      throw new IllegalStateException("cannot start the bridge: " + e.getMessage(), e);
    }
    try {
      bridge.begin();
    } catch (RuntimeException e) {
      bridge.close();
      throw e;
    }
    return bridge;
  }

  private void begin() {
    if (checkpointer.getBlockNumber().isEmpty()) {
      // First start: relay what happens from now on; open windows are found below.
      long height = ledger.blockHeight();
      try {
        checkpointer.checkpointBlock(height - 1);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the event checkpoint", e);
      }
    }
    mqtt.setManualAcks(true);
    mqtt.setCallback(new Callback());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay(10_000);
    options.setKeepAliveInterval(30);
    options.setMaxInflight(200);
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setSocketFactory(
        MqttTls.socketFactory(config.caFile(), config.certFile(), config.keyFile()));
    try {
      mqtt.connect(options).waitForCompletion(PUBLISH_TIMEOUT.toMillis());
    } catch (MqttException e) {
      throw new IllegalStateException(
          "cannot connect to the MQTT broker " + config.brokerUrl() + ": " + e.getMessage(), e);
    }
    eventThread.start();
    keeper = Keeper.start(ledger, Clock.systemUTC(), KEEPER_INTERVAL, config.closeGrace());
    LOG.log(Level.INFO, "bridge {0} started on {1}", config.clientId(), config.brokerUrl());
  }

  /** Paho's callbacks: they only hand work to executors, never block and never throw. */
  private final class Callback implements MqttCallbackExtended {

    @Override
    public void connectComplete(final boolean reconnect, final String serverUri) {
      try {
        // The broker keeps the subscription of a persistent session; subscribing again is
        // harmless and covers a broker that lost its state.
        mqtt.subscribe(Topics.ALL_UPLINKS, 1);
      } catch (MqttException | RuntimeException e) {
        LOG.log(Level.WARNING, "cannot subscribe to " + Topics.ALL_UPLINKS, e);
      }
    }

    @Override
    public void connectionLost(final Throwable cause) {
      LOG.log(Level.WARNING, "lost the MQTT connection; reconnecting: {0}", String.valueOf(cause));
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
      try {
        int id = message.getId();
        int qos = message.getQos();
        if (message.isRetained()) {
          // A retained uplink (the broker's retain_available false refuses them) would be
          // delivered again at every subscribe: never processed, only acknowledged.
          LOG.log(Level.WARNING, "ignored a retained message on {0}", topic);
          workers.execute(() -> acknowledge(id, qos));
          return;
        }
        boolean duplicate = message.isDuplicate();
        byte[] payload = message.getPayload();
        // Counted on arrival, so a flood is limited however fast the workers drain it.
        boolean admitted = guard.admit(topic);
        workers.execute(() -> handle(topic, payload, duplicate, admitted, id, qos));
      } catch (RejectedExecutionException e) {
        // Stopping: not acknowledged, so the broker delivers it again to the next run.
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "dropped a message on " + topic, e);
      }
    }

    @Override
    public void deliveryComplete(final IMqttDeliveryToken token) {}
  }

  private void handle(
      final String topic,
      final byte[] payload,
      final boolean duplicate,
      final boolean admitted,
      final int messageId,
      final int qos) {
    try {
      if (!admitted) {
        if (rateLimited(topic, payload)) {
          acknowledge(messageId, qos);
        }
      } else if (process(topic, payload, duplicate, () -> acknowledge(messageId, qos))) {
        acknowledge(messageId, qos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Never let one message stop a worker; an unacknowledged message comes back after a
      // reconnect, an acknowledged one is answered.
      LOG.log(Level.ERROR, "failed to handle a message on " + topic, e);
      acknowledge(messageId, qos);
    }
  }

  /**
   * Handles one message; true when it may be acknowledged to the broker now. A message on its way
   * to the ledger is answered later, without holding this worker, and {@code acknowledgeLater} runs
   * once it is answered.
   */
  private boolean process(
      final String topic,
      final byte[] payload,
      final boolean duplicate,
      final Runnable acknowledgeLater)
      throws InterruptedException {
    Optional<String> asking = Topics.parseQuery(topic);
    if (asking.isPresent()) {
      return answerQuery(asking.get(), payload);
    }
    Optional<InboundTopic> parsed = Topics.parseUplink(topic);
    if (parsed.isEmpty()) {
      LOG.log(Level.WARNING, "ignored a message on {0}: not an uplink topic", topic);
      return true;
    }
    InboundTopic inbound = parsed.get();
    InboundMessage message = InboundMessage.check(inbound, payload);
    if (!message.accepted()) {
      LOG.log(Level.INFO, "rejected a message on {0}: {1}", topic, message.rejection().code());
      return publishReceipt(inbound.deviceId(), message.rejection());
    }
    UnverifiedEnvelope envelope = message.envelope();
    String key = envelope.signerId() + "\0" + envelope.nonce() + "\0" + inbound.topic();
    String digest = DedupeStore.digest(message.text());
    Optional<DedupeStore.Entry> found =
        store.find(envelope.signerId(), envelope.nonce(), inbound.topic());
    if (found.isPresent()) {
      Optional<Receipt> answer = Verdicts.answerKnown(found.get(), digest, duplicate);
      if (answer.isPresent()) {
        return publishReceipt(inbound.deviceId(), answer.get());
      }
    }
    // Resubmit an endorsed transaction; a rejected message signed again is new.
    Optional<DedupeStore.Entry> known = found.filter(e -> e.state() == DedupeStore.State.ENDORSED);
    // One flight per message: a copy that arrives while the first is still on its way waits for
    // the same transaction instead of starting another.
    Flight flight = flights.computeIfAbsent(key, k -> launch(k, inbound, message, known));
    flight
        .result()
        .copy()
        .orTimeout(config.answerWithin().toMillis(), TimeUnit.MILLISECONDS)
        .handleAsync((receipt, error) -> answer(inbound, envelope, flight, receipt, error), workers)
        .whenComplete(
            (answered, error) -> {
              if (Boolean.TRUE.equals(answered)) {
                acknowledgeLater.run();
              } else if (error != null && !closed) {
                LOG.log(Level.ERROR, "failed to answer a message on " + topic, error);
                acknowledgeLater.run();
              }
            });
    return false;
  }

  /**
   * Publishes the answer to a message whose flight ended ({@code receipt}) or outlasted the bound
   * ({@code error}: then {@code UNAVAILABLE}, and the flight goes on and sends the verdict later).
   * True when the message may be acknowledged.
   */
  private boolean answer(
      final InboundTopic inbound,
      final UnverifiedEnvelope envelope,
      final Flight flight,
      final Receipt receipt,
      final Throwable error) {
    try {
      Receipt answer = receipt;
      if (error != null) {
        if (flight.owe()) {
          return publishReceipt(inbound.deviceId(), unavailable(inbound, envelope, flight));
        }
        answer = flight.result().join();
      }
      return answer != null && publishReceipt(inbound.deviceId(), answer);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Answers a message over its device's rate limit ({@link UplinkGuard}) without processing it. */
  private boolean rateLimited(final String topic, final byte[] payload)
      throws InterruptedException {
    Optional<InboundTopic> uplink = Topics.parseUplink(topic);
    String deviceId =
        Topics.parseQuery(topic).or(() -> uplink.map(InboundTopic::deviceId)).orElseThrow();
    UnverifiedEnvelope envelope =
        uplink
            .map(u -> InboundMessage.check(u, payload))
            .map(InboundMessage::envelope)
            .orElse(null);
    LOG.log(Level.INFO, "rate-limited a message of {0} on {1}", deviceId, topic);
    return publishReceipt(
        deviceId,
        Receipt.rejected(
            topic,
            envelope == null ? null : envelope.signerId(),
            envelope == null ? null : envelope.nonce(),
            envelope == null ? null : envelope.type().wireName(),
            null,
            "RATE_LIMITED",
            guard.reason(deviceId)));
  }

  /** Starts the ledger work of one message on the submitting pool. */
  private Flight launch(
      final String key,
      final InboundTopic inbound,
      final InboundMessage message,
      final Optional<DedupeStore.Entry> known) {
    Flight flight = new Flight();
    try {
      submitting.execute(() -> fly(key, flight, inbound, message, known));
    } catch (RejectedExecutionException e) {
      // Stopping: no answer, so the message is not acknowledged and comes back next time.
      flights.remove(key, flight);
      flight.finish(null);
    }
    return flight;
  }

  private void fly(
      final String key,
      final Flight flight,
      final InboundTopic inbound,
      final InboundMessage message,
      final Optional<DedupeStore.Entry> known) {
    UnverifiedEnvelope envelope = message.envelope();
    Instant until = Instant.now().plus(config.keepTrying());
    Receipt receipt = null;
    try {
      receipt = submit(inbound, message, known, flight);
      for (int round = 1;
          receipt != null
              && !Verdicts.isFinal(receipt)
              && !closed
              && Instant.now().plus(RetryPolicy.DEFAULT.maxBackoff()).isBefore(until);
          round++) {
        // No verdict yet: the same signed transaction again (a new endorsement only when none
        // was made), until there is one or keepTrying is over.
        Thread.sleep(RetryPolicy.DEFAULT.backoff(round + 3).toMillis());
        Optional<DedupeStore.Entry> endorsed =
            store
                .find(envelope.signerId(), envelope.nonce(), inbound.topic())
                .filter(e -> e.state() == DedupeStore.State.ENDORSED);
        receipt = submit(inbound, message, endorsed, flight);
      }
      if (receipt != null && Verdicts.isFinal(receipt)) {
        store.done(
            envelope.signerId(),
            envelope.nonce(),
            inbound.topic(),
            DedupeStore.digest(message.text()),
            receipt);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "failed to submit a message on " + inbound.topic(), e);
    } finally {
      flights.remove(key, flight);
      boolean owed = flight.finish(receipt);
      if (owed && receipt != null && Verdicts.isFinal(receipt) && !closed) {
        // Every device that asked was told UNAVAILABLE: the late verdict goes out now.
        LOG.log(
            Level.INFO,
            "late verdict for {0} nonce {1}: {2}",
            envelope.signerId(),
            envelope.nonce(),
            receipt.isCommitted() ? "COMMITTED" : receipt.code());
        try {
          publishReceipt(inbound.deviceId(), receipt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private Receipt unavailable(
      final InboundTopic inbound, final UnverifiedEnvelope envelope, final Flight flight) {
    return Receipt.rejected(
        inbound.topic(),
        envelope.signerId(),
        envelope.nonce(),
        envelope.type().wireName(),
        flight.transactionId(),
        Verdicts.UNAVAILABLE,
        "the ledger did not take the transaction within "
            + config.answerWithin().toSeconds()
            + " s; the bridge keeps trying and sends the verdict when it has one. Send the same"
            + " envelope again later: it is resubmitted as the same transaction, never applied"
            + " twice");
  }

  /** The receipt of the message's transaction, or null when the bridge is stopping. */
  private Receipt submit(
      final InboundTopic inbound,
      final InboundMessage message,
      final Optional<DedupeStore.Entry> known,
      final Flight flight)
      throws InterruptedException {
    UnverifiedEnvelope envelope = message.envelope();
    TransactionName route = Routes.of(inbound.uplink());
    String signer = envelope.signerId();
    String nonce = envelope.nonce();
    String topic = inbound.topic();
    String type = envelope.type().wireName();
    Consumer<Transaction> onEndorsed =
        endorsed -> {
          store.endorsed(signer, nonce, topic, endorsed.getBytes());
          flight.endorsed(endorsed.getTransactionId());
        };
    try {
      Committed committed =
          known.isPresent()
              ? submitter.resume(known.get().transactionBytes(), route, message.text(), onEndorsed)
              : submitter.submit(route, message.text(), onEndorsed);
      return Receipt.committed(
          topic,
          signer,
          nonce,
          type,
          committed.transactionId(),
          committed.blockNumber(),
          resultJson(committed.result()));
    } catch (LedgerException e) {
      if (closed) {
        return null;
      }
      if (Verdicts.isTransient(e.code())) {
        // No verdict: the message stays ENDORSED (or unknown) and may be sent again.
        return Receipt.rejected(
            topic,
            signer,
            nonce,
            type,
            e.transactionId().orElse(null),
            Verdicts.UNAVAILABLE,
            "the ledger did not take the transaction ("
                + e.code()
                + "); send the same envelope again later: "
                + e.getMessage());
      }
      return Receipt.rejected(
          topic, signer, nonce, type, e.transactionId().orElse(null), e.code(), e.getMessage());
    }
  }

  private static JsonElement resultJson(final String result) {
    if (result.isBlank()) {
      return JsonNull.INSTANCE;
    }
    try {
      return Json.parse(result);
    } catch (RuntimeException e) {
      return Json.toJsonTree(result);
    }
  }

  private boolean publishReceipt(final String deviceId, final Receipt receipt)
      throws InterruptedException {
    if (receipt.blockNumber() != null && receipt.blockNumber() < 0) {
      return publishReceipt(
          deviceId,
          new Receipt(
              receipt.ver(),
              receipt.status(),
              receipt.topic(),
              receipt.signerId(),
              receipt.nonce(),
              receipt.messageType(),
              receipt.transactionId(),
              null,
              receipt.code(),
              receipt.reason(),
              receipt.result()));
    }
    return publish(Topics.downlink(deviceId, Downlink.RECEIPT), Json.toJson(receipt));
  }

  /** Publishes at QoS 1 and waits for the broker's acknowledgement; false when stopping. */
  private boolean publish(final String topic, final String payload) throws InterruptedException {
    MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
    message.setQos(1);
    for (int attempt = 1; !closed; attempt++) {
      try {
        mqtt.publish(topic, message).waitForCompletion(PUBLISH_TIMEOUT.toMillis());
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

  private void acknowledge(final int messageId, final int qos) {
    try {
      mqtt.messageArrivedComplete(messageId, qos);
    } catch (MqttException | RuntimeException e) {
      LOG.log(Level.DEBUG, "cannot acknowledge message {0}: {1}", messageId, e.getMessage());
    }
  }

  // ---- chaincode events → devices ------------------------------------------------------------

  private void relayEvents() {
    while (!closed) {
      try (CloseableIterator<ChaincodeEvent> iterator = ledger.events(checkpointer, 0)) {
        events = iterator;
        while (!closed && iterator.hasNext()) {
          ChaincodeEvent event = iterator.next();
          if (!relay(event)) {
            return;
          }
          checkpointer.checkpointChaincodeEvent(event);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        LOG.log(Level.ERROR, "cannot write the event checkpoint", e);
      } catch (RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.log(Level.WARNING, "the chaincode event stream broke; reopening: {0}", e.toString());
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Relays one event; false when stopping before it was delivered. */
  private boolean relay(final ChaincodeEvent event) throws InterruptedException {
    try {
      return relayParsed(
          event, Json.parseObject(new String(event.getPayload(), StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      // An event this bridge cannot read must not stop the stream (it would come back for ever).
      LOG.log(
          Level.WARNING,
          "skipped event {0} of transaction {1}: {2}",
          event.getEventName(),
          event.getTransactionId(),
          e.toString());
      return true;
    }
  }

  private boolean relayParsed(final ChaincodeEvent event, final JsonObject payload)
      throws InterruptedException {
    String name = event.getEventName();
    Optional<EventName> known = EventName.fromWireName(name);
    if (known.isEmpty()) {
      return true;
    }
    String notice =
        Json.toJson(new Notice(1, name, event.getTransactionId(), event.getBlockNumber(), payload));
    switch (known.get()) {
      case BLUEPRINT_PUBLISHED -> {
        return publish(Topics.BLUEPRINTS, notice);
      }
      case APPLICATION_OPENED -> {
        return publish(Topics.APPLICATIONS, notice)
            && publish(Topics.downlink(tenant(payload), Downlink.STATUS), notice);
      }
      case APPLICATION_AWARDED -> {
        Set<String> winners = new TreeSet<>();
        collectRpIds(payload.get("outcomes"), winners);
        for (String rp : winners) {
          if (!publish(Topics.downlink(rp, Downlink.AWARD), notice)) {
            return false;
          }
        }
        return publish(Topics.downlink(tenant(payload), Downlink.STATUS), notice);
      }
      case APPLICATION_FAILED, APPLICATION_IN_SERVICE, APPLICATION_TIMED_OUT -> {
        return publish(Topics.downlink(tenant(payload), Downlink.STATUS), notice);
      }
      case SLICE_AWARDED -> {
        Set<String> winners = new TreeSet<>();
        payload
            .getAsJsonArray("winners")
            .forEach(w -> winners.add(w.getAsJsonObject().get("rpId").getAsString()));
        for (String rp : winners) {
          if (!publish(Topics.downlink(rp, Downlink.AWARD), notice)) {
            return false;
          }
        }
        return publish(Topics.downlink(tenant(payload), Downlink.STATUS), notice);
      }
      case SLICE_READY -> {
        return publish(Topics.downlink(tenant(payload), Downlink.SLICE), notice);
      }
      case SELECTION_FAILED, SELECTION_UNFUNDED -> {
        return publish(Topics.downlink(tenant(payload), Downlink.STATUS), notice);
      }
      case SLICE_FAILED, SLICE_TIMED_OUT, SLICE_DECOMMISSIONED -> {
        // The winners stop their containers on these.
        Set<String> winners = new TreeSet<>();
        collectRpIds(payload.get("winners"), winners);
        for (String rp : winners) {
          if (!publish(Topics.downlink(rp, Downlink.STATUS), notice)) {
            return false;
          }
        }
        return publish(Topics.downlink(tenant(payload), Downlink.STATUS), notice);
      }
      default -> {
        return true;
      }
    }
  }

  private static String tenant(final JsonObject payload) {
    return payload.get("tenantId").getAsString();
  }

  /** Every {@code rpId} (or flow bid {@code bidderId}) string anywhere inside {@code element}. */
  private static void collectRpIds(final JsonElement element, final Set<String> into) {
    if (element == null || element.isJsonNull() || element.isJsonPrimitive()) {
      return;
    }
    if (element.isJsonArray()) {
      element.getAsJsonArray().forEach(e -> collectRpIds(e, into));
      return;
    }
    for (Map.Entry<String, JsonElement> field : element.getAsJsonObject().entrySet()) {
      if ((field.getKey().equals("rpId") || field.getKey().equals("bidderId"))
          && field.getValue().isJsonPrimitive()) {
        into.add(field.getValue().getAsString());
      } else {
        collectRpIds(field.getValue(), into);
      }
    }
  }

  // ---- queries ------------------------------------------------------------------------------

  /**
   * Answers a device's question about the states of its slices (docs/protocol.md): a slice it is
   * neither the tenant nor a winner of is reported as {@code NOT_FOUND}, like one that does not
   * exist. True when the message may be acknowledged.
   */
  private boolean answerQuery(final String deviceId, final byte[] payload)
      throws InterruptedException {
    JsonObject answer = new JsonObject();
    answer.addProperty("ver", 1);
    try {
      if (payload.length > Envelope.MAX_LENGTH) {
        throw new IllegalArgumentException("a query is at most " + Envelope.MAX_LENGTH + " bytes");
      }
      JsonObject question = Json.parseObject(new String(payload, StandardCharsets.UTF_8));
      if (question.has("nonce") && question.get("nonce").isJsonPrimitive()) {
        answer.addProperty("nonce", question.get("nonce").getAsString());
      }
      JsonElement ids = question.get("sliceIds");
      if (ids == null || !ids.isJsonArray() || ids.getAsJsonArray().size() > MAX_QUERY_IDS) {
        throw new IllegalArgumentException(
            "a query is {\"nonce\": \"…\", \"sliceIds\": [at most "
                + MAX_QUERY_IDS
                + " slice ids]}");
      }
      JsonObject states = new JsonObject();
      for (JsonElement id : ids.getAsJsonArray()) {
        String sliceId = id.getAsString();
        states.addProperty(sliceId, sliceStateFor(deviceId, sliceId));
      }
      answer.add("slices", states);
    } catch (RuntimeException e) {
      answer.addProperty("code", "MALFORMED");
      answer.addProperty("reason", String.valueOf(e.getMessage()));
    }
    return publish(Topics.downlink(deviceId, Downlink.QUERY), Json.toJson(answer));
  }

  private String sliceStateFor(final String deviceId, final String sliceId) {
    JsonObject slice;
    try {
      slice = Json.parseObject(ledger.evaluate(TransactionName.SLICE_GET_SLICE, sliceId));
    } catch (LedgerException e) {
      if ("NOT_FOUND".equals(e.code()) || "INVALID_ARGUMENT".equals(e.code())) {
        return "NOT_FOUND";
      }
      throw new IllegalStateException("the ledger did not answer: " + e.getMessage(), e);
    }
    Set<String> parties = new TreeSet<>();
    collectRpIds(slice.get("winners"), parties);
    parties.add(tenant(slice));
    return parties.contains(deviceId) ? slice.get("state").getAsString() : "NOT_FOUND";
  }

  /**
   * Whether the message (signer, nonce) on {@code topic} is still on its way to the ledger here:
   * its device was told {@code UNAVAILABLE} and the bridge goes on trying. For tests and status.
   */
  boolean inFlight(final String signerId, final String nonce, final String topic) {
    return flights.containsKey(signerId + "\0" + nonce + "\0" + topic);
  }

  /** Stops at once, like a crash: unfinished messages are redone by the next start. */
  @Override
  public void close() {
    closed = true;
    CloseableIterator<ChaincodeEvent> iterator = events;
    if (iterator != null) {
      try {
        iterator.close();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "closing the event stream: {0}", e.getMessage());
      }
    }
    eventThread.interrupt();
    if (keeper != null) {
      keeper.close();
    }
    workers.shutdownNow();
    submitting.shutdownNow();
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
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
      submitting.awaitTermination(10, TimeUnit.SECONDS);
      eventThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      checkpointer.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing the event checkpoint: {0}", e.getMessage());
    }
    connection.close();
  }

  private static ThreadFactory daemonThreads(final String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
