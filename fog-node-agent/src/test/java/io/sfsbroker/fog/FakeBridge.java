package io.sfsbroker.fog;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Plays the bridge for the agent in-process, behind the agent's {@link BrokerLink} seam: records
 * what the agent sends and answers it as a test script says, with receipts and notices.
 */
final class FakeBridge implements BrokerLink {

  /** A message the agent sent. */
  record Message(Uplink uplink, String nonce, JsonObject body) {}

  static final String FOG = "fog-7";

  final List<Message> sent = new CopyOnWriteArrayList<>();
  final List<Message> delivered = new CopyOnWriteArrayList<>();
  private final Queue<Message> outbox = new ConcurrentLinkedQueue<>();
  final Map<String, CompletableFuture<Receipt>> receipts = new ConcurrentHashMap<>();
  private final AtomicLong blocks = new AtomicLong(100);
  volatile boolean connected = true;
  volatile Consumer<Message> script = m -> {};
  volatile Map<String, String> states = Map.of();
  private volatile Consumer<Notice> notices;
  volatile boolean closed;

  /** The agent of fog node {@value #FOG} on this bridge. */
  FogNodeAgent agent(final FogConfig config) {
    return new FogNodeAgent(config, Clock.systemUTC(), opener(), Duration.ofMillis(100));
  }

  /** A configuration of {@value #FOG} whose files are never read (the link is this fake). */
  static FogConfig config() {
    Path none = Path.of("unused");
    return FogConfig.of(
        new DeviceConfig(FOG, Topics.ROLE_FOG_NODE, "ssl://127.0.0.1:1", none, none, none, none));
  }

  BrokerLink.Opener opener() {
    return (device, clock, consumer) -> {
      this.notices = consumer;
      return this;
    };
  }

  /** Commits {@code message} with {@code result} (a record, map or JSON tree). */
  void commit(final Message message, final Object result) {
    receipt(message)
        .complete(
            Receipt.committed(
                Topics.uplink(FOG, message.uplink()),
                FOG,
                message.nonce(),
                message.uplink().messageType().wireName(),
                "tx-" + message.nonce(),
                blocks.incrementAndGet(),
                Json.toJsonTree(result)));
  }

  /** Rejects {@code message} with {@code code}. */
  void reject(final Message message, final String code, final String reason) {
    receipt(message)
        .complete(
            Receipt.rejected(
                Topics.uplink(FOG, message.uplink()),
                FOG,
                message.nonce(),
                message.uplink().messageType().wireName(),
                "tx-" + message.nonce(),
                code,
                reason));
  }

  /** Relays a chaincode event to the agent. */
  void notice(final String event, final Object payload) {
    JsonElement tree = Json.toJsonTree(payload);
    notices.accept(new Notice(1, event, "tx-" + UUID.randomUUID(), blocks.incrementAndGet(), tree));
  }

  /** The messages of one kind the agent sent. */
  List<Message> sent(final Uplink uplink) {
    return sent.stream().filter(m -> m.uplink() == uplink).toList();
  }

  @Override
  public String id() {
    return FOG;
  }

  @Override
  public DeviceLink.Sent send(final Uplink uplink, final Object body) {
    String nonce = UUID.randomUUID().toString().replace("-", "");
    JsonObject json = Json.toJsonTree(body).getAsJsonObject();
    Message message = new Message(uplink, nonce, json);
    sent.add(message);
    if (connected) {
      deliver(message);
    } else {
      outbox.add(message);
    }
    return new DeviceLink.Sent(nonce, Json.toJson(json));
  }

  @Override
  public Receipt awaitReceipt(final String nonce, final Duration timeout)
      throws TimeoutException, InterruptedException {
    try {
      return receipts
          .computeIfAbsent(nonce, n -> new CompletableFuture<>())
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean isConnected() {
    return connected;
  }

  @Override
  public boolean awaitFirstConnection(final Duration timeout) {
    return connected;
  }

  @Override
  public int pending() {
    return outbox.size();
  }

  /** Takes the link down: what the agent sends from now on waits in the outbox. */
  void disconnect() {
    connected = false;
  }

  /** Brings the link back: the outbox goes to the bridge, each message once, in order. */
  void reconnect() {
    connected = true;
    Message next;
    while ((next = outbox.poll()) != null) {
      deliver(next);
    }
  }

  @Override
  public Map<String, String> sliceStates(final List<String> sliceIds, final Duration timeout) {
    return states;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void deliver(final Message message) {
    delivered.add(message);
    script.accept(message);
  }

  private CompletableFuture<Receipt> receipt(final Message message) {
    return receipts.computeIfAbsent(message.nonce(), n -> new CompletableFuture<>());
  }
}
