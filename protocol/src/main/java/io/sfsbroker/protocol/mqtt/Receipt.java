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

  /** The code of a message the bridge or the ledger handled before. */
  public static final String REPLAY = "REPLAY";

  /**
   * The code of a message whose transaction the network did not take in time: no verdict; the
   * device sends the same message again (docs/protocol.md).
   */
  public static final String UNAVAILABLE = "UNAVAILABLE";

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

  /**
   * The answer to a message sent again after its verdict: {@code REPLAY}. When {@code original} was
   * committed, the answer carries its transaction, block and result, so that a device that sent
   * again after {@code UNAVAILABLE} learns that the first copy committed ({@link #earlierCommit});
   * the ledger is unchanged either way.
   */
  public static Receipt replayOf(
      final Receipt original,
      final String topic,
      final String signerId,
      final String nonce,
      final String messageType) {
    Objects.requireNonNull(original, "original");
    return new Receipt(
        1,
        Status.REJECTED,
        topic,
        signerId,
        nonce,
        messageType,
        original.transactionId(),
        original.isCommitted() ? original.blockNumber() : null,
        REPLAY,
        "this message (signer "
            + signerId
            + ", nonce "
            + nonce
            + ") was handled before: "
            + original.status()
            + (original.transactionId() == null
                ? ""
                : " in transaction " + original.transactionId()),
        original.isCommitted() ? original.result() : null);
  }

  /**
   * For a {@code REPLAY} answer that names the committed first copy ({@link #replayOf}): that
   * copy's receipt. Empty for any other receipt.
   */
  public java.util.Optional<Receipt> earlierCommit() {
    if (status != Status.REJECTED
        || !REPLAY.equals(code)
        || transactionId == null
        || blockNumber == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        committed(topic, signerId, nonce, messageType, transactionId, blockNumber, result));
  }

  /** Whether this receipt only says the network did not take the message in time. */
  public boolean isUnavailable() {
    return status == Status.REJECTED && UNAVAILABLE.equals(code);
  }

  /** Whether the message was committed. */
  public boolean isCommitted() {
    return status == Status.COMMITTED;
  }
}
