package io.sfsbroker.gateway.bridge;

import java.util.Objects;

/**
 * A device message's transaction once the peers endorsed it: its id and its signed bytes, which a
 * later run submits again as the same transaction.
 *
 * @param transactionId the transaction id
 * @param signedBytes the signed transaction
 */
record Endorsement(String transactionId, byte[] signedBytes) {

  /** Checks the fields. */
  Endorsement {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(signedBytes, "signedBytes");
  }
}
