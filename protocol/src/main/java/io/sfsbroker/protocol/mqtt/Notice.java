package io.sfsbroker.protocol.mqtt;

import com.google.gson.JsonElement;
import io.sfsbroker.protocol.Json;
import io.sfsbroker.protocol.event.EventName;
import java.util.Objects;

/**
 * A chaincode event the bridge relays to devices ({@code BlueprintPublished} to resource providers,
 * {@code SliceAwarded} to winners, {@code SliceReady} to the fog node, …).
 *
 * @param ver the protocol version, {@code 1}
 * @param event the chaincode event name, one of {@link EventName}
 * @param transactionId the transaction that emitted it
 * @param blockNumber the block that holds that transaction
 * @param payload the event's payload as the chaincode wrote it
 */
public record Notice(
    int ver, String event, String transactionId, long blockNumber, JsonElement payload) {

  /** Checks the fields. */
  public Notice {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(payload, "payload");
  }

  /**
   * Decodes the payload as {@code type}, the record {@link EventName#payloadType()} names.
   *
   * @throws com.google.gson.JsonParseException when it is not one
   */
  public <T> T payloadAs(final Class<T> type) {
    return Json.fromJson(payload.toString(), type);
  }
}
