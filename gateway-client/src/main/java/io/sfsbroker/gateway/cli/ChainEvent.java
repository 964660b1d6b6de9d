package io.sfsbroker.gateway.cli;

import java.util.Objects;

/**
 * A chaincode event as the CLI prints it.
 *
 * @param blockNumber the block that holds the transaction
 * @param transactionId the transaction that emitted it
 * @param name the event name, such as {@code SliceAwarded}
 * @param payload the payload, JSON for every event of the broker chaincode
 */
record ChainEvent(long blockNumber, String transactionId, String name, String payload) {

  /** Checks that every field is present. */
  ChainEvent {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(payload, "payload");
  }
}
