package io.sfsbroker.gateway.bridge;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.sfsbroker.gateway.ledger.LedgerException;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.envelope.Envelope;
import io.sfsbroker.protocol.mqtt.Downlink;
import io.sfsbroker.protocol.mqtt.Topics;
import io.sfsbroker.protocol.slice.Slice;
import io.sfsbroker.protocol.slice.SliceEndpoints;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Answers a device's question about the states of its slices (docs/protocol.md, "Queries") on its
 * {@code …/query} downlink: {@code {"nonce": …, "slices": {id: state}, "endpoints": {id:
 * [Endpoint…]}}}, or {@code {"code": "MALFORMED", "reason": …}}. The state goes to the slice's
 * winners, its tenant (the fog node that requested and paid for it) and the device that holds its
 * bundle tokens now; the endpoints only to that holder, as {@code slice:getSliceEndpoints} decides
 * (the tokens are the slice's rights, docs/tokens.md). A slice the device is none of these for is
 * reported as {@code NOT_FOUND}, like one that does not exist. Thread-safe.
 */
final class SliceQueries {

  /** The most slices one query may name. */
  static final int MAX_IDS = 100;

  private static final String NOT_FOUND = "NOT_FOUND";

  private static final String FORBIDDEN = "FORBIDDEN";

  /** The prefix of a device's account on the ledger. */
  private static final String DEVICE = "device:";

  private final Function<String, String> slices;
  private final BiFunction<String, String, String> heldSlices;
  private final Downlinks downlinks;

  /**
   * Queries answered from {@code slices} (a slice id → the ledger's {@link Slice} as JSON, or a
   * {@link LedgerException}) and {@code heldSlices} (a slice id and an account → {@code
   * slice:getSliceEndpoints}' {@link SliceEndpoints} as JSON, or a {@link LedgerException} with
   * {@code FORBIDDEN} when the account does not hold the slice) on {@code downlinks}.
   */
  SliceQueries(
      final Function<String, String> slices,
      final BiFunction<String, String, String> heldSlices,
      final Downlinks downlinks) {
    this.slices = Objects.requireNonNull(slices, "slices");
    this.heldSlices = Objects.requireNonNull(heldSlices, "heldSlices");
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
      JsonObject endpoints = new JsonObject();
      for (JsonElement id : ids.getAsJsonArray()) {
        String sliceId = id.getAsString();
        states.addProperty(sliceId, stateFor(deviceId, sliceId, endpoints));
      }
      answer.add("slices", states);
      answer.add("endpoints", endpoints);
    } catch (RuntimeException e) {
      answer.remove("slices");
      answer.remove("endpoints");
      answer.addProperty("code", "MALFORMED");
      answer.addProperty("reason", String.valueOf(e.getMessage()));
    }
    return answer;
  }

  /**
   * The state of {@code sliceId} as {@code deviceId} may see it; adds the slice's endpoints to
   * {@code endpoints} when the device holds the slice.
   */
  private String stateFor(final String deviceId, final String sliceId, final JsonObject endpoints) {
    Slice slice;
    try {
      slice = Json.fromJson(slices.apply(sliceId), Slice.class);
    } catch (LedgerException e) {
      if (NOT_FOUND.equals(e.code()) || "INVALID_ARGUMENT".equals(e.code())) {
        return NOT_FOUND;
      }
      throw new IllegalStateException("the ledger did not answer: " + e.getMessage(), e);
    }
    Optional<SliceEndpoints> held = heldBy(deviceId, sliceId);
    held.ifPresent(h -> endpoints.add(sliceId, Json.toJsonTree(h.endpoints())));
    Set<String> parties = NoticeRoutes.rpIds(slice.winners());
    parties.add(slice.tenantId());
    return held.isPresent() || parties.contains(deviceId) ? slice.state().name() : NOT_FOUND;
  }

  private Optional<SliceEndpoints> heldBy(final String deviceId, final String sliceId) {
    try {
      return Optional.of(
          Json.fromJson(heldSlices.apply(sliceId, DEVICE + deviceId), SliceEndpoints.class));
    } catch (LedgerException e) {
      if (FORBIDDEN.equals(e.code()) || NOT_FOUND.equals(e.code())) {
        return Optional.empty();
      }
      throw new IllegalStateException("the ledger did not answer: " + e.getMessage(), e);
    }
  }
}
