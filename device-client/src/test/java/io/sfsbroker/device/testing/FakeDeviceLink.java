package io.sfsbroker.device.testing;

import com.google.gson.JsonObject;
import io.sfsbroker.device.DeviceConfig;
import io.sfsbroker.device.DeviceLink;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import io.sfsbroker.protocol.mqtt.Notice;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.SliceQueryAnswer;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import io.sfsbroker.protocol.slice.Endpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The bridge and broker played in-process behind the {@link DeviceLink} seam, for the agents' unit
 * tests: it records what the agent sends (as JSON, as the bridge would read it), answers with
 * receipts as the test says, relays notices, keeps an outbox while {@link #disconnect
 * disconnected}, and answers slice-state queries from {@link #states}.
 *
 * <p>A message's receipt comes from {@link #commit} or {@link #reject} (the test's {@link #script},
 * run as each message reaches the "bridge", may call them), or else, when the agent awaits it, from
 * {@link #answer}; with neither the agent waits until its timeout.
 */
public final class FakeDeviceLink implements DeviceLink {

  /**
   * A message the agent sent.
   *
   * @param uplink its uplink
   * @param nonce its nonce
   * @param body its body, as JSON
   */
  public record Message(Uplink uplink, String nonce, JsonObject body) {}

  private final String id;
  private final List<Message> sent = new CopyOnWriteArrayList<>();
  private final List<Message> delivered = new CopyOnWriteArrayList<>();
  private final Queue<Message> outbox = new ConcurrentLinkedQueue<>();
  private final Map<String, CompletableFuture<Receipt>> receipts = new ConcurrentHashMap<>();
  private final List<List<String>> queries = new CopyOnWriteArrayList<>();
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong blocks = new AtomicLong(100);
  private volatile Consumer<Notice> notices;
  private volatile boolean connected = true;
  private volatile boolean closed;

  /**
   * What happens when a message reaches the bridge (it may {@link #commit} it); nothing at first.
   */
  public volatile Consumer<Message> script = m -> {};

  /**
   * The receipt of a message that has none when the agent awaits it; {@code null} lets the agent
   * wait until its timeout. At first there is none.
   */
  public volatile Function<Message, Receipt> answer = m -> null;

  /** The ledger state of slices, by id, for {@link #querySlices}; others are {@code NOT_FOUND}. */
  public final Map<String, String> states = new ConcurrentHashMap<>();

  /** The endpoints of the slices this device holds, by id, for {@link #querySlices}. */
  public final Map<String, List<Endpoint>> endpoints = new ConcurrentHashMap<>();

  /** A link of device {@code id}. */
  public FakeDeviceLink(final String id) {
    this.id = Objects.requireNonNull(id, "id");
  }

  /**
   * A device configuration of {@code id} and {@code role} whose files are never read (the link is
   * this fake).
   */
  public static DeviceConfig config(final String id, final String role) {
    java.nio.file.Path none = java.nio.file.Path.of("unused");
    return new DeviceConfig(id, role, "ssl://127.0.0.1:1", none, none, none, none);
  }

  /** Opens this link, whatever the configuration, and sends the agent's notices through it. */
  public DeviceLink.Opener opener() {
    return (device, clock, consumer) -> {
      this.notices = consumer;
      return this;
    };
  }

  /** The receipt that commits {@code message} with {@code result} (a record, map or JSON tree). */
  public Receipt committed(final Message message, final Object result) {
    return Receipt.committed(
        Topics.uplink(id, message.uplink()),
        id,
        message.nonce(),
        message.uplink().messageType().wireName(),
        "tx-" + message.nonce(),
        blocks.incrementAndGet(),
        result == null ? null : Json.toJsonTree(result));
  }

  /** The receipt that rejects {@code message} with {@code code}. */
  public Receipt rejected(final Message message, final String code, final String reason) {
    return Receipt.rejected(
        Topics.uplink(id, message.uplink()),
        id,
        message.nonce(),
        message.uplink().messageType().wireName(),
        "tx-" + message.nonce(),
        code,
        reason);
  }

  /** Commits {@code message} with {@code result}: its receipt is there now. */
  public void commit(final Message message, final Object result) {
    receipt(message.nonce()).complete(committed(message, result));
  }

  /** Rejects {@code message} with {@code code}: its receipt is there now. */
  public void reject(final Message message, final String code, final String reason) {
    receipt(message.nonce()).complete(rejected(message, code, reason));
  }

  /** Relays the chaincode event {@code event} with {@code payload} to the agent, as the bridge. */
  public void notice(final EventName event, final Object payload) {
    notice(event.wireName(), payload);
  }

  /** Relays an event by its wire name, for names this broker does not emit. */
  public void notice(final String event, final Object payload) {
    Consumer<Notice> consumer = notices;
    if (consumer == null) {
      throw new IllegalStateException("no agent opened this link");
    }
    consumer.accept(
        new Notice(
            1,
            event,
            "tx-notice-" + count.incrementAndGet(),
            blocks.incrementAndGet(),
            Json.toJsonTree(payload)));
  }

  /** Everything the agent sent, in order, delivered or not. */
  public List<Message> sent() {
    return List.copyOf(sent);
  }

  /** The messages of one kind the agent sent. */
  public List<Message> sent(final Uplink uplink) {
    return sent.stream().filter(m -> m.uplink() == uplink).toList();
  }

  /** The messages that reached the bridge, in order. */
  public List<Message> delivered() {
    return List.copyOf(delivered);
  }

  /** The slice ids of every query, one list per query. */
  public List<List<String>> queries() {
    return List.copyOf(queries);
  }

  /** Whether the agent closed the link. */
  public boolean closed() {
    return closed;
  }

  /** Takes the link down: what the agent sends from now on waits in the outbox. */
  public void disconnect() {
    connected = false;
  }

  /** Brings the link back: the outbox goes to the bridge, each message once, in order. */
  public void reconnect() {
    connected = true;
    Message next;
    while ((next = outbox.poll()) != null) {
      deliver(next);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Sent send(final Uplink uplink, final Object body) {
    Objects.requireNonNull(uplink, "uplink");
    String nonce = "n" + count.incrementAndGet();
    JsonObject json = Json.parseObject(Json.toJson(body));
    Message message = new Message(uplink, nonce, json);
    sent.add(message);
    receipt(nonce);
    if (connected) {
      deliver(message);
    } else {
      outbox.add(message);
    }
    return new Sent(nonce, Json.toJson(json));
  }

  @Override
  public Receipt awaitReceipt(final String nonce, final Duration timeout)
      throws TimeoutException, InterruptedException {
    CompletableFuture<Receipt> future = receipt(nonce);
    if (!future.isDone()) {
      Message message =
          delivered.stream().filter(m -> m.nonce().equals(nonce)).findFirst().orElse(null);
      Receipt answered = message == null ? null : answer.apply(message);
      if (answered != null && answered.isUnavailable()) {
        // No verdict, as the real link would pass on from a bridge that keeps getting none: the
        // next wait asks the test's answer again.
        return answered;
      }
      if (answered != null) {
        future.complete(answered);
      }
    }
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException("no receipt for message " + nonce + " within " + timeout);
    }
  }

  @Override
  public SliceQueryAnswer querySlices(final List<String> sliceIds, final Duration timeout)
      throws TimeoutException {
    if (!connected) {
      throw new TimeoutException("the bridge does not answer");
    }
    queries.add(List.copyOf(sliceIds));
    Map<String, String> answer = new TreeMap<>();
    Map<String, List<Endpoint>> held = new TreeMap<>();
    for (String s : sliceIds) {
      answer.put(s, states.getOrDefault(s, "NOT_FOUND"));
      if (endpoints.containsKey(s)) {
        held.put(s, endpoints.get(s));
      }
    }
    return SliceQueryAnswer.of("q-" + queries.size(), answer, held);
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

  @Override
  public int unanswered() {
    return (int) receipts.values().stream().filter(f -> !f.isDone()).count();
  }

  @Override
  public void close() {
    closed = true;
  }

  private void deliver(final Message message) {
    delivered.add(message);
    script.accept(message);
  }

  private CompletableFuture<Receipt> receipt(final String nonce) {
    return receipts.computeIfAbsent(nonce, n -> new CompletableFuture<>());
  }
}
