package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.slice.Slice;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers a device's question about the states of its slices (docs/protocol.md, "Queries") on its
 * {@code …/query} downlink: {@code {"nonce": …, "slices": {id: state}}}, or {@code {"code":
 * "MALFORMED", "reason": …}}. A slice the device is neither the tenant nor a winner of is reported
 * as {@code NOT_FOUND}, like one that does not exist. Thread-safe.
 */
final class SliceQueries {

  /** The most slices one query may name. */
  static final int MAX_IDS = 100;

  private static final String NOT_FOUND = "NOT_FOUND";

  private final Function<String, String> slices;
  private final Downlinks downlinks;

  /**
   * Queries answered from {@code slices} (a slice id → the ledger's {@link Slice} as JSON, or a
   * {@link LedgerException}) on {@code downlinks}.
   */
  SliceQueries(final Function<String, String> slices, final Downlinks downlinks) {
    this.slices = Objects.requireNonNull(slices, "slices");
    this.downlinks = Objects.requireNonNull(downlinks, "downlinks");
  }

  /** Answers {@code deviceId}'s query {@code payload}; true when it may be acknowledged. */
  boolean answer(final String deviceId, final byte[] payload) throws InterruptedException {
    Objects.requireNonNull(deviceId, "deviceId");
    return downlinks.publish(
        Topics.downlink(deviceId, Downlink.QUERY), Json.toJson(answerOf(deviceId, payload)));
  }

  /** The answer to {@code deviceId}'s query {@code payload}. */
  JsonObject answerOf(final String deviceId, final byte[] payload) {
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
      if (ids == null || !ids.isJsonArray() || ids.getAsJsonArray().size() > MAX_IDS) {
        throw new IllegalArgumentException(
            "a query is {\"nonce\": \"…\", \"sliceIds\": [at most " + MAX_IDS + " slice ids]}");
      }
      JsonObject states = new JsonObject();
      for (JsonElement id : ids.getAsJsonArray()) {
        String sliceId = id.getAsString();
        states.addProperty(sliceId, stateFor(deviceId, sliceId));
      }
      answer.add("slices", states);
    } catch (RuntimeException e) {
      answer.remove("slices");
      answer.addProperty("code", "MALFORMED");
      answer.addProperty("reason", String.valueOf(e.getMessage()));
    }
    return answer;
  }

  private String stateFor(final String deviceId, final String sliceId) {
    Slice slice;
    try {
      slice = Json.fromJson(slices.apply(sliceId), Slice.class);
    } catch (LedgerException e) {
      if (NOT_FOUND.equals(e.code()) || "INVALID_ARGUMENT".equals(e.code())) {
        return NOT_FOUND;
      }
      throw new IllegalStateException("the ledger did not answer: " + e.getMessage(), e);
    }
    Set<String> parties = NoticeRoutes.rpIds(slice.winners());
    parties.add(slice.tenantId());
    return parties.contains(deviceId) ? slice.state().name() : NOT_FOUND;
  }
}
