package io.sfsbroker.protocol.envelope;

import java.time.Instant;
import java.util.Objects;

/**
 * The record that a signer's nonce was used, stored under {@code envelope-nonce~<signer>~<nonce>}
 * and returned by {@code envelope:getUsedNonce}: a bridge that is refused {@code REPLAY} for a
 * device's message finds here the transaction that applied it, and answers with that commit.
 *
 * @param txId the transaction that accepted the envelope
 * @param type the envelope's message type
 * @param acceptedAt that transaction's time
 */
public record UsedNonce(String txId, MessageType type, Instant acceptedAt) {

  /** Checks the fields. */
  public UsedNonce {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
  }
}
