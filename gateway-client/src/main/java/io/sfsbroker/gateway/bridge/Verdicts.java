package io.sfsbroker.gateway.bridge;

import io.sfsbroker.protocol.mqtt.Receipt;
import java.util.Objects;
import java.util.Optional;

/**
 * Which outcomes of a device message are verdicts of the ledger, and which only say that the
 * network did not take its transaction in time. Only a verdict is recorded as done: a message that
 * got {@code UNAVAILABLE} may be sent again and is then processed. Pure, so it is tested on its
 * own.
 */
final class Verdicts {

  /** The code of a receipt that is no verdict: the network did not answer in time. */
  static final String UNAVAILABLE = "UNAVAILABLE";

  private Verdicts() {}

  /**
   * Whether a final ledger failure with {@code code} is a give-up rather than a verdict: a peer or
   * orderer that did not answer ({@link RetryPolicy#TRANSIENT}), or read conflicts that outlasted
   * the retries ({@link RetryPolicy#READ_CONFLICTS}). Neither consumed the envelope's nonce.
   */
  static boolean isTransient(final String code) {
    Objects.requireNonNull(code, "code");
    return RetryPolicy.TRANSIENT.contains(code) || RetryPolicy.READ_CONFLICTS.contains(code);
  }

  /** Whether {@code receipt} is a verdict: committed, or rejected with any code but UNAVAILABLE. */
  static boolean isFinal(final Receipt receipt) {
    Objects.requireNonNull(receipt, "receipt");
    return receipt.isCommitted() || !UNAVAILABLE.equals(receipt.code());
  }

  /**
   * The answer to a message the store has a record of, or empty when it is to be submitted: a
   * message without a verdict ({@code ENDORSED}) is resubmitted; a broker redelivery of an answered
   * one gets the same receipt again; the same envelope sent again gets {@code REPLAY}, which for a
   * committed message carries the original's transaction, block and result ({@link
   * Receipt#replayOf}). A rejected message signed again (same nonce, another envelope, {@code
   * envelopeDigest}) is submitted as new: the rejection applied nothing, and the ledger's nonce
   * record still applies the message at most once.
   */
  static Optional<Receipt> answerKnown(
      final DedupeStore.Entry known, final String envelopeDigest, final boolean redelivered) {
    Objects.requireNonNull(known, "known");
    if (known.state() != DedupeStore.State.DONE) {
      return Optional.empty();
    }
    Receipt original = known.receipt();
    if (!redelivered
        && !original.isCommitted()
        && known.envelopeDigest() != null
        && !known.envelopeDigest().equals(envelopeDigest)) {
      return Optional.empty();
    }
    return Optional.of(
        answerKnown(
            original,
            known.topic(),
            known.signerId(),
            known.nonce(),
            original.messageType(),
            redelivered));
  }

  /** The answer to a message whose verdict is on record ({@code original}). */
  static Receipt answerKnown(
      final Receipt original,
      final String topic,
      final String signerId,
      final String nonce,
      final String messageType,
      final boolean redelivered) {
    Objects.requireNonNull(original, "original");
    return redelivered ? original : Receipt.replayOf(original, topic, signerId, nonce, messageType);
  }
}
