package io.sfsbroker.device;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.EnvelopeException;
import io.sfsbroker.protocol.envelope.EnvelopeSigner;
import io.sfsbroker.protocol.envelope.UnverifiedEnvelope;
import io.sfsbroker.protocol.keys.Pem;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.SliceQueryAnswer;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A device's {@link DeviceLink} to the bridge over MQTT (docs/protocol.md).
 *
 * <ul>
 *   <li><b>Sending</b>: {@link #send} signs an envelope with the device's key and writes it to a
 *       durable {@link Outbox} before anything else; it goes out (QoS 1) as soon as the broker can
 *       be reached, and leaves the outbox only when its receipt gives a verdict. A message sent
 *       while the link is down, or left over when the agent stopped, is sent on the next
 *       connection. A message sent twice (acknowledgement lost) is answered from the bridge's
 *       record.
 *   <li><b>Sending again</b>: a message answered {@code UNAVAILABLE} (the network did not take it
 *       in time) is sent again with back-off until it has a verdict, the same envelope while it is
 *       fresh, signed again with the same nonce when it would expire ({@link Redelivery}); so is
 *       one left without a verdict by an earlier run, and one that got no receipt at all within the
 *       silence ({@link Redelivery#silence}: the bridge that took it died; another bridge of the
 *       group gets the next copy). The ledger keeps each nonce once, so the message is applied
 *       exactly once, and a copy of one already applied is answered with the original commit;
 *       {@link #awaitReceipt} returns only a verdict.
 *   <li><b>Receiving</b>: a persistent session (client id = device id, clean session off), so what
 *       the bridge publishes while the device is away waits in the broker. Receipts are matched to
 *       messages by nonce ({@link #awaitReceipt}); notices go to the consumer once each (by topic,
 *       event and transaction, remembered in the state folder) and are acknowledged to the broker
 *       only after the consumer returned, so a crash in between gets them again.
 *   <li><b>Connecting</b>: in the background, again and again with back-off up to 5 s; the link
 *       never gives up while it is open.
 * </ul>
 */
public final class MqttDeviceLink implements DeviceLink {

  private static final System.Logger LOG = System.getLogger(MqttDeviceLink.class.getName());
  private static final int SEEN_LIMIT = 10_000;
  private static final long MAX_BACKOFF_MILLIS = 5_000;
  private static final Duration LEFTOVER_PAUSE = Duration.ofSeconds(30);
  private static final int MAX_SIGN_AGAIN_AFTER_EXPIRED = 5;

  private final DeviceConfig config;
  private final EnvelopeSigner signer;
  private final Clock clock;
  private final Redelivery redelivery;
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  private final Map<String, Integer> expiredAgain = new ConcurrentHashMap<>();
  private final Silences silences = new Silences();
  private final Consumer<Notice> notices;
  private final Outbox outbox;
  private final Path seenFile;
  private final Set<String> seen = new HashSet<>();
  private final ArrayDeque<String> seenOrder = new ArrayDeque<>();
  private final Map<String, CompletableFuture<Receipt>> receipts = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<JsonObject>> answers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService link;
  private final ExecutorService dispatcher;
  private final MqttClient client;
  private final MqttConnectOptions options;
  private final CountDownLatch firstConnect = new CountDownLatch(1);
  private volatile boolean closed;
  private long backoffMillis = 250;

  private MqttDeviceLink(
      final DeviceConfig config,
      final EnvelopeSigner signer,
      final Clock clock,
      final Redelivery redelivery,
      final Consumer<Notice> notices) {
    this.config = config;
    this.signer = signer;
    this.clock = clock;
    this.redelivery = redelivery;
    this.notices = notices;
    try {
      Files.createDirectories(config.stateDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state folder " + config.stateDir(), e);
    }
    this.outbox = new Outbox(config.stateDir().resolve("outbox"));
    this.seenFile = config.stateDir().resolve("notices.seen");
    loadSeen();
    this.link = Executors.newSingleThreadScheduledExecutor(daemon("mqtt-link-" + config.id()));
    this.dispatcher = Executors.newSingleThreadExecutor(daemon("mqtt-inbox-" + config.id()));
    this.options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(20);
    options.setConnectionTimeout(10);
    options.setSocketFactory(
        MqttTls.socketFactory(config.caFile(), config.certFile(), config.keyFile()));
    try {
      this.client = new MqttClient(config.brokerUrl(), config.id(), new MemoryPersistence());
    } catch (MqttException e) {
      throw new IllegalArgumentException("bad broker URL " + config.brokerUrl(), e);
    }
    client.setManualAcks(true);
    client.setCallback(new Callback());
  }

  /**
   * Opens the link of the device {@code config} describes; it connects in the background.
   *
   * @param clock stamps the envelopes ({@code iat})
   * @param notices gets every notice addressed to the device (and, for an RP, every blueprint),
   *     once each, on one thread, in order
   * @throws IllegalArgumentException when the key, certificate or CA cannot be read
   */
  public static MqttDeviceLink start(
      final DeviceConfig config, final Clock clock, final Consumer<Notice> notices) {
    return start(config, clock, Redelivery.DEFAULT, notices);
  }

  /**
   * Opens the link of the device {@code config} describes, sending again after {@code UNAVAILABLE}
   * as {@code redelivery} says.
   *
   * @throws IllegalArgumentException when the key, certificate or CA cannot be read
   */
  public static MqttDeviceLink start(
      final DeviceConfig config,
      final Clock clock,
      final Redelivery redelivery,
      final Consumer<Notice> notices) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(redelivery, "redelivery");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(notices, "notices");
    requireReadable(config, "device.caFile", config.caFile());
    requireReadable(config, "device.certFile", config.certFile());
    requireReadable(config, "device.keyFile", config.keyFile());
    ECPrivateKey key;
    try {
      key = Pem.parsePrivateKey(Files.readString(config.keyFile()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot read the device key " + config.keyFile() + ": " + e.getMessage(), e);
    }
    MqttDeviceLink link =
        new MqttDeviceLink(
            config, new EnvelopeSigner(config.id(), key, clock), clock, redelivery, notices);
    link.link.execute(link::connect);
    // Left without a verdict by an earlier run: their receipts may still wait in the session;
    // what has none by then goes again.
    for (Outbox.Entry entry : link.outbox.awaiting()) {
      link.scheduleAgain(nonceOf(entry), LEFTOVER_PAUSE);
    }
    return link;
  }

  private static void requireReadable(
      final DeviceConfig config, final String field, final Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          field
              + ": cannot read "
              + file.normalize()
              + " (copy the file there; on the broker's host ./sfsbroker mqtt issue ID "
              + config.role()
              + " makes a device key and certificate)");
    }
  }

  @Override
  public String id() {
    return config.id();
  }

  /** {@inheritDoc} It is durable in the outbox when this returns. */
  @Override
  public Sent send(final Uplink uplink, final Object body) {
    Objects.requireNonNull(uplink, "uplink");
    Objects.requireNonNull(body, "body");
    String envelope = signer.sign(uplink.messageType(), body);
    String nonce;
    try {
      nonce = UnverifiedEnvelope.parse(envelope).nonce();
    } catch (EnvelopeException e) {
      throw new IllegalStateException("an envelope this device signed does not parse", e);
    }
    receipts.computeIfAbsent(nonce, n -> new CompletableFuture<>());
    outbox.add(Topics.uplink(config.id(), uplink), envelope.getBytes(StandardCharsets.UTF_8));
    link.execute(this::flush);
    return new Sent(nonce, envelope);
  }

  @Override
  public Receipt awaitReceipt(final String nonce, final Duration timeout)
      throws TimeoutException, InterruptedException {
    Objects.requireNonNull(nonce, "nonce");
    CompletableFuture<Receipt> future =
        receipts.computeIfAbsent(nonce, n -> new CompletableFuture<>());
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "no receipt for message "
              + nonce
              + " within "
              + timeout.toSeconds()
              + " s"
              + (isConnected() ? "" : " (the broker cannot be reached; it stays in the outbox)"));
    }
  }

  /** {@inheritDoc} Needs the broker now: a query is not kept in the outbox. */
  @Override
  public SliceQueryAnswer querySlices(final List<String> sliceIds, final Duration timeout)
      throws TimeoutException, InterruptedException {
    Objects.requireNonNull(sliceIds, "sliceIds");
    if (sliceIds.isEmpty()) {
      return SliceQueryAnswer.of(null, Map.of(), Map.of());
    }
    String nonce = "q-" + java.util.UUID.randomUUID();
    JsonObject question = new JsonObject();
    question.addProperty("nonce", nonce);
    question.add("sliceIds", Json.toJsonTree(List.copyOf(sliceIds)));
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    answers.put(nonce, answer);
    try {
      MqttMessage message = new MqttMessage(Json.toJson(question).getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      client.publish(Topics.query(config.id()), message);
      JsonObject body = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      SliceQueryAnswer parsed = Json.fromJson(Json.toJson(body), SliceQueryAnswer.class);
      if (!parsed.answered()) {
        throw new IllegalStateException(
            "the bridge refused the query: " + parsed.code() + ": " + parsed.reason());
      }
      return parsed;
    } catch (MqttException e) {
      throw new IllegalStateException(
          "cannot ask the bridge (the broker is not reachable): " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      answers.remove(nonce);
    }
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public boolean awaitFirstConnection(final Duration timeout) throws InterruptedException {
    return firstConnect.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public int pending() {
    return outbox.pending().size();
  }

  @Override
  public int unanswered() {
    return outbox.pending().size() + outbox.awaiting().size();
  }

  @Override
  public void close() {
    closed = true;
    link.shutdownNow();
    dispatcher.shutdown();
    try {
      dispatcher.awaitTermination(5, TimeUnit.SECONDS);
      if (client.isConnected()) {
        client.disconnect(2_000);
      }
    } catch (MqttException | InterruptedException e) {
      LOG.log(Level.DEBUG, "disconnecting " + config.id(), e);
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      LOG.log(Level.DEBUG, "closing " + config.id(), e);
    }
  }

  private void connect() {
    if (closed || client.isConnected()) {
      return;
    }
    try {
      client.connect(options);
      List<String> filters = new ArrayList<>(List.of(Topics.allDownlinks(config.id())));
      if (Topics.ROLE_RP.equals(config.role())) {
        filters.add(Topics.BLUEPRINTS);
        filters.add(Topics.APPLICATIONS);
      }
      client.subscribe(filters.toArray(String[]::new), filters.stream().mapToInt(f -> 1).toArray());
      backoffMillis = 250;
      firstConnect.countDown();
      LOG.log(Level.INFO, config.id() + " connected to " + config.brokerUrl());
      flush();
    } catch (MqttException | RuntimeException e) {
      LOG.log(
          Level.DEBUG, config.id() + " cannot reach " + config.brokerUrl() + ": " + e.getMessage());
      scheduleConnect();
    }
  }

  private void scheduleConnect() {
    if (closed) {
      return;
    }
    link.schedule(this::connect, backoffMillis, TimeUnit.MILLISECONDS);
    backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
  }

  /** Sends what waits in the outbox, oldest first; stops at the first failure. */
  private void flush() {
    if (closed || !client.isConnected()) {
      return;
    }
    for (Outbox.Entry entry : outbox.pending()) {
      try {
        MqttMessage message = new MqttMessage(entry.payload());
        message.setQos(1);
        client.publish(entry.topic(), message);
        outbox.sent(entry);
        watch(nonceOf(entry));
      } catch (MqttException e) {
        LOG.log(
            Level.DEBUG, config.id() + " could not send " + entry.file() + ": " + e.getMessage());
        return;
      }
    }
  }

  /**
   * Sends the message {@code nonce} again when no receipt of the copy just sent comes within the
   * silence: the bridge that took it died before answering (with several bridges sharing the
   * traffic, the broker gives the next copy to another).
   */
  private void watch(final String nonce) {
    if (nonce.isEmpty()) {
      return;
    }
    long ticket = silences.sent(nonce);
    Duration silence = redelivery.silence();
    try {
      link.schedule(
          () -> {
            if (!closed && silences.silentSince(nonce, ticket)) {
              LOG.log(
                  Level.INFO,
                  config.id()
                      + ": no receipt for message "
                      + nonce
                      + " within "
                      + silence.toSeconds()
                      + " s; sending it again");
              sendAgain(nonce, false);
            }
          },
          silence.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing; the message stays in awaiting/ for the next run
    }
  }

  private void handle(final String topic, final MqttMessage message) {
    try {
      JsonObject body = Json.parseObject(new String(message.getPayload(), StandardCharsets.UTF_8));
      if (topic.equals(Topics.downlink(config.id(), Downlink.RECEIPT))) {
        Receipt receipt = Json.fromJson(body.toString(), Receipt.class);
        if (receipt.nonce() != null) {
          onReceipt(receipt);
        }
      } else if (topic.equals(Topics.downlink(config.id(), Downlink.QUERY))) {
        if (body.has("nonce")) {
          CompletableFuture<JsonObject> waiting = answers.get(body.get("nonce").getAsString());
          if (waiting != null) {
            waiting.complete(body);
          }
        }
      } else {
        Notice notice = Json.fromJson(body.toString(), Notice.class);
        String key = topic + " " + notice.event() + " " + notice.transactionId();
        if (remember(key)) {
          notices.accept(notice);
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, config.id() + " could not handle a message on " + topic, e);
    } finally {
      try {
        client.messageArrivedComplete(message.getId(), message.getQos());
      } catch (MqttException e) {
        LOG.log(Level.DEBUG, config.id() + " could not acknowledge a message: " + e.getMessage());
      }
    }
  }

  /** A receipt: a verdict ends the message; {@code UNAVAILABLE} sends it again later. */
  private void onReceipt(final Receipt receipt) {
    String nonce = receipt.nonce();
    silences.heard(nonce);
    if (receipt.isUnavailable()) {
      int attempt = attempts.merge(nonce, 1, Integer::sum);
      Duration pause = redelivery.pause(attempt);
      LOG.log(
          Level.INFO,
          config.id()
              + ": message "
              + nonce
              + " got UNAVAILABLE; sending it again in "
              + pause.toSeconds()
              + " s (attempt "
              + attempt
              + ")");
      scheduleAgain(nonce, pause);
      return;
    }
    if ("EXPIRED".equals(receipt.code()) && grewOld(nonce)) {
      LOG.log(
          Level.INFO, config.id() + ": message " + nonce + " expired on its way; signing again");
      link.execute(() -> sendAgain(nonce, true));
      return;
    }
    // REPLAY naming a commit: an earlier copy of this message is the one on the ledger.
    Receipt verdict = receipt.earlierCommit().orElse(receipt);
    forget(nonce);
    receipts.computeIfAbsent(nonce, n -> new CompletableFuture<>()).complete(verdict);
  }

  private boolean grewOld(final String nonce) {
    Optional<Outbox.Entry> entry = awaitingEntry(nonce);
    if (entry.isEmpty()
        || expiredAgain.merge(nonce, 1, Integer::sum) > MAX_SIGN_AGAIN_AFTER_EXPIRED) {
      return false;
    }
    return redelivery.expiredOnTheWay(issuedAt(entry.get()), clock.instant());
  }

  private void scheduleAgain(final String nonce, final Duration pause) {
    if (closed || nonce == null) {
      return;
    }
    try {
      link.schedule(() -> sendAgain(nonce, false), pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing; the message stays in awaiting/ for the next run
    }
  }

  /** Puts a message without a verdict back to be sent, signed again when it would expire. */
  private void sendAgain(final String nonce, final boolean expired) {
    Optional<Outbox.Entry> found = awaitingEntry(nonce);
    if (closed || found.isEmpty()) {
      return; // it has its verdict, or it is still waiting to be sent
    }
    Outbox.Entry entry = found.get();
    byte[] payload = entry.payload();
    if (expired || redelivery.mustSignAgain(issuedAt(entry), clock.instant())) {
      JsonObject claims = claims(entry);
      payload =
          signer
              .signAgain(
                  io.sfsbroker.protocol.envelope.MessageType.fromWireName(
                          claims.get("msg").getAsString())
                      .orElseThrow(),
                  claims.getAsJsonObject("body"),
                  nonce)
              .getBytes(StandardCharsets.UTF_8);
    }
    outbox.again(entry, payload);
    flush();
  }

  private Optional<Outbox.Entry> awaitingEntry(final String nonce) {
    return outbox.awaiting().stream().filter(e -> nonce.equals(nonceOf(e))).findFirst();
  }

  /** Forgets a message that has its verdict, wherever it is. */
  private void forget(final String nonce) {
    attempts.remove(nonce);
    expiredAgain.remove(nonce);
    silences.forget(nonce);
    for (Outbox.Entry entry : outbox.awaiting()) {
      if (nonce.equals(nonceOf(entry))) {
        outbox.remove(entry);
      }
    }
    for (Outbox.Entry entry : outbox.pending()) {
      if (nonce.equals(nonceOf(entry))) {
        outbox.remove(entry);
      }
    }
  }

  private static String nonceOf(final Outbox.Entry entry) {
    try {
      return UnverifiedEnvelope.parse(new String(entry.payload(), StandardCharsets.UTF_8)).nonce();
    } catch (EnvelopeException e) {
      return "";
    }
  }

  private static Instant issuedAt(final Outbox.Entry entry) {
    try {
      return UnverifiedEnvelope.parse(new String(entry.payload(), StandardCharsets.UTF_8))
          .issuedAt();
    } catch (EnvelopeException e) {
      return Instant.EPOCH;
    }
  }

  /** The claims of an envelope this device signed (its signature is the device's own). */
  private static JsonObject claims(final Outbox.Entry entry) {
    String[] parts = new String(entry.payload(), StandardCharsets.UTF_8).split("\\.");
    return Json.parseObject(
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
  }

  private synchronized boolean remember(final String key) {
    if (!seen.add(key)) {
      return false;
    }
    seenOrder.add(key);
    while (seenOrder.size() > SEEN_LIMIT) {
      seen.remove(seenOrder.removeFirst());
    }
    try {
      Files.writeString(seenFile, key + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot record a notice in " + seenFile + ": " + e.getMessage());
    }
    return true;
  }

  private void loadSeen() {
    if (!Files.exists(seenFile)) {
      return;
    }
    try {
      List<String> lines = Files.readAllLines(seenFile);
      List<String> last = lines.subList(Math.max(0, lines.size() - SEEN_LIMIT), lines.size());
      for (String line : last) {
        if (seen.add(line)) {
          seenOrder.add(line);
        }
      }
      if (lines.size() > 2 * SEEN_LIMIT) {
        Files.write(seenFile, seenOrder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + seenFile, e);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(final String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  private final class Callback implements MqttCallback {
    @Override
    public void connectionLost(final Throwable cause) {
      LOG.log(
          Level.INFO,
          config.id() + " lost the broker: " + (cause == null ? "" : cause.getMessage()));
      if (!closed) {
        link.execute(MqttDeviceLink.this::scheduleConnect);
      }
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
      if (!closed) {
        dispatcher.execute(() -> handle(topic, message));
      }
    }

    @Override
    public void deliveryComplete(final IMqttDeliveryToken token) {
      // the outbox entry is removed when publish returns, after the broker's acknowledgement
    }
  }
}
