package io.sfsbroker.protocol.mqtt;

import com.google.gson.JsonElement;
import java.util.Objects;

/**
 * The bridge's answer to one device message, published on the device's {@link Downlink#RECEIPT}
 * topic: the message was committed in a transaction, or it was rejected with a stable code.
 *
 * @param ver the protocol version, {@code 1}
 * @param status {@code COMMITTED} or {@code REJECTED}
 * @param topic the uplink topic the message arrived on
 * @param signerId the envelope's signer, or {@code null} when the payload was no envelope
 * @param nonce the envelope's nonce, or {@code null} when the payload was no envelope
 * @param messageType the envelope's wire type, or {@code null} when the payload was no envelope
 * @param transactionId the committed transaction (or the rejected one, when it had an id)
 * @param blockNumber the block of the committed transaction, or {@code null}
 * @param code for a rejection: the chaincode's code ({@code BAD_SIGNATURE}, {@code REPLAY}, …) or
 *     one of the bridge's ({@code MALFORMED}, {@code TOO_LARGE}, {@code WRONG_TOPIC}, {@code
 *     SIGNER_MISMATCH}, {@code UNAVAILABLE}, {@code RATE_LIMITED} when the device sent more than
 *     its limit: the message was not processed)
 * @param reason for a rejection: a sentence for a person
 * @param result for a commit: what the chaincode returned (the blueprint of a request, …)
 */
public record Receipt(
    int ver,
    Status status,
    String topic,
    String signerId,
    String nonce,
    String messageType,
    String transactionId,
    Long blockNumber,
    String code,
    String reason,
    JsonElement result) {

  /** The outcome of a message. */
  public enum Status {
    /** Committed as valid on the ledger. */
    COMMITTED,
    /** Rejected; the ledger is unchanged. */
    REJECTED
  }

  /** Checks that a rejection has a code and a commit a transaction id. */
  public Receipt {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(topic, "topic");
    if (status == Status.COMMITTED) {
      Objects.requireNonNull(transactionId, "transactionId");
    } else {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The receipt of a committed message. */
  public static Receipt committed(
      final String topic,
      final String signerId,
      final String nonce,
      final String messageType,
      final String transactionId,
      final long blockNumber,
      final JsonElement result) {
    return new Receipt(
        1,
        Status.COMMITTED,
        topic,
        signerId,
        nonce,
        messageType,
        transactionId,
        blockNumber,
        null,
        null,
        result);
  }

  /** The receipt of a rejected message; signer, nonce, type and transaction may be unknown. */
  public static Receipt rejected(
      final String topic,
      final String signerId,
      final String nonce,
      final String messageType,
      final String transactionId,
      final String code,
      final String reason) {
    return new Receipt(
        1,
        Status.REJECTED,
        topic,
        signerId,
        nonce,
        messageType,
        transactionId,
        null,
        code,
        reason,
        null);
  }

  /** Whether the message was committed. */
  public boolean isCommitted() {
    return status == Status.COMMITTED;
  }
}
