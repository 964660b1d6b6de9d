package io.sfsbroker.rp;

import com.google.gson.JsonObject;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.mqtt.Receipt;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.mqtt.Uplink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A {@link BridgeLink} without MQTT: it records what the agent sends, answers receipts with {@link
 * #receipts} (committed by default) and slice-state queries from {@link #states}.
 */
final class FakeLink implements BridgeLink {

  /** A message the agent sent. */
  record Message(Uplink uplink, JsonObject body, String nonce) {}

  private final List<Message> sent = new ArrayList<>();
  private final AtomicInteger count = new AtomicInteger();
  final Map<String, String> states = new TreeMap<>();
  volatile Function<Message, Receipt> receipts =
      m ->
          Receipt.committed(
              Topics.uplink("rp-1", m.uplink()),
              "rp-1",
              m.nonce(),
              m.uplink().messageType().wireName(),
              "tx-" + m.nonce(),
              7,
              null);
  volatile boolean connected = true;
  final List<List<String>> queries = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public synchronized String send(final Uplink uplink, final Object body) {
    String nonce = "n" + count.incrementAndGet();
    sent.add(new Message(uplink, Json.parseObject(Json.toJson(body)), nonce));
    return nonce;
  }

  @Override
  public Receipt awaitReceipt(final String nonce, final Duration timeout) throws TimeoutException {
    Message message;
    synchronized (this) {
      message = sent.stream().filter(m -> m.nonce().equals(nonce)).findFirst().orElseThrow();
    }
    Receipt receipt = receipts.apply(message);
    if (receipt == null) {
      throw new TimeoutException("no receipt");
    }
    return receipt;
  }

  @Override
  public synchronized Map<String, String> sliceStates(
      final List<String> sliceIds, final Duration timeout) throws TimeoutException {
    if (!connected) {
      throw new TimeoutException("the bridge does not answer");
    }
    queries.add(List.copyOf(sliceIds));
    Map<String, String> answer = new TreeMap<>();
    sliceIds.forEach(id -> answer.put(id, states.getOrDefault(id, "NOT_FOUND")));
    return answer;
  }

  @Override
  public boolean awaitConnection(final Duration timeout) {
    return connected;
  }

  @Override
  public void close() {}

  synchronized List<Message> sent() {
    return List.copyOf(sent);
  }

  synchronized List<Message> sent(final Uplink uplink) {
    return sent.stream().filter(m -> m.uplink() == uplink).toList();
  }

  /** A rejection of {@code message} with {@code code}. */
  static Receipt rejected(final Message message, final String code) {
    return Receipt.rejected(
        Topics.uplink("rp-1", message.uplink()),
        "rp-1",
        message.nonce(),
        message.uplink().messageType().wireName(),
        "tx-" + message.nonce(),
        code,
        code + ": refused by the test");
  }
}
