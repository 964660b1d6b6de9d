package io.sfsbroker.gateway.ledger;

import java.util.Objects;

/**
 * A transaction that was committed as valid.
 *
 * @param transactionId its id
 * @param blockNumber the block that holds it
 * @param result what the chaincode returned
 */
public record Committed(String transactionId, long blockNumber, String result) {

  /** Checks the fields. */
  public Committed {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(result, "result");
  }
}
